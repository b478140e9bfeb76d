package io.github.meanshift.shift;

/**
 * A tile of seeds for the JVM kernel loops: their coordinates as one array per feature and their
 * running sums, sized so that a tile and its sums stay in the L1 cache while a range of points
 * streams past. One tile is allocated per task and reused for every group of seeds.
 */
final class SeedTile {
  /** Bytes of L1 cache a tile may fill: coordinates, sums and scratch of every seed in it. */
  private static final int L1_BUDGET_BYTES = 24 * 1024;

  private static final int MIN_CAPACITY = 64;
  private static final int MAX_CAPACITY = 512;

  final int dim;
  final int capacity;

  /** Seeds now in the tile, at most {@link #capacity}. */
  int size;

  /** Index of each tile seed in the pass's seed list. */
  final int[] ids;

  /** {@code pos[j][s]}: feature {@code j} of tile seed {@code s}. */
  final double[][] pos;

  /** Σ w·k per tile seed. */
  final double[] weight;

  /** {@code offset[j][s]}: Σ w·k·(y_j − s_j). */
  final double[][] offset;

  /** Σ w over points with {@code u ≤ 1}. */
  final double[] support;

  /**
   * Scratch of the loops: the squared distances of one point to the tile's seeds (then their {@code
   * u}), and the kernel's values.
   */
  final double[] scratchU;

  final double[] scratchK;

  SeedTile(int dim) {
    this(dim, capacityFor(dim));
  }

  SeedTile(int dim, int capacity) {
    this.dim = dim;
    this.capacity = capacity;
    this.ids = new int[capacity];
    this.pos = new double[dim][capacity];
    this.offset = new double[dim][capacity];
    this.weight = new double[capacity];
    this.support = new double[capacity];
    this.scratchU = new double[capacity];
    this.scratchK = new double[capacity];
  }

  /** Seeds per tile for dimension {@code dim}: as many as fit the L1 budget, within bounds. */
  static int capacityFor(int dim) {
    int perSeed = 8 * (2 * dim + 4);
    int c = (L1_BUDGET_BYTES / perSeed) & ~7;
    return Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, c));
  }

  /**
   * Loads seeds {@code order[from..to)} (or seeds {@code from..to} when {@code order} is null) of
   * the flat seed array {@code seeds} ({@code m·dim}, row-major) and zeroes the sums.
   */
  void load(double[] seeds, int[] order, int from, int to) {
    int n = to - from;
    if (n > capacity) {
      throw new IllegalArgumentException("tile of " + n + " seeds exceeds capacity " + capacity);
    }
    size = n;
    for (int s = 0; s < n; s++) {
      int id = order == null ? from + s : order[from + s];
      ids[s] = id;
      for (int j = 0; j < dim; j++) {
        pos[j][s] = seeds[id * dim + j];
      }
    }
    java.util.Arrays.fill(weight, 0, n, 0.0);
    java.util.Arrays.fill(support, 0, n, 0.0);
    for (int j = 0; j < dim; j++) {
      java.util.Arrays.fill(offset[j], 0, n, 0.0);
    }
  }

  /** Adds the tile's sums into a pass result laid out as in {@link PartialSums}. */
  void addTo(PartialSums out) {
    for (int s = 0; s < size; s++) {
      int id = ids[s];
      out.values[id] += weight[s];
      out.values[out.supportBase + id] += support[s];
      int base = out.offsetBase + id * dim;
      for (int j = 0; j < dim; j++) {
        out.values[base + j] += offset[j][s];
      }
    }
  }
}
