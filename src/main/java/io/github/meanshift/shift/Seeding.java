package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.github.meanshift.common.Columns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Where the seeds of standard mean shift start. */
public final class Seeding {
  private Seeding() {}

  /**
   * Every distinct point: seeds at equal positions follow equal paths, so one of each is enough
   * (scikit-learn keeps one of each too, when it keys the converged modes by position).
   */
  public static double[][] allPoints(PointSet points) {
    return toArray(allPointsPlan(points), points.dim());
  }

  /** The plan of {@link #allPoints}: distinct positions (and their multiplicity). */
  public static Dataset<Row> allPointsPlan(PointSet points) {
    return points.hot().groupBy(Columns.features(points.dim())).agg(count(lit(1)));
  }

  /**
   * scikit-learn's bin seeding: points are binned on a grid of side {@code binSize} (each
   * coordinate rounded half-to-even, like numpy's round), and the bins whose weight is at least
   * {@code minBinFreq} seed at their grid position. As in scikit-learn, if every point lands in a
   * bin of its own, binning failed and every point is a seed.
   */
  public static double[][] binSeeds(PointSet points, double binSize, double minBinFreq) {
    return toArray(binSeedPlan(points, binSize, minBinFreq), points.dim());
  }

  /**
   * Like {@link #binSeeds} but falling back to every point when binning merged nothing, as
   * scikit-learn's {@code get_bin_seeds} does.
   */
  public static double[][] binSeedsOrAllPoints(PointSet points, double binSize, double minBinFreq) {
    double[][] seeds = binSeeds(points, binSize, minBinFreq);
    return seeds.length == points.count() ? allPoints(points) : seeds;
  }

  /**
   * The bin-seeding plan: rows of grid positions (the feature columns) for bins heavy enough.
   * Public so tests can check where each operator would run.
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

  /** {@link #allPoints(PointSet)} on points held in memory: each distinct row once. */
  public static double[][] allPoints(double[][] x) {
    java.util.LinkedHashMap<java.util.List<Double>, double[]> distinct =
        new java.util.LinkedHashMap<>();
    for (double[] p : x) {
      java.util.List<Double> key = new java.util.ArrayList<>(p.length);
      for (double v : p) {
        key.add(v == 0.0 ? 0.0 : v); // -0.0 and 0.0 are one position
      }
      distinct.putIfAbsent(key, p.clone());
    }
    return distinct.values().toArray(new double[0][]);
  }

  /**
   * {@link #binSeedsOrAllPoints(PointSet, double, double)} on points held in memory: the same bins
   * (coordinates rounded half-to-even with {@link Math#rint}, as numpy and Spark's bround), the
   * same threshold on the bin weight, the same fallback to every point.
   */
  public static double[][] binSeedsOrAllPoints(
      double[][] x, double[] w, double binSize, double minBinFreq) {
    java.util.LinkedHashMap<java.util.List<Double>, Double> bins = new java.util.LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      java.util.List<Double> key = new java.util.ArrayList<>(x[i].length);
      for (double v : x[i]) {
        double b = Math.rint(v / binSize);
        key.add(b == 0.0 ? 0.0 : b);
      }
      bins.merge(key, w[i], Double::sum);
    }
    java.util.List<double[]> seeds = new java.util.ArrayList<>();
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
    return seeds.size() == x.length ? allPoints(x) : seeds.toArray(new double[0][]);
  }

  private static double[][] toArray(Dataset<Row> frame, int d) {
    List<Row> rows = frame.collectAsList();
    double[][] out = new double[rows.size()][d];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < d; j++) {
        out[i][j] = rows.get(i).getDouble(j);
      }
    }
    return out;
  }
}
