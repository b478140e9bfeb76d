package io.github.meanshift.shift;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.CellKey;
import io.github.meanshift.common.Distances;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the end positions of the seeds into cluster centres, as scikit-learn does: seeds are ranked
 * by support (the weight of points within one bandwidth), ties broken by coordinates in descending
 * lexicographic order; walking down the ranking, a seed becomes a centre unless it lies within one
 * bandwidth of a centre already kept. The centres come out in ranking order, which is the order of
 * the cluster labels.
 */
public final class ModeMerger {
  private ModeMerger() {}

  /** Centres and the support of each, in label order, and the centre each mode went to. */
  public static final class Centers {
    private final double[][] centers;
    private final double[] support;
    private final int[] owner;

    Centers(double[][] centers, double[] support, int[] owner) {
      this.centers = centers;
      this.support = support;
      this.owner = owner;
    }

    public double[][] centers() {
      return centers;
    }

    public double[] support() {
      return support;
    }

    /**
     * For each mode given to {@link #merge}, the centre it became or was suppressed by (the first
     * centre in label order within h of it); -1 for a dropped mode (one that found no points).
     */
    public int[] owner() {
      return owner;
    }
  }

  /**
   * Merges modes; those with support 0 found no points and are dropped.
   *
   * @param modes end position of each seed
   * @param support support of each seed
   * @param bandwidth h: a mode within h of a stronger one is suppressed
   * @throws IllegalArgumentException if no seed found any point
   */
  public static Centers merge(double[][] modes, double[] support, double bandwidth) {
    boolean[] found = new boolean[modes.length];
    for (int i = 0; i < modes.length; i++) {
      found[i] = support[i] > 0;
    }
    return merge(modes, support, found, bandwidth);
  }

  /** Merges the modes of a run: those it did not find points for are dropped. */
  public static Centers merge(StandardMeanShift.Result run, double bandwidth) {
    return merge(run.modes(), run.support(), run.found(), bandwidth);
  }

  /**
   * Merges modes.
   *
   * @param modes end position of each seed
   * @param support support of each seed: the ranking (a Gaussian mode can have support 0, no point
   *     within h, and still be kept)
   * @param found whether each seed found points; the others are dropped
   * @param bandwidth h: a mode within h of a stronger one is suppressed
   * @throws IllegalArgumentException if no seed found any point
   */
  public static Centers merge(
      double[][] modes, double[] support, boolean[] found, double bandwidth) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < modes.length; i++) {
      if (found[i]) {
        order.add(i);
      }
    }
    if (order.isEmpty()) {
      throw new BadInputException(
          "no point was within bandwidth="
              + bandwidth
              + " of any seed; try another seeding or a larger bandwidth");
    }
    Comparator<Integer> bySupport = Comparator.comparingDouble(i -> support[i]);
    Comparator<Integer> byCoords = (a, b) -> Arrays.compare(modes[a], modes[b]);
    order.sort(bySupport.thenComparing(byCoords).reversed());
    double h2 = bandwidth * bandwidth;
    List<double[]> kept = new ArrayList<>();
    List<Double> keptSupport = new ArrayList<>();
    int[] owner = new int[modes.length];
    Arrays.fill(owner, -1);
    int d = modes.length == 0 ? 0 : modes[0].length;
    // Many modes in few dimensions: the kept centres in cells of side h, so that a mode looks only
    // at its own and the adjacent cells (every centre within h of it is there).
    Map<CellKey, List<Integer>> cells =
        bandwidth > 0 && d <= GRID_MAX_DIM && order.size() > GRID_MIN_MODES
            ? new HashMap<>()
            : null;
    for (int i : order) {
      if (cells == null) {
        for (int c = 0; c < kept.size() && owner[i] < 0; c++) {
          if (Distances.squared(kept.get(c), modes[i]) <= h2) {
            owner[i] = c;
          }
        }
      } else {
        owner[i] = firstWithin(cells, kept, modes[i], bandwidth, h2);
      }
      if (owner[i] < 0) {
        owner[i] = kept.size();
        kept.add(modes[i].clone());
        keptSupport.add(support[i]);
        if (cells != null) {
          cells
              .computeIfAbsent(CellKey.of(modes[i], bandwidth), k -> new ArrayList<>())
              .add(owner[i]);
        }
      }
    }
    double[] s = new double[kept.size()];
    for (int k = 0; k < s.length; k++) {
      s[k] = keptSupport.get(k);
    }
    return new Centers(kept.toArray(new double[0][]), s, owner);
  }

  /** Highest dimension in which the merge looks up kept centres by cell (3^d cells a mode). */
  static final int GRID_MAX_DIM = 6;

  /** Fewer modes than this merge by the plain scan. */
  static final int GRID_MIN_MODES = 256;

  /** The first kept centre (lowest index) within h of {@code x}, or -1. */
  private static int firstWithin(
      Map<CellKey, List<Integer>> cells, List<double[]> kept, double[] x, double h, double h2) {
    long[] own = CellKey.of(x, h).coords();
    int d = own.length;
    int neighbours = (int) Math.pow(3, d);
    int best = -1;
    long[] c = new long[d];
    for (int n = 0; n < neighbours; n++) {
      int code = n;
      for (int j = 0; j < d; j++) {
        c[j] = own[j] + (code % 3) - 1;
        code /= 3;
      }
      List<Integer> in = cells.get(new CellKey(c));
      if (in == null) {
        continue;
      }
      for (int k : in) {
        if ((best < 0 || k < best) && Distances.squared(kept.get(k), x) <= h2) {
          best = k;
        }
      }
    }
    return best;
  }
}
