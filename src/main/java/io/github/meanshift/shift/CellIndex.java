package io.github.meanshift.shift;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A uniform grid over points sorted by cell: the integer coordinates {@code floor(x_j / side)} of
 * every non-empty cell, in lexicographic order, each with its range {@code [start, end)} of points,
 * and a hash table from coordinates to cell. The table compares the full coordinates, so hash
 * collisions cost time, never correctness.
 *
 * <p>With {@code side} at least the kernel's cut-off radius, every point within the cut-off of a
 * seed lies in the seed's cell or one of the {@code 3^d − 1} adjacent ones: their ranges are the
 * only points the seed needs. Cells are ordered so that the cells differing only in the last
 * coordinate are adjacent, which merges many of those ranges into one.
 */
final class CellIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Cell coordinates are clamped to ±this, so that neighbour arithmetic never overflows; clamping
   * only merges cells far out, which adds candidate points and never drops one.
   */
  static final double COORD_LIMIT = 0x1p60;

  private static final int EMPTY = -1;

  final int dim;
  final double side;

  /** Coordinates of cell {@code c} at {@code [c·dim, (c+1)·dim)}. */
  private final long[] coords;

  /** Points of cell {@code c} are {@code [start[c], start[c+1])}. */
  private final int[] start;

  private final int[] table;

  private CellIndex(int dim, double side, long[] coords, int[] start) {
    this.dim = dim;
    this.side = side;
    this.coords = coords;
    this.start = start;
    int cells = start.length - 1;
    int size = Integer.highestOneBit(Math.max(2, cells) * 2 - 1) * 2;
    this.table = new int[size];
    Arrays.fill(table, EMPTY);
    for (int c = 0; c < cells; c++) {
      int slot = hash(coords, c * dim, dim) & (size - 1);
      while (table[slot] != EMPTY) {
        slot = (slot + 1) & (size - 1);
      }
      table[slot] = c;
    }
  }

  /** The cell coordinate of {@code x} on a grid of side {@code side}, clamped. */
  static long coordinate(double x, double side) {
    double q = Math.floor(x / side);
    return (long) Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, q));
  }

  /** Cell coordinates of {@code n} rows, row {@code i} at {@code [i·dim, (i+1)·dim)}. */
  static long[] coordinates(double[][] cols, int n, double side) {
    int d = cols.length;
    long[] out = new long[n * d];
    for (int j = 0; j < d; j++) {
      double[] c = cols[j];
      for (int i = 0; i < n; i++) {
        out[i * d + j] = coordinate(c[i], side);
      }
    }
    return out;
  }

  /** Lexicographic comparison of two coordinate rows. */
  static int compare(long[] a, int aOff, long[] b, int bOff, int dim) {
    for (int j = 0; j < dim; j++) {
      int c = Long.compare(a[aOff + j], b[bOff + j]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Builds the grid of side {@code side} over the given rows; returns the index and, in {@code
   * orderOut[0]}, the permutation that sorts the rows by cell (row {@code orderOut[0][k]} goes to
   * place {@code k}).
   */
  static CellIndex build(double[][] cols, int n, double side, int[][] orderOut) {
    int d = cols.length;
    long[] pc = coordinates(cols, n, side);
    int[] order = IntSort.order(n, (a, b) -> compare(pc, a * d, pc, b * d, d));
    int cells = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || compare(pc, order[k] * d, pc, order[k - 1] * d, d) != 0) {
        cells++;
      }
    }
    long[] coords = new long[cells * d];
    int[] start = new int[cells + 1];
    int c = -1;
    for (int k = 0; k < n; k++) {
      if (k == 0 || compare(pc, order[k] * d, pc, order[k - 1] * d, d) != 0) {
        c++;
        start[c] = k;
        System.arraycopy(pc, order[k] * d, coords, c * d, d);
      }
    }
    start[cells] = n;
    orderOut[0] = order;
    return new CellIndex(d, side, coords, start);
  }

  /** Non-empty cells. */
  int cells() {
    return start.length - 1;
  }

  int start(int cell) {
    return start[cell];
  }

  int end(int cell) {
    return start[cell + 1];
  }

  /** The cell with coordinates {@code key[off … off+dim)}, or −1 if it holds no point. */
  int find(long[] key, int off) {
    int mask = table.length - 1;
    int slot = hash(key, off, dim) & mask;
    while (true) {
      int c = table[slot];
      if (c == EMPTY) {
        return -1;
      }
      if (compare(coords, c * dim, key, off, dim) == 0) {
        return c;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The point ranges of the cells adjacent to (or equal to) the cell {@code key[off … off+dim)},
   * merged where contiguous, as pairs {@code [from, to)} into {@code out} (cleared first). Visits
   * the {@code 3^d} candidate cells when they are fewer than the non-empty cells, else scans the
   * non-empty cells for a Chebyshev cell distance of at most 1.
   */
  void neighbourRanges(long[] key, int off, IntList out) {
    out.clear();
    int cells = cells();
    if (cells == 0) {
      return;
    }
    if (fewerNeighboursThan(dim, cells)) {
      IntList found = new IntList();
      long[] probe = new long[dim];
      int[] step = new int[dim];
      Arrays.fill(step, -1);
      while (true) {
        for (int j = 0; j < dim; j++) {
          probe[j] = key[off + j] + step[j];
        }
        int c = find(probe, 0);
        if (c >= 0) {
          found.add(c);
        }
        int j = dim - 1;
        while (j >= 0 && step[j] == 1) {
          step[j] = -1;
          j--;
        }
        if (j < 0) {
          break;
        }
        step[j]++;
      }
      // The odometer runs in lexicographic order, as the cells are sorted: already ascending.
      for (int i = 0; i < found.size(); i++) {
        addRange(found.get(i), out);
      }
    } else {
      for (int c = 0; c < cells; c++) {
        if (adjacent(c, key, off)) {
          addRange(c, out);
        }
      }
    }
  }

  private boolean adjacent(int cell, long[] key, int off) {
    int base = cell * dim;
    for (int j = 0; j < dim; j++) {
      long diff = coords[base + j] - key[off + j];
      if (diff > 1 || diff < -1) {
        return false;
      }
    }
    return true;
  }

  private void addRange(int cell, IntList out) {
    int from = start[cell];
    int to = start[cell + 1];
    int n = out.size();
    if (n > 0 && out.get(n - 1) == from) {
      out.set(n - 1, to);
    } else {
      out.add(from);
      out.add(to);
    }
  }

  /** Whether {@code 3^dim < cells}. */
  static boolean fewerNeighboursThan(int dim, int cells) {
    long p = 1;
    for (int j = 0; j < dim; j++) {
      p *= 3;
      if (p >= cells) {
        return false;
      }
    }
    return p < cells;
  }

  private static int hash(long[] a, int off, int dim) {
    long h = 0x9E3779B97F4A7C15L;
    for (int j = 0; j < dim; j++) {
      h = (h ^ a[off + j]) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    h *= 0x94D049BB133111EBL;
    return (int) (h ^ (h >>> 32));
  }
}
