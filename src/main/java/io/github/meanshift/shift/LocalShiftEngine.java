package io.github.meanshift.shift;

import java.util.stream.IntStream;

/**
 * The JVM engine's loops run on the driver, over points held in its memory, for data small enough
 * that a Spark job per iteration would cost more than the iteration: no job, no task, no broadcast.
 * Seeds are split across the driver's cores; each core runs the same cache-tiled loops ({@link
 * ShiftLoops}, exact or grid) as a {@link JvmShiftEngine} task does over its partition.
 */
public final class LocalShiftEngine implements ShiftEngine {
  private final PointBlock block;
  private final int dim;
  private final Kernel kernel;
  private final double bandwidth;
  private final boolean grid;
  private final int threads;

  /**
   * @param x points (rows), all of one dimension
   * @param w weight of each point
   * @param stats their statistics (for the range check)
   * @param names feature names (for messages)
   * @param grid visit only a seed's own and adjacent cells
   */
  public LocalShiftEngine(
      double[][] x,
      double[] w,
      PointStats stats,
      String[] names,
      Kernel kernel,
      double bandwidth,
      boolean grid) {
    if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
      throw new IllegalArgumentException("bandwidth must be finite and positive, got " + bandwidth);
    }
    this.dim = names.length;
    JvmShiftEngine.checkExtent(stats, names, bandwidth);
    double[][] cols = new double[dim][x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < dim; j++) {
        cols[j][i] = x[i][j];
      }
    }
    this.block =
        PointBlock.of(
            cols, w, x.length, grid ? JvmShiftEngine.cellSide(kernel, bandwidth) : Double.NaN);
    this.kernel = kernel;
    this.bandwidth = bandwidth;
    this.grid = grid;
    this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String name() {
    return grid ? "local/grid" : "local/exact";
  }

  @Override
  public ShiftSums sums(double[][] seeds) {
    int m = seeds.length;
    double[] flat = JvmShiftEngine.flattenSeeds(seeds, dim, bandwidth);
    int chunks = Math.max(1, Math.min(m, threads * 4));
    int per = (m + chunks - 1) / Math.max(1, chunks);
    ShiftSums out = new ShiftSums(m, dim);
    PartialSums[] parts = new PartialSums[chunks];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              int from = c * per;
              int to = Math.min(m, from + per);
              if (from < to) {
                double[] part = java.util.Arrays.copyOfRange(flat, from * dim, to * dim);
                parts[c] = block.pass(part, to - from, kernel, bandwidth);
              }
            });
    for (int c = 0; c < chunks; c++) {
      if (parts[c] != null) {
        parts[c].copyInto(out, c * per);
      }
    }
    return out;
  }

  @Override
  public void close() {
    // Nothing to release: the points are plain arrays.
  }
}
