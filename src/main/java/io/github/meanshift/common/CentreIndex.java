package io.github.meanshift.common;

import java.util.HashMap;
import java.util.Map;

/**
 * The nearest centre of points held in memory, with the same rule as {@link NearestCentres} (first
 * on ties, -1 beyond maxDistance), fast for many centres: in at most {@link
 * NearestCentres#MAX_CELL_DIM} dimensions the centres are hashed into cells of side {@code
 * cellSide} and a point looks at its own and adjacent cells first; a point with no centre within
 * {@code cellSide} there scans all of them.
 */
public final class CentreIndex {
  private final double[][] centers;
  private final double side;
  private final Map<CellKey, int[]> cells;

  /**
   * @param cellSide side of the cells; NaN (or too many dimensions) for none: every point scans
   */
  public CentreIndex(double[][] centers, double cellSide) {
    this.centers = centers;
    int d = centers.length == 0 ? 0 : centers[0].length;
    boolean useCells =
        centers.length > NearestCentres.EXPRESSION_CENTRES
            && d <= NearestCentres.MAX_CELL_DIM
            && cellSide > 0
            && !Double.isInfinite(cellSide);
    this.side = useCells ? cellSide : Double.NaN;
    this.cells = useCells ? index(centers, cellSide) : null;
  }

  private static Map<CellKey, int[]> index(double[][] centers, double side) {
    Map<CellKey, java.util.List<Integer>> lists = new HashMap<>();
    for (int c = 0; c < centers.length; c++) {
      lists.computeIfAbsent(CellKey.of(centers[c], side), k -> new java.util.ArrayList<>()).add(c);
    }
    Map<CellKey, int[]> out = new HashMap<>();
    lists.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  /** The index of the nearest centre to {@code x}, or -1 beyond {@code maxDistance}. */
  public int nearest(double[] x, double maxDistance) {
    if (cells != null) {
      int found = nearestInCells(x);
      if (found >= 0) {
        double d2 = Distances.squared(x, centers[found]);
        if (d2 <= side * side) {
          return Double.isInfinite(maxDistance) || d2 <= maxDistance * maxDistance ? found : -1;
        }
      }
      if (!Double.isInfinite(maxDistance) && maxDistance <= side) {
        return -1; // every centre within maxDistance would have been in the cells
      }
    }
    return Labeler.nearest(x, centers, maxDistance);
  }

  /** The nearest centre of the point's own and adjacent cells (first index on ties), or -1. */
  private int nearestInCells(double[] x) {
    int d = x.length;
    long[] own = CellKey.of(x, side).coords();
    long[] probe = new long[d];
    int best = -1;
    double bestD2 = Double.POSITIVE_INFINITY;
    long count = Cells.neighbourhood(d);
    for (long n = 0; n < count; n++) {
      long rest = n;
      for (int j = 0; j < d; j++) {
        probe[j] = own[j] + (rest % 3) - 1;
        rest /= 3;
      }
      int[] in = cells.get(new CellKey(probe.clone()));
      if (in == null) {
        continue;
      }
      for (int c : in) {
        double d2 = Distances.squared(x, centers[c]);
        if (d2 < bestD2 || (d2 == bestD2 && c < best)) {
          bestD2 = d2;
          best = c;
        }
      }
    }
    return best;
  }
}
