package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.col;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Distances;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Estimates the bandwidth as scikit-learn's {@code estimate_bandwidth} does: the mean, over the
 * points, of the distance to their k-th nearest neighbour, with {@code k = max(1, ⌊quantile·n⌋)}
 * counting the point itself (at distance 0). To scale, it works on a uniform sample of at most
 * {@code sampleSize} points; when the data are no larger than that it is exactly scikit-learn's
 * estimate. With sample weights, a point of weight w counts as w points: k = max(1, ⌊quantile·Σw⌋),
 * the k-th neighbour is the nearest at which the weight within reaches k, and the mean is weighted
 * (so duplicated rows and their counts as weights give the same estimate).
 */
public final class BandwidthEstimator {
  private BandwidthEstimator() {}

  /** Estimates h from {@code points}; {@code seed} makes the sample reproducible. */
  public static double estimate(PointSet points, double quantile, int sampleSize, long seed) {
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
    }
    int d = points.dim();
    Dataset<Row> sample = sample(points, sampleSize, seed);
    Column[] cols = new Column[d + 1];
    System.arraycopy(Columns.features(d), 0, cols, 0, d);
    cols[d] = col(Columns.WEIGHT);
    List<Row> rows = sample.select(cols).collectAsList();
    double[][] x = new double[rows.size()][d];
    double[] w = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = rows.get(i).getDouble(j);
      }
      w[i] = rows.get(i).getDouble(d);
    }
    return estimate(x, w, quantile);
  }

  /**
   * The same estimate as a Spark SQL plan, for the GPU: the sample is crossed with itself (the
   * sample broadcast), each point's neighbours are ordered by distance with a running sum of their
   * weights, and the k-th neighbour is the nearest one at which that sum reaches k. One small job
   * first counts the sample to fix k. Returns a one-row frame whose only column is h; with unit
   * weights it equals {@link #estimate(double[][], double[], double)}.
   */
  public static Dataset<Row> plan(PointSet points, double quantile, int sampleSize, long seed) {
    int d = points.dim();
    Dataset<Row> sample = sample(points, sampleSize, seed);
    Column total = functions.sum(col(Columns.WEIGHT)).over(Window.partitionBy());
    Column k =
        functions
            .greatest(functions.floor(total.multiply(quantile)), functions.lit(1L))
            .cast("double");
    Column[] a = new Column[d + 3];
    Column[] b = new Column[d + 2];
    a[0] = col(Columns.PID).as("_bw_a");
    b[0] = col(Columns.PID).as("_bw_b");
    Column d2 = null;
    for (int j = 0; j < d; j++) {
      a[j + 1] = col(Columns.feature(j)).as("_bw_a" + j);
      b[j + 1] = col(Columns.feature(j)).as("_bw_b" + j);
      Column diff = col("_bw_a" + j).minus(col("_bw_b" + j));
      d2 = d2 == null ? diff.multiply(diff) : d2.plus(diff.multiply(diff));
    }
    a[d + 1] = col(Columns.WEIGHT).as("_bw_aw");
    a[d + 2] = k.as("_bw_k");
    b[d + 1] = col(Columns.WEIGHT).as("_bw_bw");
    WindowSpec byDistance =
        Window.partitionBy("_bw_a")
            .orderBy(col("_bw_d2"))
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    return sample
        .select(a)
        .crossJoin(functions.broadcast(sample.select(b)))
        .select(col("_bw_a"), col("_bw_aw"), col("_bw_k"), col("_bw_bw"), d2.as("_bw_d2"))
        .withColumn("_bw_cum", functions.sum(col("_bw_bw")).over(byDistance))
        .where(col("_bw_cum").geq(col("_bw_k")))
        .groupBy(col("_bw_a"), col("_bw_aw"))
        .agg(functions.sqrt(functions.min(col("_bw_d2"))).as("_bw_r"))
        .agg(
            functions
                .sum(col("_bw_r").multiply(col("_bw_aw")))
                .divide(functions.sum(col("_bw_aw")))
                .as("bandwidth"));
  }

  private static Dataset<Row> sample(PointSet points, int sampleSize, long seed) {
    long n = points.count();
    return n <= sampleSize
        ? points.hot()
        : points.hot().sample(false, Math.min(1.0, 1.2 * sampleSize / n), seed).limit(sampleSize);
  }

  /**
   * The estimate on points held in memory, on a uniform sample of at most {@code sampleSize} of
   * them (all of them, and so exactly scikit-learn's estimate, when there are no more).
   */
  public static double estimate(
      double[][] x, double[] w, double quantile, int sampleSize, long seed) {
    if (x.length <= sampleSize) {
      return estimate(x, w, quantile);
    }
    int[] idx = new java.util.Random(seed).ints(0, x.length).distinct().limit(sampleSize).toArray();
    double[][] sx = new double[idx.length][];
    double[] sw = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      sx[i] = x[idx[i]];
      sw[i] = w[idx[i]];
    }
    return estimate(sx, sw, quantile);
  }

  /** The estimate on points held in memory, weighted by {@code w}. */
  public static double estimate(double[][] x, double[] w, double quantile) {
    int n = x.length;
    if (n == 0) {
      throw new IllegalArgumentException("cannot estimate a bandwidth from no points");
    }
    boolean unit = Arrays.stream(w).allMatch(v -> v == 1.0);
    double total = Arrays.stream(w).sum();
    double k = Math.max(1, Math.floor(total * quantile));
    double[] kth =
        IntStream.range(0, n)
            .parallel()
            .mapToDouble(i -> unit ? kthUnit(x, i, (int) k) : kthWeighted(x, w, i, k))
            .toArray();
    double sum = 0;
    double wsum = 0;
    for (int i = 0; i < n; i++) {
      sum += w[i] * kth[i];
      wsum += w[i];
    }
    return sum / wsum;
  }

  /** Distance from x[i] to its k-th nearest point (itself first). */
  private static double kthUnit(double[][] x, int i, int k) {
    double[] d2 = squaredDistances(x, i);
    return Math.sqrt(select(d2, k - 1));
  }

  /** Smallest distance r such that the points within r of x[i] weigh at least k. */
  private static double kthWeighted(double[][] x, double[] w, int i, double k) {
    double[] d2 = squaredDistances(x, i);
    Integer[] idx = new Integer[d2.length];
    for (int j = 0; j < idx.length; j++) {
      idx[j] = j;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(d2[a], d2[b]));
    double acc = 0;
    for (int j : idx) {
      acc += w[j];
      if (acc >= k) {
        return Math.sqrt(d2[j]);
      }
    }
    return Math.sqrt(d2[idx[idx.length - 1]]);
  }

  private static double[] squaredDistances(double[][] x, int i) {
    double[] d2 = new double[x.length];
    double[] p = x[i];
    for (int j = 0; j < x.length; j++) {
      d2[j] = Distances.squared(p, x[j]);
    }
    return d2;
  }

  /** The element of rank {@code r} (0-based) of {@code a}, by quickselect; reorders a. */
  static double select(double[] a, int r) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (r <= j) {
        hi = j;
      } else if (r >= i) {
        lo = i;
      } else {
        return a[r];
      }
    }
    return a[r];
  }
}
