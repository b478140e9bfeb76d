package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.github.meanshift.common.ArrayTables;
import io.github.meanshift.common.Cells;
import io.github.meanshift.common.Columns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One mean-shift pass as a Spark SQL plan on plain double columns: the seeds are broadcast, every
 * point meets every seed (a broadcast nested-loop join), the kernel weight is a built-in
 * expression, and the sums are grouped by an integer seed id. Nothing here is a UDF, an RDD or a
 * vector column, so the RAPIDS Accelerator can run the whole plan on the GPU.
 *
 * <p>A GPU materialises the points × seeds block of a task, so the seeds are sent in batches of at
 * most {@code maxPairsPerTask / rowsPerTask} seeds.
 */
public final class SqlShiftEngine implements ShiftEngine {
  public static final String SEED_ID = "_ms_sid";
  private static final String SEED_PREFIX = "_ms_s";

  private final SparkSession spark;
  private final Dataset<Row> points;
  private final int dim;
  private final Kernel kernel;
  private final double bandwidth;
  private final int seedsPerBatch;
  private final double cellSide;

  /**
   * The exact engine: every point meets every seed.
   *
   * @param points the point set (internal columns)
   * @param maxPairsPerTask bound on the points × seeds block one task may build
   */
  public SqlShiftEngine(PointSet points, Kernel kernel, double bandwidth, long maxPairsPerTask) {
    this(points, kernel, bandwidth, maxPairsPerTask, 0);
  }

  /**
   * The grid engine: points are hashed into cells of the kernel's support radius ({@link
   * JvmShiftEngine#cellSide}); each seed is expanded into the keys of its own and its 3^d − 1
   * adjacent cells and joined to the points on the cell key (a broadcast hash join on a long key),
   * so a seed meets only the points that can have weight. Keys are hashes of the integer cell
   * coordinates: a collision only adds pairs whose weight is then zero.
   */
  public static SqlShiftEngine grid(
      PointSet points, Kernel kernel, double bandwidth, long maxPairsPerTask) {
    return new SqlShiftEngine(
        points, kernel, bandwidth, maxPairsPerTask, JvmShiftEngine.cellSide(kernel, bandwidth));
  }

  private SqlShiftEngine(
      PointSet points, Kernel kernel, double bandwidth, long maxPairsPerTask, double cellSide) {
    this.cellSide = cellSide;
    this.spark = points.data().sparkSession();
    this.points = points.hot();
    this.dim = points.dim();
    this.kernel = kernel;
    this.bandwidth = bandwidth;
    int partitions = Math.max(1, this.points.rdd().getNumPartitions());
    long rowsPerTask = Math.max(1, (points.count() + partitions - 1) / partitions);
    this.seedsPerBatch =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxPairsPerTask / rowsPerTask));
  }

  @Override
  public String name() {
    return cellSide > 0 ? "sql/grid" : "sql/exact";
  }

  /** Seeds per Spark job, from the pair bound. */
  public int seedsPerBatch() {
    return seedsPerBatch;
  }

  @Override
  public ShiftSums sums(double[][] seeds) {
    ShiftSums out = new ShiftSums(seeds.length, dim);
    for (int from = 0; from < seeds.length; from += seedsPerBatch) {
      int to = Math.min(seeds.length, from + seedsPerBatch);
      for (Row r : plan(seeds, from, to).collectAsList()) {
        int sid = r.getInt(0);
        double[] off = new double[dim];
        for (int j = 0; j < dim; j++) {
          off[j] = r.getDouble(2 + j);
        }
        out.add(sid, r.getDouble(1), off, r.getDouble(2 + dim));
      }
    }
    return out;
  }

  /**
   * The plan of one pass over seeds {@code [from, to)}: rows of (seed id, Σ w·k, Σ w·k·(y−s) per
   * feature, support). Public so tests can check where each operator would run.
   */
  public Dataset<Row> plan(double[][] seeds, int from, int to) {
    Dataset<Row> seedFrame = seedFrame(spark, seeds, from, to);
    double h2 = bandwidth * bandwidth;
    Column[] diff = new Column[dim];
    Column d2 = null;
    for (int j = 0; j < dim; j++) {
      diff[j] = col(Columns.feature(j)).minus(col(seedColumn(j)));
      Column sq = diff[j].multiply(diff[j]);
      d2 = d2 == null ? sq : d2.plus(sq);
    }
    Column w = col(Columns.WEIGHT);
    Column kw = kernel.weight(d2.multiply(1.0 / h2)).multiply(w);
    List<Column> pairCols = new ArrayList<>();
    pairCols.add(col(SEED_ID));
    pairCols.add(kw.as("_ms_kw"));
    for (int j = 0; j < dim; j++) {
      pairCols.add(diff[j].as("_ms_d" + j));
    }
    pairCols.add(when(d2.leq(lit(h2)), w).otherwise(lit(0.0)).as("_ms_supp"));
    Dataset<Row> joined =
        cellSide > 0
            ? points
                .withColumn(CELL_KEY, Cells.key(Cells.coordinates(Columns.features(dim), cellSide)))
                .join(
                    broadcast(
                        Cells.explodeNeighbourhood(seedFrame, seedColumns(), cellSide, CELL_KEY)),
                    CELL_KEY)
            : points.crossJoin(broadcast(seedFrame));
    Dataset<Row> pairs =
        joined.select(pairCols.toArray(new Column[0])).where(col("_ms_kw").gt(0.0));
    Column kwc = col("_ms_kw");
    Column[] aggs = new Column[dim + 1];
    for (int j = 0; j < dim; j++) {
      aggs[j] = sum(kwc.multiply(col("_ms_d" + j)));
    }
    aggs[dim] = sum(col("_ms_supp"));
    return pairs.groupBy(col(SEED_ID)).agg(sum(kwc), aggs);
  }

  /** Seeds {@code [from, to)} as a small frame that stays on the GPU ({@link ArrayTables}). */
  static Dataset<Row> seedFrame(SparkSession spark, double[][] seeds, int from, int to) {
    return ArrayTables.of(spark, seeds, from, to, SEED_ID, SEED_PREFIX);
  }

  private static final String CELL_KEY = "_ms_cell";

  private Column[] seedColumns() {
    Column[] c = new Column[dim];
    for (int j = 0; j < dim; j++) {
      c[j] = col(seedColumn(j));
    }
    return c;
  }

  static String seedColumn(int j) {
    return SEED_PREFIX + j;
  }

  @Override
  public void close() {
    // Nothing cached: the points are a Parquet checkpoint owned by the caller.
  }
}
