package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

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
    return points.hot().groupBy(PointSet.featureColumns(points.dim())).agg(count(lit(1)));
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
      bins[j] = bround(col(PointSet.feature(j)).divide(binSize), 0).as(b);
      centres[j] = col(b).multiply(binSize).as(PointSet.feature(j));
    }
    return points
        .hot()
        .groupBy(bins)
        .agg(sum(col(PointSet.WEIGHT)).as("_ms_binw"))
        .where(col("_ms_binw").geq(minBinFreq))
        .select(centres);
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
