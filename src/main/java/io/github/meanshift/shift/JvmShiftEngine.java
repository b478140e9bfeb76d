package io.github.meanshift.shift;

import io.github.meanshift.common.BadInputException;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * One mean-shift pass as a JVM loop per partition (the CPU engine). The points of each partition
 * are converted once, at construction, into a block of plain {@code double[]} columns (one per
 * feature, plus the weights), cached {@code MEMORY_AND_DISK}; with {@code grid} the block is sorted
 * by grid cell and indexed. Each {@link #sums} broadcasts the seeds, runs the tiled loops of {@code
 * ShiftLoops} over every block, and adds the partial sums with a tree reduce.
 *
 * <p><b>Neighbours.</b> Exact ({@code jvm/exact}): every point meets every seed. Grid ({@code
 * jvm/grid}): cells of side {@link #cellSide} (the kernel's cut-off radius, slightly widened
 * against rounding), and a seed meets only the points of its own and the adjacent cells, which hold
 * every point within the cut-off, so the sums equal the exact ones up to summation order. The grid
 * pays off in few dimensions; {@link #neighbourFraction} estimates how much of the data a seed's
 * neighbourhood holds, to choose between the two.
 *
 * <p><b>Loops.</b> By default the loops are plain Java that HotSpot auto-vectorises ({@code
 * ShiftLoops}). When the JVM runs with {@code --add-modules jdk.incubator.vector} (driver and
 * executors, e.g. in {@code spark.driver.extraJavaOptions} and {@code
 * spark.executor.extraJavaOptions}), an explicit Vector API loop ({@code VectorLoops}) takes over:
 * about 2x faster when most pairs are beyond the cut-off, which it skips a vector at a time; the
 * JVM then prints "WARNING: Using incubator modules" on stderr at start. {@code
 * -Dmeanshift.vector=false} keeps the plain loops even then.
 *
 * <p><b>Results.</b> The same sums as {@link SqlShiftEngine} up to floating-point rounding: pair
 * weights are {@link Kernel#weight(double)} of {@code u = d²·(1/h²)}, except that the Gaussian uses
 * a polynomial for {@code exp} (relative error below 2e-14), and the support counts the points with
 * {@code u ≤ 1} (the SQL engine tests {@code d² ≤ h²}, which can differ only for a pair at exactly
 * one bandwidth).
 *
 * <p><b>Memory.</b> A block holds each point of its partition once: {@code 8·(d+1)} bytes per point
 * (plus, with a grid, about {@code 8·d + 12} bytes per non-empty cell and a transient {@code 8·d +
 * 8} bytes per point while it is built). The seeds are broadcast whole, {@code 8·d} bytes per seed;
 * each task also holds its partial sums, {@code 8·(d+2)} bytes per seed, and an L1-sized tile of at
 * most 512 seeds. No points × seeds matrix is ever built: per-task memory is bounded by the block
 * and the seed count, whatever the number of pairs.
 *
 * <p><b>Range.</b> Coordinates must stay within {@code ±1e100·h} (checked on the points' range and
 * on every seed), so that no intermediate of the branch-free loops overflows.
 *
 * <p><b>Partitions.</b> If the points have fewer partitions than Spark's default parallelism, they
 * are repartitioned to it once (a shuffle of the hot columns), so that every core gets a block.
 *
 * <p>The engine is driver-side only: the Spark closures capture local copies of its fields, never
 * the engine.
 */
public final class JvmShiftEngine implements ShiftEngine {
  /**
   * Relative widening of the grid cell beyond the cut-off radius, so that rounding in {@code
   * x/side} and in {@code u} can never put a pair within the cut-off two cells apart (safe up to
   * about 1e9 cells from the origin per axis).
   */
  static final double CELL_MARGIN = 1e-6;

  private final JavaSparkContext jsc;
  private final int dim;
  private final Kernel kernel;
  private final double bandwidth;
  private final boolean grid;
  private final JavaRDD<PointBlock> blocks;
  private boolean closed;

  /**
   * Converts and caches the blocks (runs one Spark job).
   *
   * @param points the point set (internal columns)
   * @param kernel the kernel profile
   * @param bandwidth h, finite and positive
   * @param grid whether seeds meet only the points of adjacent grid cells
   * @throws IllegalArgumentException on a null argument, a bad bandwidth, or coordinates beyond
   *     {@code ±1e100·h}
   */
  public JvmShiftEngine(PointSet points, Kernel kernel, double bandwidth, boolean grid) {
    if (points == null) {
      throw new IllegalArgumentException("points must not be null");
    }
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
      throw new IllegalArgumentException("bandwidth must be finite and positive, got " + bandwidth);
    }
    this.dim = points.dim();
    checkExtent(points.stats(), points.featureNames(), bandwidth);
    this.kernel = kernel;
    this.bandwidth = bandwidth;
    this.grid = grid;
    Dataset<Row> hot = points.hot();
    this.jsc = JavaSparkContext.fromSparkContext(hot.sparkSession().sparkContext());
    int parallelism = Math.max(1, jsc.defaultParallelism());
    if (hot.rdd().getNumPartitions() < parallelism) {
      hot = hot.repartition(parallelism);
    }
    final int d = dim;
    final double side = grid ? cellSide(kernel, bandwidth) : Double.NaN;
    this.blocks =
        hot.javaRDD()
            .mapPartitions(
                (Iterator<Row> rows) ->
                    Collections.singletonList(PointBlock.fromRows(rows, d, side)).iterator())
            .setName("mean-shift point blocks (" + name() + ")")
            .persist(StorageLevel.MEMORY_AND_DISK());
    blocks.count();
  }

  /**
   * Grid cell side for a kernel and bandwidth: the kernel's cut-off radius {@code radius()·h},
   * widened by {@link #CELL_MARGIN} against rounding.
   */
  public static double cellSide(Kernel kernel, double bandwidth) {
    return kernel.radius() * bandwidth * (1 + CELL_MARGIN);
  }

  /**
   * How much of the data a seed's grid neighbourhood holds, estimated on a sample: the mean, over
   * the sample's points taken as seeds, of the number of sample points in the seed's cell and its
   * {@code 3^d − 1} adjacent cells, divided by the sample size. About 1 means the grid prunes
   * nothing (use the exact engine); a small fraction {@code f} means a grid pass visits about
   * {@code f} of the pairs an exact pass does (plus overhead per cell). Costs about {@code cells ×
   * min(3^d, cells) × d} operations, so pass a sample of a few thousand points.
   *
   * @param sample points, all of the same dimension (not modified)
   * @param side cell side, e.g. {@link #cellSide}
   * @return a fraction in {@code (0, 1]}
   * @throws IllegalArgumentException on an empty or ragged sample or a bad side
   */
  public static double neighbourFraction(double[][] sample, double side) {
    if (sample == null || sample.length == 0) {
      throw new IllegalArgumentException("the sample must hold at least one point");
    }
    if (!(side > 0) || Double.isInfinite(side)) {
      throw new IllegalArgumentException("the cell side must be finite and positive, got " + side);
    }
    int n = sample.length;
    int d = sample[0].length;
    double[][] cols = new double[d][n];
    for (int i = 0; i < n; i++) {
      if (sample[i] == null || sample[i].length != d) {
        throw new IllegalArgumentException(
            "sample point " + i + " does not have " + d + " coordinates");
      }
      for (int j = 0; j < d; j++) {
        cols[j][i] = sample[i][j];
      }
    }
    int[][] order = new int[1][];
    CellIndex cells = CellIndex.build(cols, n, side, order);
    long[] key = new long[d];
    IntList ranges = new IntList();
    double total = 0;
    for (int c = 0; c < cells.cells(); c++) {
      int first = order[0][cells.start(c)];
      for (int j = 0; j < d; j++) {
        key[j] = CellIndex.coordinate(sample[first][j], side);
      }
      cells.neighbourRanges(key, 0, ranges);
      long near = 0;
      for (int r = 0; r < ranges.size(); r += 2) {
        near += ranges.get(r + 1) - ranges.get(r);
      }
      total += (double) near * (cells.end(c) - cells.start(c));
    }
    return total / ((double) n * n);
  }

  @Override
  public String name() {
    return grid ? "jvm/grid" : "jvm/exact";
  }

  /** Whether seeds meet only the points of adjacent grid cells. */
  public boolean grid() {
    return grid;
  }

  /**
   * Checks that the data's coordinates stay within what the branch-free loops handle at this
   * bandwidth.
   */
  static void checkExtent(PointStats stats, String[] names, double bandwidth) {
    double limit = ShiftLoops.MAX_SCALED_COORDINATE * bandwidth;
    for (int j = 0; j < names.length; j++) {
      double extent = Math.max(Math.abs(stats.min(j)), Math.abs(stats.max(j)));
      if (!(extent <= limit)) {
        throw new BadInputException(
            "feature "
                + names[j]
                + " reaches "
                + extent
                + ", beyond what the JVM engine handles at bandwidth "
                + bandwidth
                + " (|x|/h must stay below "
                + ShiftLoops.MAX_SCALED_COORDINATE
                + ")");
      }
    }
  }

  /** The seeds row-major in one array, each checked for dimension and range. */
  static double[] flattenSeeds(double[][] seeds, int d, double bandwidth) {
    int m = seeds.length;
    double[] flat = new double[Math.multiplyExact(m, d)];
    double limit = ShiftLoops.MAX_SCALED_COORDINATE * bandwidth;
    for (int i = 0; i < m; i++) {
      if (seeds[i] == null || seeds[i].length != d) {
        throw new IllegalArgumentException(
            "seed " + i + " does not have " + d + " coordinates (the data's dimension)");
      }
      for (int j = 0; j < d; j++) {
        if (!(Math.abs(seeds[i][j]) <= limit)) {
          throw new BadInputException(
              "seed " + i + " has coordinate " + seeds[i][j] + " (not finite, or |x|/h too large)");
        }
      }
      System.arraycopy(seeds[i], 0, flat, i * d, d);
    }
    return flat;
  }

  @Override
  public ShiftSums sums(double[][] seeds) {
    if (closed) {
      throw new IllegalStateException("engine " + name() + " is closed");
    }
    if (seeds == null) {
      throw new IllegalArgumentException("seeds must not be null");
    }
    final int m = seeds.length;
    final int d = dim;
    if (m == 0) {
      return new ShiftSums(0, d);
    }
    double[] flat = flattenSeeds(seeds, d, bandwidth);
    final Kernel k = kernel;
    final double h = bandwidth;
    final Broadcast<double[]> bc = jsc.broadcast(flat);
    try {
      PartialSums total =
          blocks
              .mapPartitions(
                  (Iterator<PointBlock> it) -> {
                    PartialSums acc = null;
                    while (it.hasNext()) {
                      PartialSums p = it.next().pass(bc.value(), m, k, h);
                      acc = acc == null ? p : acc.merge(p);
                    }
                    return Collections.singletonList(acc == null ? new PartialSums(m, d) : acc)
                        .iterator();
                  })
              .reduce(PartialSums::merge);
      return total.toShiftSums();
    } finally {
      bc.destroy();
    }
  }

  /** Unpersists the cached blocks; later calls to {@link #sums} fail. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      blocks.unpersist(false);
    }
  }
}
