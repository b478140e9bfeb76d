package io.github.meanshift.ml;

import io.github.meanshift.common.Columns;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.ShiftEngine;
import io.github.meanshift.shift.SqlShiftEngine;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Which engine runs the passes of a fit and which pairs it visits, decided once per fit and logged
 * with the reason.
 *
 * <ul>
 *   <li>Engine: {@code sql} (a DataFrame plan the RAPIDS Accelerator runs on GPUs) when a GPU is
 *       configured, else {@code jvm} (a tight loop per partition over cached arrays, several times
 *       faster on CPUs); a param forces either.
 *   <li>Neighbours: {@code grid} visits only a seed's own and adjacent cells (side = the kernel's
 *       support radius); {@code auto} picks it when the dimension is at most {@link #MAX_GRID_DIM}
 *       and, on a sample, a seed's 3^d cells hold less than {@link #MAX_GRID_FRACTION} of the
 *       points. Above that dimension 3^d cells cost more than they save and data in high dimension
 *       rarely leave cells empty, so {@code exact} runs.
 * </ul>
 */
final class EngineChoice {
  /** Highest dimension at which auto considers the grid (3^6 = 729 cells a seed). */
  static final int MAX_GRID_DIM = 6;

  /** auto picks the grid when a seed's neighbourhood holds less than this share of the points. */
  static final double MAX_GRID_FRACTION = 0.3;

  /** Points sampled to estimate that share. */
  static final int GRID_SAMPLE = 2000;

  final boolean jvm;
  final boolean grid;
  final boolean local;
  final String reason;

  private EngineChoice(boolean jvm, boolean grid, String reason, boolean local) {
    this.jvm = jvm;
    this.grid = grid;
    this.reason = reason;
    this.local = local;
  }

  /** Whether the session loads the RAPIDS Accelerator's SQL plugin. */
  static boolean gpuConfigured(SparkSession spark) {
    String plugins = spark.conf().get("spark.plugins", "");
    return plugins.contains("com.nvidia.spark.SQLPlugin")
        && !spark.conf().get("spark.rapids.sql.enabled", "true").equalsIgnoreCase("false");
  }

  /** Whether the JVM engine runs: asked for, or auto without a GPU. */
  static boolean useJvm(MeanShiftParams params, SparkSession spark) {
    String engine = params.getEngine().toLowerCase(Locale.ROOT);
    return engine.equals("jvm") || (engine.equals("auto") && !gpuConfigured(spark));
  }

  /** The engine and neighbour search for a distributed point set. */
  static EngineChoice choose(
      MeanShiftParams params,
      boolean jvm,
      PointSet points,
      Kernel kernel,
      double bandwidth,
      long seed) {
    String engine = params.getEngine().toLowerCase(Locale.ROOT);
    String why =
        engine.equals("auto")
            ? (jvm ? "jvm: no GPU configured" : "sql: the RAPIDS Accelerator is configured")
            : engine + ": as asked";
    String neighbors = params.getNeighbors().toLowerCase(Locale.ROOT);
    if (!neighbors.equals("auto")) {
      return asked(jvm, why, neighbors, false);
    }
    if (points.dim() > MAX_GRID_DIM) {
      return decide(jvm, why, null, points.dim(), kernel, bandwidth, false);
    }
    return decide(jvm, why, sample(points, seed), points.dim(), kernel, bandwidth, false);
  }

  /** The neighbour search for points held by the driver (the engine is the local JVM loop). */
  static EngineChoice chooseOnDriver(
      MeanShiftParams params, double[][] x, Kernel kernel, double bandwidth, long seed) {
    String why = "local: " + x.length + " points, at most localMaxPoints, held by the driver";
    String neighbors = params.getNeighbors().toLowerCase(Locale.ROOT);
    if (!neighbors.equals("auto")) {
      return asked(true, why, neighbors, true);
    }
    int d = x[0].length;
    if (d > MAX_GRID_DIM || x.length <= GRID_SAMPLE) {
      return decide(true, why, d > MAX_GRID_DIM ? null : x, d, kernel, bandwidth, true);
    }
    java.util.Random r = new java.util.Random(seed);
    double[][] sample = new double[GRID_SAMPLE][];
    for (int i = 0; i < GRID_SAMPLE; i++) {
      sample[i] = x[r.nextInt(x.length)];
    }
    return decide(true, why, sample, d, kernel, bandwidth, true);
  }

  private static EngineChoice asked(boolean jvm, String why, String neighbors, boolean local) {
    return new EngineChoice(
        jvm, neighbors.equals("grid"), why + "; neighbours " + neighbors + ": as asked", local);
  }

  /** auto: grid when the dimension allows and a seed's cells hold few of the sampled points. */
  private static EngineChoice decide(
      boolean jvm,
      String why,
      double[][] sample,
      int d,
      Kernel kernel,
      double bandwidth,
      boolean local) {
    if (sample == null) {
      return new EngineChoice(
          jvm,
          false,
          why + "; neighbours exact: " + d + " features, above the grid's " + MAX_GRID_DIM,
          local);
    }
    double fraction =
        JvmShiftEngine.neighbourFraction(sample, JvmShiftEngine.cellSide(kernel, bandwidth));
    boolean grid = fraction < MAX_GRID_FRACTION;
    return new EngineChoice(
        jvm,
        grid,
        String.format(
            Locale.ROOT,
            "%s; neighbours %s: a seed's 3^%d cells hold %.1f%% of the points (sample), %s %.0f%%",
            why,
            grid ? "grid" : "exact",
            d,
            100 * fraction,
            grid ? "below" : "not below",
            100 * MAX_GRID_FRACTION),
        local);
  }

  private static double[][] sample(PointSet points, long seed) {
    long n = points.count();
    int d = points.dim();
    List<Row> rows =
        (n <= GRID_SAMPLE
                ? points.hot()
                : points
                    .hot()
                    .sample(false, Math.min(1.0, 1.5 * GRID_SAMPLE / n), seed)
                    .limit(GRID_SAMPLE))
            .select(Columns.features(d))
            .collectAsList();
    double[][] x = new double[rows.size()][d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = rows.get(i).getDouble(j);
      }
    }
    return x;
  }

  /** The engine over {@code points} (the blurring iterations build one per iteration). */
  ShiftEngine engine(PointSet points, Kernel kernel, double bandwidth, long maxPairsPerTask) {
    if (jvm) {
      return new JvmShiftEngine(points, kernel, bandwidth, grid);
    }
    if (grid) {
      return SqlShiftEngine.grid(points, kernel, bandwidth, maxPairsPerTask);
    }
    return new SqlShiftEngine(points, kernel, bandwidth, maxPairsPerTask);
  }

  /** "sql/exact", "jvm/grid", "local/grid", ... */
  String name() {
    return (local ? "local" : jvm ? "jvm" : "sql") + "/" + (grid ? "grid" : "exact");
  }
}
