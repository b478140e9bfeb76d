package io.github.meanshift.ml;

import static org.apache.spark.sql.functions.col;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.NearestCentres;
import io.github.meanshift.common.Rows;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.Seeding;
import io.github.meanshift.shift.ShiftEngine;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Points partitioned across the executors: the internal columns (id, features, weight) written once
 * to a Parquet checkpoint in a {@link WorkDir} and read back as a plain file scan, which the GPU
 * reads natively and which cuts the lineage. Seeds and cluster sizes are SQL plans over it; the
 * engine is the JVM loop per partition or the SQL plan ({@link EngineChoice}). Closing deletes the
 * checkpoint.
 */
final class DistributedPoints implements Points {
  /** Oversampling of Spark's Bernoulli sample, so that the limit is nearly always reached. */
  static final double SAMPLE_OVERSHOOT = 1.2;

  private final WorkDir work;
  private final PointSet set;

  private DistributedPoints(WorkDir work, PointSet set) {
    this.work = work;
    this.set = set;
  }

  /**
   * Checkpoints {@code hot} (internal columns) into {@code work}, which the points then own, and
   * checks its values in the same pass that gathers the statistics.
   */
  static DistributedPoints checkpoint(
      Dataset<Row> hot, String[] names, String weightCol, WorkDir work) {
    Dataset<Row> stored = work.materialize(hot, "points");
    PointStats stats = PointStats.compute(stored, names, weightCol);
    return new DistributedPoints(work, new PointSet(stored, names, stats));
  }

  @Override
  public PointStats stats() {
    return set.stats();
  }

  @Override
  public String[] featureNames() {
    return set.featureNames();
  }

  @Override
  public boolean onDriver() {
    return false;
  }

  @Override
  public DriverPoints sample(int size, long seed) {
    long n = count();
    Dataset<Row> rows =
        n <= size
            ? set.hot()
            : set.hot().sample(false, Math.min(1.0, SAMPLE_OVERSHOOT * size / n), seed).limit(size);
    return driverPoints(rows.collectAsList());
  }

  @Override
  public DriverPoints collect() {
    return driverPoints(set.hot().collectAsList());
  }

  /** Rows of (id, features..., weight), already checked when the points were read. */
  private DriverPoints driverPoints(List<Row> rows) {
    double[][] x = Rows.matrix(rows, 1, dim());
    double[] w = Rows.column(rows, 1 + dim());
    return new DriverPoints(x, w, featureNames(), PointStats.of(x, w));
  }

  @Override
  public Candidates distinctPositions(long limit) {
    return candidates(Seeding.allPointsPlan(set), limit);
  }

  @Override
  public Candidates binSeeds(double binSize, double minBinFreq, long limit) {
    return candidates(Seeding.binSeedPlan(set, binSize, minBinFreq), limit);
  }

  /** The plan's positions when it has at most {@code limit} rows (counted first unless n is). */
  private Candidates candidates(Dataset<Row> plan, long limit) {
    long rows = count() <= limit ? -1 : plan.count();
    if (rows > limit) {
      return new Candidates(rows, null);
    }
    return Candidates.of(Rows.matrix(plan.collectAsList(), 0, dim()), limit);
  }

  @Override
  public double[][] weightedSample(int size, long seed) {
    Column w = col(Columns.WEIGHT);
    Column key =
        functions.log(functions.lit(1.0).minus(functions.rand(seed))).multiply(-1.0).divide(w);
    List<Row> rows =
        set.hot()
            .where(w.gt(0))
            .orderBy(key)
            .limit(size)
            .select(Columns.features(dim()))
            .collectAsList();
    return Rows.matrix(rows, 0, dim());
  }

  @Override
  public Dataset<Row> frame(SparkSession spark) {
    return set.hot();
  }

  /**
   * Writes {@code df} under {@code name} in the fit's work directory and reads it back; a name
   * written again replaces the earlier frame.
   */
  Dataset<Row> store(Dataset<Row> df, String name) {
    return work.materialize(df, name);
  }

  @Override
  public ShiftEngine engine(
      EngineChoice choice, Kernel kernel, double bandwidth, long maxPairsPerTask) {
    return choice.engine(set, kernel, bandwidth, maxPairsPerTask);
  }

  @Override
  public ShiftEngine engineAt(
      double[][] positions,
      double[] weights,
      EngineChoice choice,
      Kernel kernel,
      double bandwidth,
      long maxPairsPerTask) {
    PointSet moved =
        PointSet.fromArrays(
            set.data().sparkSession(),
            positions,
            weights,
            set.featureNames(),
            df -> work.materialize(df, "positions"));
    return choice.engine(moved, kernel, bandwidth, maxPairsPerTask);
  }

  @Override
  public long[] clusterSizes(double[][] centers, double maxDistance, double cellSide) {
    long[] sizes = new long[centers.length + 1];
    Dataset<Row> labelled =
        NearestCentres.assign(
            set.hot(), Columns.features(dim()), centers, maxDistance, cellSide, LABEL);
    for (Row r : sizesPlan(labelled, col(LABEL)).collectAsList()) {
      int k = r.getInt(0);
      sizes[k < 0 ? centers.length : k] = r.getLong(1);
    }
    return sizes;
  }

  private static final String LABEL = "_ms_label";

  /** Rows (label, count); the label is aliased so a constant label is not a GROUP BY ordinal. */
  static Dataset<Row> sizesPlan(Dataset<Row> points, Column label) {
    return points.groupBy(label.as(LABEL)).count();
  }

  @Override
  public void close() {
    work.close();
  }

  @Override
  public String toString() {
    return count() + " points, " + dim() + " features, checkpointed to " + work.where();
  }
}
