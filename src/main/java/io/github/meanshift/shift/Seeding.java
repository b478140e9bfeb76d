package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.github.meanshift.common.Columns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where the seeds of standard mean shift start: every distinct point (seeds at equal positions
 * follow equal paths, so one of each is enough, as scikit-learn keeps one of each when it keys the
 * converged modes by position), or scikit-learn's bin seeding. Each comes as a Spark SQL plan for
 * partitioned points and as a loop for points held in memory; both bin a coordinate the same way
 * (rounded half-to-even, like numpy's round: Spark's {@code bround}, Java's {@link Math#rint}).
 */
public final class Seeding {
  private Seeding() {}

  /** The distinct positions of {@code points} (rows of the feature columns, and a count). */
  public static Dataset<Row> allPointsPlan(PointSet points) {
    return points.hot().groupBy(Columns.features(points.dim())).agg(count(lit(1)));
  }

  /**
   * scikit-learn's bin seeding: points binned on a grid of side {@code binSize}, and a seed at the
   * grid position of each bin whose weight is at least {@code minBinFreq} (rows of the feature
   * columns).
   */
  public static Dataset<Row> binSeedPlan(PointSet points, double binSize, double minBinFreq) {
    int d = points.dim();
    Column[] bins = new Column[d];
    Column[] centres = new Column[d];
    for (int j = 0; j < d; j++) {
      String b = "_ms_b" + j;
      bins[j] = bround(col(Columns.feature(j)).divide(binSize), 0).as(b);
      centres[j] = col(b).multiply(binSize).as(Columns.feature(j));
    }
    return points
        .hot()
        .groupBy(bins)
        .agg(sum(col(Columns.WEIGHT)).as("_ms_binw"))
        .where(col("_ms_binw").geq(minBinFreq))
        .select(centres);
  }

  /** {@link #allPointsPlan} on points held in memory: each distinct row once, in order. */
  public static double[][] allPoints(double[][] x) {
    LinkedHashMap<List<Double>, double[]> distinct = new LinkedHashMap<>();
    for (double[] p : x) {
      List<Double> key = new ArrayList<>(p.length);
      for (double v : p) {
        key.add(v == 0.0 ? 0.0 : v); // -0.0 and 0.0 are one position
      }
      distinct.putIfAbsent(key, p.clone());
    }
    return distinct.values().toArray(new double[0][]);
  }

  /** {@link #binSeedPlan} on points held in memory (weights {@code w}). */
  public static double[][] binSeeds(double[][] x, double[] w, double binSize, double minBinFreq) {
    LinkedHashMap<List<Double>, Double> bins = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      List<Double> key = new ArrayList<>(x[i].length);
      for (double v : x[i]) {
        double b = Math.rint(v / binSize);
        key.add(b == 0.0 ? 0.0 : b);
      }
      bins.merge(key, w[i], Double::sum);
    }
    List<double[]> seeds = new ArrayList<>();
    bins.forEach(
        (key, weight) -> {
          if (weight >= minBinFreq) {
            double[] s = new double[key.size()];
            for (int j = 0; j < s.length; j++) {
              s[j] = key.get(j) * binSize;
            }
            seeds.add(s);
          }
        });
    return seeds.toArray(new double[0][]);
  }
}
