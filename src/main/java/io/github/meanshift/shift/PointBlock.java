package io.github.meanshift.shift;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * The points of one partition as a structure of arrays: one {@code double[]} per feature and one of
 * weights; with a grid, sorted by cell with a {@link CellIndex}. Points of weight zero are left out
 * (they add nothing to any sum). Memory: {@code 8·(d+1)} bytes per point, plus with a grid about
 * {@code 8·d + 12} bytes per non-empty cell.
 */
final class PointBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int dim;
  final int size;
  final double[][] cols;
  final double[] weights;

  /** Null without a grid. */
  final CellIndex cells;

  private PointBlock(double[][] cols, double[] weights, int size, CellIndex cells) {
    this.dim = cols.length;
    this.size = size;
    this.cols = cols;
    this.weights = weights;
    this.cells = cells;
  }

  /**
   * Reads rows of {@link PointSet#hot()} (id, {@code dim} features, weight).
   *
   * @param side grid cell side, or {@code NaN} for no grid
   */
  static PointBlock fromRows(Iterator<Row> rows, int dim, double side) {
    int cap = 1024;
    double[][] cols = new double[dim][cap];
    double[] w = new double[cap];
    int n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      double wi = r.getDouble(dim + 1);
      if (wi == 0) {
        continue;
      }
      if (n == cap) {
        cap = cap * 2;
        for (int j = 0; j < dim; j++) {
          cols[j] = Arrays.copyOf(cols[j], cap);
        }
        w = Arrays.copyOf(w, cap);
      }
      for (int j = 0; j < dim; j++) {
        cols[j][n] = r.getDouble(j + 1);
      }
      w[n] = wi;
      n++;
    }
    return of(cols, w, n, side);
  }

  /**
   * A block of the first {@code n} points of {@code cols}/{@code w} (copied, trimmed and, with a
   * grid, sorted by cell).
   *
   * @param side grid cell side, or {@code NaN} for no grid
   */
  static PointBlock of(double[][] cols, double[] w, int n, double side) {
    int dim = cols.length;
    double[][] c = new double[dim][];
    double[] wt;
    CellIndex cells = null;
    if (Double.isNaN(side)) {
      for (int j = 0; j < dim; j++) {
        c[j] = Arrays.copyOf(cols[j], n);
      }
      wt = Arrays.copyOf(w, n);
    } else {
      int[][] order = new int[1][];
      cells = CellIndex.build(cols, n, side, order);
      int[] o = order[0];
      for (int j = 0; j < dim; j++) {
        c[j] = new double[n];
        for (int k = 0; k < n; k++) {
          c[j][k] = cols[j][o[k]];
        }
      }
      wt = new double[n];
      for (int k = 0; k < n; k++) {
        wt[k] = w[o[k]];
      }
    }
    return new PointBlock(c, wt, n, cells);
  }

  /**
   * The sums of this block's points for every seed.
   *
   * @param seeds {@code m} seeds of this block's dimension, row-major
   */
  PartialSums pass(double[] seeds, int m, Kernel kernel, double bandwidth) {
    PartialSums out = new PartialSums(m, dim);
    if (size == 0 || m == 0) {
      return out;
    }
    SeedTile tile = new SeedTile(dim);
    double inv = 1.0 / (bandwidth * bandwidth);
    if (cells == null) {
      int[] all = {0, size};
      for (int from = 0; from < m; from += tile.capacity) {
        tile.load(seeds, null, from, Math.min(m, from + tile.capacity));
        ShiftLoops.run(cols, weights, all, 2, tile, kernel, inv);
        tile.addTo(out);
      }
    } else {
      gridPass(seeds, m, kernel, inv, tile, out);
    }
    return out;
  }

  /** Seeds grouped by cell; each group meets only the points of its cell's neighbours. */
  private void gridPass(
      double[] seeds, int m, Kernel kernel, double inv, SeedTile tile, PartialSums out) {
    int d = dim;
    long[] sc = new long[m * d];
    for (int s = 0; s < m; s++) {
      for (int j = 0; j < d; j++) {
        sc[s * d + j] = CellIndex.coordinate(seeds[s * d + j], cells.side);
      }
    }
    int[] order = IntSort.order(m, (a, b) -> CellIndex.compare(sc, a * d, sc, b * d, d));
    IntList ranges = new IntList();
    int g = 0;
    while (g < m) {
      int e = g + 1;
      while (e < m && CellIndex.compare(sc, order[g] * d, sc, order[e] * d, d) == 0) {
        e++;
      }
      cells.neighbourRanges(sc, order[g] * d, ranges);
      if (ranges.size() > 0) {
        for (int from = g; from < e; from += tile.capacity) {
          tile.load(seeds, order, from, Math.min(e, from + tile.capacity));
          ShiftLoops.run(cols, weights, ranges.array(), ranges.size(), tile, kernel, inv);
          tile.addTo(out);
        }
      }
      g = e;
    }
  }
}
