package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Columns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Count, total weight and per-feature range of a point set, gathered in one aggregation that also
 * checks the values: every feature finite, every weight finite and non-negative.
 */
public final class PointStats {
  private final long count;
  private final double totalWeight;
  private final double[] min;
  private final double[] max;

  PointStats(long count, double totalWeight, double[] min, double[] max) {
    this.count = count;
    this.totalWeight = totalWeight;
    this.min = min;
    this.max = max;
  }

  /**
   * Computes the statistics of {@code data} (internal columns of {@link PointSet}) and rejects
   * non-finite features, bad weights and empty input with an {@link IllegalArgumentException}
   * naming the offending column by its user name.
   */
  public static PointStats compute(Dataset<Row> data, String[] featureNames, String weightName) {
    int d = featureNames.length;
    List<Column> aggs = new ArrayList<>();
    aggs.add(functions.count(lit(1)));
    aggs.add(sum(col(Columns.WEIGHT)));
    aggs.add(sum(badValue(col(Columns.WEIGHT)).or(col(Columns.WEIGHT).lt(0)).cast("long")));
    for (int j = 0; j < d; j++) {
      Column f = col(Columns.feature(j));
      aggs.add(functions.min(f));
      aggs.add(functions.max(f));
      aggs.add(sum(badValue(f).cast("long")));
    }
    Row r = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long n = r.getLong(0);
    double[] lo = new double[d];
    double[] hi = new double[d];
    long[] bad = new long[d];
    for (int j = 0; j < d && n > 0; j++) {
      lo[j] = r.isNullAt(3 + 3 * j) ? Double.NaN : r.getDouble(3 + 3 * j);
      hi[j] = r.isNullAt(4 + 3 * j) ? Double.NaN : r.getDouble(4 + 3 * j);
      bad[j] = r.getLong(5 + 3 * j);
    }
    double total = r.isNullAt(1) ? 0 : r.getDouble(1);
    long badWeights = r.isNullAt(2) ? 0 : r.getLong(2);
    return validated(n, total, badWeights, bad, lo, hi, featureNames, weightName);
  }

  /**
   * Statistics of points held in memory, checked like {@link #compute}: every coordinate finite (a
   * missing value is NaN here), every weight finite and non-negative, some weight positive.
   */
  public static PointStats of(double[][] x, double[] w, String[] featureNames, String weightName) {
    int d = featureNames.length;
    long[] bad = new long[d];
    long badWeights = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(x[i][j])) {
          bad[j]++;
        }
      }
      if (!Double.isFinite(w[i]) || w[i] < 0) {
        badWeights++;
      }
    }
    PointStats unchecked =
        badWeights == 0 && java.util.Arrays.stream(bad).sum() == 0 ? of(x, w) : null;
    return validated(
        x.length,
        unchecked == null ? 0 : unchecked.totalWeight,
        badWeights,
        bad,
        unchecked == null ? new double[d] : unchecked.min,
        unchecked == null ? new double[d] : unchecked.max,
        featureNames,
        weightName);
  }

  private static PointStats validated(
      long n,
      double total,
      long badWeights,
      long[] badFeatures,
      double[] lo,
      double[] hi,
      String[] featureNames,
      String weightName) {
    if (n == 0) {
      throw new BadInputException("the input has no rows");
    }
    if (badWeights > 0) {
      throw new BadInputException(
          "weight column '"
              + weightName
              + "' has "
              + badWeights
              + " value(s) that are null, NaN, infinite or negative");
    }
    for (int j = 0; j < featureNames.length; j++) {
      if (badFeatures[j] > 0) {
        throw new BadInputException(
            "feature column '"
                + featureNames[j]
                + "' has "
                + badFeatures[j]
                + " value(s) that are missing (empty field or short line), NaN or infinite");
      }
    }
    if (!(total > 0)) {
      throw new BadInputException(
          "weight column '" + weightName + "' sums to zero: no point carries any weight");
    }
    return new PointStats(n, total, lo, hi);
  }

  /** Statistics of points held on the driver (rows of {@code x}, weights {@code w}), unchecked. */
  public static PointStats of(double[][] x, double[] w) {
    int d = x.length == 0 ? 0 : x[0].length;
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      total += w[i];
      for (int j = 0; j < d; j++) {
        lo[j] = Math.min(lo[j], x[i][j]);
        hi[j] = Math.max(hi[j], x[i][j]);
      }
    }
    return new PointStats(x.length, total, lo, hi);
  }

  private static Column badValue(Column c) {
    return when(
            c.isNull()
                .or(isnan(c))
                .or(c.equalTo(Double.POSITIVE_INFINITY))
                .or(c.equalTo(Double.NEGATIVE_INFINITY)),
            lit(true))
        .otherwise(lit(false));
  }

  public long count() {
    return count;
  }

  public double totalWeight() {
    return totalWeight;
  }

  public double min(int j) {
    return min[j];
  }

  public double max(int j) {
    return max[j];
  }
}
