package io.github.meanshift.common;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/** Squared Euclidean distance, between points held in memory and as a column expression. */
public final class Distances {
  private Distances() {}

  /** Squared Euclidean distance between two points of the same dimension. */
  public static double squared(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return s;
  }

  /** Squared distance from the point in {@code features} (one column each) to {@code center}. */
  public static Column squared(Column[] features, double[] center) {
    Column s = null;
    for (int j = 0; j < features.length; j++) {
      Column diff = features[j].minus(lit(center[j]));
      Column sq = diff.multiply(diff);
      s = s == null ? sq : s.plus(sq);
    }
    return s;
  }
}
