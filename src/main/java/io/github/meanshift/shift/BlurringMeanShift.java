package io.github.meanshift.shift;

import io.github.meanshift.common.Distances;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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

    Result(
        double[][] positions,
        int[] labels,
        double[][] centers,
        Stop stop,
        List<IterationStats> iterations) {
      this.positions = positions;
      this.labels = labels;
      this.centers = centers;
      this.stop = stop;
      this.iterations = iterations;
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

    /** The same clusters with another history (a run that began elsewhere). */
    public Result withIterations(List<IterationStats> history) {
      return new Result(positions, labels, centers, stop, List.copyOf(history));
    }
  }

  /**
   * The clusters of positions a run has left: components at {@link #COLLAPSE_FRACTION}·h, numbered
   * by weight, as at the end of {@link #run}.
   */
  public static Result clustersOf(
      double[][] pos, double[] w, double bandwidth, Stop stop, List<IterationStats> history) {
    int[] labels = components(pos, COLLAPSE_FRACTION * bandwidth);
    return finish(pos, w, labels, stop, List.copyOf(history));
  }

  /**
   * Runs blurring mean shift on points {@code x} with weights {@code w}.
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
    double eps = COLLAPSE_FRACTION * bandwidth;
    int[] previous = null;
    Stop stop = Stop.MAX_ITER;
    List<IterationStats> history = new ArrayList<>();
    for (int iter = 1; iter <= maxIter; iter++) {
      long start = System.nanoTime();
      ShiftSums sums;
      try (ShiftEngine engine = engineOver.apply(pos, w)) {
        sums = engine.sums(pos);
      }
      double[][] next = new double[n][d];
      double maxShift = 0;
      long moving = 0;
      for (int i = 0; i < n; i++) {
        double wi = sums.weight(i);
        double s2 = 0;
        for (int j = 0; j < d; j++) {
          double step = wi > 0 ? sums.offset(i, j) / wi : 0;
          next[i][j] = pos[i][j] + step;
          s2 += step * step;
        }
        double shift = Math.sqrt(s2);
        maxShift = Math.max(maxShift, shift);
        if (shift > tol * bandwidth) {
          moving++;
        }
      }
      int[] labels = components(next, eps);
      boolean stable =
          previous != null
              && Arrays.equals(previous, labels)
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
      previous = labels;
    }
    int[] labels = components(pos, eps);
    return finish(pos, w, labels, stop, history);
  }

  private static Result finish(
      double[][] pos, double[] w, int[] raw, Stop stop, List<IterationStats> history) {
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
    return new Result(pos, labels, centers, stop, history);
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
