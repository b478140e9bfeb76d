package io.github.meanshift.ml;

import io.github.meanshift.common.NamedEnum;
import io.github.meanshift.shift.EngineType;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.Neighbors;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.ShiftEngine;
import io.github.meanshift.shift.SqlShiftEngine;
import java.util.Locale;
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

  /**
   * Share of the points a seed's pass visits: 1 for the exact search, the sampled share of its
   * neighbourhood for the grid (what one seed costs, for the seed cap).
   */
  final double reach;

  private EngineChoice(boolean jvm, boolean grid, String reason, boolean local, double reach) {
    this.jvm = jvm;
    this.grid = grid;
    this.reason = reason;
    this.local = local;
    this.reach = reach;
  }

  /** Whether the session loads the RAPIDS Accelerator's SQL plugin. */
  static boolean gpuConfigured(SparkSession spark) {
    String plugins = spark.conf().get("spark.plugins", "");
    return plugins.contains("com.nvidia.spark.SQLPlugin")
        && !spark.conf().get("spark.rapids.sql.enabled", "true").equalsIgnoreCase("false");
  }

  /** Whether the JVM engine runs: asked for, or auto without a GPU. */
  static boolean useJvm(MeanShiftParams params, SparkSession spark) {
    EngineType engine = NamedEnum.parse(EngineType.class, params.getEngine(), "engine");
    return engine == EngineType.JVM || (engine == EngineType.AUTO && !gpuConfigured(spark));
  }

  /** No pass runs (a chosen bandwidth of 0 clusters the distinct values). */
  static EngineChoice none(Points points) {
    return new EngineChoice(true, false, "no pass: the bandwidth is 0", points.onDriver(), 1);
  }

  /** The engine and neighbour search for {@code points}, with the reason for each. */
  static EngineChoice choose(
      MeanShiftParams params, Points points, boolean jvm, Kernel kernel, double bandwidth) {
    EngineType engine = NamedEnum.parse(EngineType.class, params.getEngine(), "engine");
    String why =
        points.onDriver()
            ? "local: " + points.count() + " points, at most localMaxPoints, held by the driver"
            : engine == EngineType.AUTO
                ? (jvm ? "jvm: no GPU configured" : "sql: the RAPIDS Accelerator is configured")
                : engine + ": as asked";
    boolean local = points.onDriver();
    Neighbors neighbors = NamedEnum.parse(Neighbors.class, params.getNeighbors(), "neighbors");
    if (neighbors == Neighbors.EXACT) {
      return new EngineChoice(jvm, false, why + "; neighbours exact: as asked", local, 1);
    }
    if (neighbors == Neighbors.GRID) {
      return new EngineChoice(
          jvm,
          true,
          why + "; neighbours grid: as asked",
          local,
          neighbourFraction(params, points, kernel, bandwidth));
    }
    int d = points.dim();
    if (d > MAX_GRID_DIM) {
      return new EngineChoice(
          jvm,
          false,
          why + "; neighbours exact: " + d + " features, above the grid's " + MAX_GRID_DIM,
          local,
          1);
    }
    double fraction = neighbourFraction(params, points, kernel, bandwidth);
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
        local,
        grid ? fraction : 1);
  }

  /** On a sample, the share of the points in a seed's 3^d grid cells. */
  private static double neighbourFraction(
      MeanShiftParams params, Points points, Kernel kernel, double bandwidth) {
    double[][] sample = points.sample(GRID_SAMPLE, params.getSeed()).x;
    return JvmShiftEngine.neighbourFraction(sample, JvmShiftEngine.cellSide(kernel, bandwidth));
  }

  /** The distributed engine over {@code points}: the JVM loop per partition or the SQL plan. */
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
