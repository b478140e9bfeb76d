package io.github.meanshift.shift;

import io.github.meanshift.common.CellKey;
import io.github.meanshift.common.Distances;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Blurring mean shift (the seed notebook's algorithm): every iteration replaces each point by its
 * kernel-weighted mean over the current point set, so the data themselves move and each cluster
 * collapses to a point within a few iterations.
 *
 * <p>Run long enough, the collapsed clusters drift toward each other and merge (with a Gaussian
 * kernel everything ends as one point), so a plain "largest shift ≤ tol·h" rule stops far too late.
 * This implementation stops as soon as the clusters have collapsed and stopped changing, in the
 * spirit of Carreira-Perpiñán ("Fast nonparametric clustering with Gaussian blurring mean-shift",
 * ICML 2006, who stops once the points of each cluster move as one): points closer than {@link
 * #COLLAPSE_FRACTION}·h are linked into clusters, and the run stops when
 *
 * <ul>
 *   <li>every cluster of two or more points lies within that distance of its mean (collapsed),
 *   <li>the partition is the same as in the previous iteration, and
 *   <li>no cluster would reach another within {@link #MERGE_HORIZON} iterations at the speed it
 *       moved in this one (collapsed clusters far apart only drift; sub-clusters of one blob, and
 *       stray points being pulled in, close the gap in a few iterations).
 * </ul>
 *
 * It also stops when the largest shift is at most tol·h, or after maxIter iterations.
 */
public final class BlurringMeanShift {
  /**
   * Fraction of h within which points are one cluster and a cluster counts as collapsed. Gaussian
   * blurring converges cubically inside a cluster, so collapsing to 1e-3·h costs an iteration or
   * two more than 1e-2·h while keeping clusters that are merely close apart.
   */
  public static final double COLLAPSE_FRACTION = 1e-3;

  /**
   * Iterations a stable state must last at the current speeds: a cluster whose shift times this
   * reaches the nearest other cluster is still merging. On scikit-learn's three blobs at h = 0.6,
   * the collapsed blobs are 2 apart and drift 0.04 per iteration (50 iterations from contact);
   * sub-clusters of one blob close their gap in 2 to 5.
   */
  public static final int MERGE_HORIZON = 20;

  private BlurringMeanShift() {}

  /** Why a run stopped. */
  public enum Stop {
    COLLAPSED,
    TOLERANCE,
    MAX_ITER
  }

  /** Final positions, clusters and history of a run. */
  public static final class Result {
    private final double[][] positions;
    private final int[] labels;
    private final double[][] centers;
    private final Stop stop;
    private final List<IterationStats> iterations;
    private final int distinct;

    Result(
        double[][] positions,
        int[] labels,
        double[][] centers,
        Stop stop,
        List<IterationStats> iterations,
        int distinct) {
      this.positions = positions;
      this.labels = labels;
      this.centers = centers;
      this.stop = stop;
      this.iterations = iterations;
      this.distinct = distinct;
    }

    public double[][] positions() {
      return positions;
    }

    /** Cluster of each point; clusters numbered by total weight, heaviest first. */
    public int[] labels() {
      return labels;
    }

    /** Weighted mean of each cluster's final positions. */
    public double[][] centers() {
      return centers;
    }

    public Stop stop() {
      return stop;
    }

    public List<IterationStats> iterations() {
      return iterations;
    }

    /**
     * Distinct positions the last pass moved: the points, or fewer once points that met were
     * collapsed into one weighted position.
     */
    public int distinct() {
      return distinct;
    }

    /** The same clusters with another history (a run that began elsewhere). */
    public Result withIterations(List<IterationStats> history) {
      return new Result(positions, labels, centers, stop, List.copyOf(history), distinct);
    }
  }

  /**
   * The clusters of positions a run has left: components at {@link #COLLAPSE_FRACTION}·h, numbered
   * by weight, as at the end of {@link #run}.
   */
  public static Result clustersOf(
      double[][] pos, double[] w, double bandwidth, Stop stop, List<IterationStats> history) {
    int[] labels = components(pos, COLLAPSE_FRACTION * bandwidth);
    return finish(pos, w, labels, stop, List.copyOf(history), pos.length);
  }

  /**
   * Runs blurring mean shift on points {@code x} with weights {@code w}.
   *
   * <p>Points that meet (one snap cell of side {@link #COLLAPSE_FRACTION}·h/√d, so within the
   * collapse distance of each other, hence already one cluster) move on as one position carrying
   * their summed weight, as in {@link HaloBlurring}: once the clusters have collapsed a pass costs
   * one position per cluster, not one per point. Their weighted mean is kept, so the centres move
   * by second-order terms only (of the cell's spread, at most 1e-3·h).
   *
   * @param engineOver builds an engine whose data are the given current positions and weights
   * @param bandwidth h
   * @param tol stop when the largest shift is at most tol·h
   * @param maxIter most iterations
   * @param log receives one line per iteration
   */
  public static Result run(
      BiFunction<double[][], double[], ShiftEngine> engineOver,
      double[][] x,
      double[] w,
      double bandwidth,
      double tol,
      int maxIter,
      Consumer<IterationStats> log) {
    int n = x.length;
    int d = n == 0 ? 0 : x[0].length;
    double[][] pos = new double[n][];
    for (int i = 0; i < n; i++) {
      pos[i] = x[i].clone();
    }
    // pos[k] is a distinct position, carrying weight pw[k] and count[k] points; point i is at
    // pos[member[i]]. Positions stay numbered in the order of their first point.
    double[] pw = w.clone();
    long[] count = new long[n];
    Arrays.fill(count, 1);
    int[] member = new int[n];
    Arrays.setAll(member, i -> i);
    double eps = COLLAPSE_FRACTION * bandwidth;
    double side = eps / Math.sqrt(Math.max(1, d));
    int[] previous = null;
    Stop stop = Stop.MAX_ITER;
    List<IterationStats> history = new ArrayList<>();
    for (int iter = 1; iter <= maxIter; iter++) {
      long start = System.nanoTime();
      ShiftSums sums;
      try (ShiftEngine engine = engineOver.apply(pos, pw)) {
        sums = engine.sums(pos);
      }
      int m = pos.length;
      double[][] next = new double[m][d];
      double maxShift = 0;
      long moving = 0;
      for (int k = 0; k < m; k++) {
        double wk = sums.weight(k);
        double s2 = 0;
        for (int j = 0; j < d; j++) {
          double step = wk > 0 ? sums.offset(k, j) / wk : 0;
          next[k][j] = pos[k][j] + step;
          s2 += step * step;
        }
        double shift = Math.sqrt(s2);
        maxShift = Math.max(maxShift, shift);
        if (shift > tol * bandwidth) {
          moving += count[k];
        }
      }
      int[] labels = components(next, eps);
      int[] pointLabels = new int[n];
      for (int i = 0; i < n; i++) {
        pointLabels[i] = labels[member[i]];
      }
      boolean stable =
          previous != null
              && Arrays.equals(previous, pointLabels)
              && collapsed(next, labels, eps)
              && apart(next, pos, labels);
      pos = next;
      IterationStats stats =
          new IterationStats(iter, n, maxShift, moving, (System.nanoTime() - start) / 1e9);
      history.add(stats);
      log.accept(stats);
      if (stable) {
        stop = Stop.COLLAPSED;
        break;
      }
      if (maxShift <= tol * bandwidth) {
        stop = Stop.TOLERANCE;
        break;
      }
      previous = pointLabels;
      Collapse c = collapse(pos, pw, count, side);
      if (c != null) {
        for (int i = 0; i < n; i++) {
          member[i] = c.of[member[i]];
        }
        pos = c.positions;
        pw = c.weights;
        count = c.counts;
      }
    }
    int[] repLabels = components(pos, eps);
    double[][] points = new double[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      points[i] = pos[member[i]];
      labels[i] = repLabels[member[i]];
    }
    return finish(points, w, labels, stop, history, pos.length);
  }

  /** Positions merged by snap cell: where each old one went, and the new ones' sums. */
  private record Collapse(int[] of, double[][] positions, double[] weights, long[] counts) {}

  /**
   * Merges the positions that share a snap cell of side {@code side} into their weighted mean (the
   * plain mean where their weights sum to zero), numbered by first member; null when no two share
   * one.
   */
  private static Collapse collapse(double[][] pos, double[] w, long[] count, double side) {
    int m = pos.length;
    Map<CellKey, Integer> cells = new HashMap<>(2 * m);
    int[] of = new int[m];
    for (int k = 0; k < m; k++) {
      Integer id = cells.putIfAbsent(CellKey.of(pos[k], side), cells.size());
      of[k] = id == null ? cells.size() - 1 : id;
    }
    int c = cells.size();
    if (c == m) {
      return null;
    }
    int d = pos[0].length;
    double[][] sum = new double[c][d];
    double[][] plain = new double[c][d];
    double[] weights = new double[c];
    long[] counts = new long[c];
    for (int k = 0; k < m; k++) {
      int t = of[k];
      weights[t] += w[k];
      counts[t] += count[k];
      for (int j = 0; j < d; j++) {
        sum[t][j] += w[k] * pos[k][j];
        plain[t][j] += count[k] * pos[k][j];
      }
    }
    for (int t = 0; t < c; t++) {
      for (int j = 0; j < d; j++) {
        sum[t][j] = weights[t] > 0 ? sum[t][j] / weights[t] : plain[t][j] / counts[t];
      }
    }
    return new Collapse(of, sum, weights, counts);
  }

  private static Result finish(
      double[][] pos,
      double[] w,
      int[] raw,
      Stop stop,
      List<IterationStats> history,
      int distinct) {
    int n = pos.length;
    int d = n == 0 ? 0 : pos[0].length;
    int k = 0;
    for (int l : raw) {
      k = Math.max(k, l + 1);
    }
    double[] weight = new double[k];
    int[] first = new int[k];
    Arrays.fill(first, Integer.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      weight[raw[i]] += w[i];
      first[raw[i]] = Math.min(first[raw[i]], i);
    }
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(c -> -weight[c]).thenComparingInt(c -> first[c]));
    int[] rank = new int[k];
    for (int r = 0; r < k; r++) {
      rank[order[r]] = r;
    }
    int[] labels = new int[n];
    double[][] centers = new double[k][d];
    double[] cw = new double[k];
    for (int i = 0; i < n; i++) {
      int c = rank[raw[i]];
      labels[i] = c;
      double wi = w[i] > 0 ? w[i] : 0;
      cw[c] += wi;
      for (int j = 0; j < d; j++) {
        centers[c][j] += wi * pos[i][j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        centers[c][j] =
            cw[c] > 0 ? centers[c][j] / cw[c] : pos[order[c] == null ? 0 : first[order[c]]][j];
      }
    }
    return new Result(pos, labels, centers, stop, history, distinct);
  }

  /**
   * Single-linkage components of the points at distance ≤ eps, labelled in order of their first
   * point (so equal partitions get equal label arrays). A sweep over the points sorted by their
   * first coordinate visits only pairs within eps along it.
   */
  static int[] components(double[][] x, double eps) {
    int n = x.length;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> x[i][0]));
    double eps2 = eps * eps;
    for (int a = 0; a < n; a++) {
      int i = order[a];
      for (int b = a + 1; b < n && x[order[b]][0] - x[i][0] <= eps; b++) {
        int j = order[b];
        if (Distances.squared(x[i], x[j]) <= eps2) {
          union(parent, i, j);
        }
      }
    }
    int[] labels = new int[n];
    int[] id = new int[n];
    Arrays.fill(id, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      if (id[r] < 0) {
        id[r] = next++;
      }
      labels[i] = id[r];
    }
    return labels;
  }

  /** Whether every point lies within eps of its cluster's (unweighted) mean. */
  static boolean collapsed(double[][] x, int[] labels, double eps) {
    double[][] mean = means(x, labels);
    double eps2 = eps * eps;
    for (int i = 0; i < x.length; i++) {
      if (Distances.squared(x[i], mean[labels[i]]) > eps2) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether no cluster would reach the nearest other one within {@link #MERGE_HORIZON} iterations
   * at the speed it moved from {@code before} to {@code after}. Exits at the first cluster that
   * would, which is the first one checked while points are still collapsing.
   */
  static boolean apart(double[][] after, double[][] before, int[] labels) {
    double[][] now = means(after, labels);
    double[][] then = means(before, labels);
    int k = now.length;
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Arrays.sort(order, Comparator.comparingDouble(c -> now[c][0]));
    int[] rank = new int[k];
    for (int r = 0; r < k; r++) {
      rank[order[r]] = r;
    }
    for (int c = 0; c < k; c++) {
      double reach = MERGE_HORIZON * Math.sqrt(Distances.squared(now[c], then[c]));
      double reach2 = reach * reach;
      for (int r = rank[c] + 1; r < k && now[order[r]][0] - now[c][0] <= reach; r++) {
        if (Distances.squared(now[c], now[order[r]]) <= reach2) {
          return false;
        }
      }
      for (int r = rank[c] - 1; r >= 0 && now[c][0] - now[order[r]][0] <= reach; r--) {
        if (Distances.squared(now[c], now[order[r]]) <= reach2) {
          return false;
        }
      }
    }
    return true;
  }

  /** Unweighted mean position of each cluster. */
  private static double[][] means(double[][] x, int[] labels) {
    int n = x.length;
    int d = n == 0 ? 0 : x[0].length;
    int k = 0;
    for (int l : labels) {
      k = Math.max(k, l + 1);
    }
    double[][] mean = new double[k][d];
    int[] count = new int[k];
    for (int i = 0; i < n; i++) {
      count[labels[i]]++;
      for (int j = 0; j < d; j++) {
        mean[labels[i]][j] += x[i][j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        mean[c][j] /= count[c];
      }
    }
    return mean;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
