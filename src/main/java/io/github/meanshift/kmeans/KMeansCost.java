package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.sum;

import io.github.meanshift.common.Labeler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The k-means cost of given centres on a data set, in one aggregate pass. */
public final class KMeansCost {
  private KMeansCost() {}

  /**
   * Σ weight × squared distance to the nearest of {@code centres} over the rows of {@code data}
   * (rows with a null feature or weight are left out), the quantity MLlib calls the training cost.
   *
   * @param data the points
   * @param featureCols names of the numeric feature columns, in the centres' order
   * @param weightCol name of a numeric weight column, or null for weight 1
   * @param centres the centres
   */
  public static double of(
      Dataset<Row> data, String[] featureCols, String weightCol, double[][] centres) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    KMeansData points = KMeansData.of(data, featureCols, weightCol);
    if (centres == null || centres.length == 0) {
      throw new IllegalArgumentException("centres must hold at least one centre");
    }
    for (double[] c : centres) {
      if (c == null || c.length != points.dim()) {
        throw new IllegalArgumentException(
            "centres: every centre needs " + points.dim() + " values (one per feature column)");
      }
    }
    return of(points, centres);
  }

  static double of(KMeansData points, double[][] centres) {
    Row r =
        points
            .points()
            .agg(sum(points.weighted(Labeler.nearestSquaredDistance(points.features(), centres))))
            .first();
    return r.isNullAt(0) ? 0 : r.getDouble(0);
  }
}
