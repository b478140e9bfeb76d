package io.github.meanshift.shift;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The seeded (standard) mean shift: seeds climb to the modes of the kernel density while the data
 * stay. Every iteration computes the kernel-weighted mean around each still-moving seed; a seed
 * stops when it moves at most {@code tol·h}, when no point lies within its kernel's support
 * (scikit-learn drops such seeds), or after {@code maxIter} iterations.
 */
public final class StandardMeanShift {
  private StandardMeanShift() {}

  /** Where each seed ended and the history of the run. */
  public static final class Result {
    private final double[][] modes;
    private final double[] support;
    private final boolean[] found;
    private final boolean[] converged;
    private final List<IterationStats> iterations;

    Result(
        double[][] modes,
        double[] support,
        boolean[] found,
        boolean[] converged,
        List<IterationStats> it) {
      this.modes = modes;
      this.support = support;
      this.found = found;
      this.converged = converged;
      this.iterations = it;
    }

    /** Final position of each seed. */
    public double[][] modes() {
      return modes;
    }

    /**
     * Weight of the points within one bandwidth of each seed's position before its last step (as
     * scikit-learn's "intensity"); 0 for seeds that found no points. A Gaussian seed can have
     * support 0 and still have found points: its kernel reaches beyond h.
     */
    public double[] support() {
      return support;
    }

    /**
     * Whether each seed found points (a positive kernel weight) at every step; the others are
     * dropped, as scikit-learn drops them.
     */
    public boolean[] found() {
      return found;
    }

    /** Whether each seed stopped by the tolerance rule (rather than at max-iter). */
    public boolean[] converged() {
      return converged;
    }

    public List<IterationStats> iterations() {
      return iterations;
    }

    /** Whether every seed with points converged within max-iter. */
    public boolean allConverged() {
      for (int i = 0; i < converged.length; i++) {
        if (!converged[i] && found[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Runs mean shift from {@code seeds} (not modified).
   *
   * @param engine computes the kernel sums of a pass
   * @param bandwidth h
   * @param tol a seed stops when it moves at most {@code tol·h}
   * @param maxIter most passes any seed makes
   * @param log receives one line per iteration
   */
  public static Result run(
      ShiftEngine engine,
      double[][] seeds,
      double bandwidth,
      double tol,
      int maxIter,
      Consumer<IterationStats> log) {
    int m = seeds.length;
    int d = m == 0 ? 0 : seeds[0].length;
    double[][] pos = new double[m][];
    for (int i = 0; i < m; i++) {
      pos[i] = seeds[i].clone();
    }
    double[] support = new double[m];
    boolean[] found = new boolean[m];
    java.util.Arrays.fill(found, true);
    boolean[] converged = new boolean[m];
    int[] active = new int[m];
    for (int i = 0; i < m; i++) {
      active[i] = i;
    }
    int nActive = m;
    double stop = tol * bandwidth;
    List<IterationStats> history = new ArrayList<>();
    for (int iter = 1; iter <= maxIter && nActive > 0; iter++) {
      long start = System.nanoTime();
      double[][] batch = new double[nActive][];
      for (int a = 0; a < nActive; a++) {
        batch[a] = pos[active[a]];
      }
      ShiftSums sums = engine.sums(batch);
      double maxShift = 0;
      int next = 0;
      for (int a = 0; a < nActive; a++) {
        int i = active[a];
        double w = sums.weight(a);
        support[i] = sums.support(a);
        if (!(w > 0)) {
          support[i] = 0; // no point within the kernel's support: the seed is dropped
          found[i] = false;
          continue;
        }
        double shift2 = 0;
        double[] p = pos[i];
        for (int j = 0; j < d; j++) {
          double step = sums.offset(a, j) / w;
          p[j] += step;
          shift2 += step * step;
        }
        double shift = Math.sqrt(shift2);
        maxShift = Math.max(maxShift, shift);
        if (shift <= stop) {
          converged[i] = true;
        } else {
          active[next++] = i;
        }
      }
      IterationStats stats =
          new IterationStats(iter, nActive, maxShift, next, (System.nanoTime() - start) / 1e9);
      nActive = next;
      history.add(stats);
      log.accept(stats);
    }
    return new Result(pos, support, found, converged, history);
  }
}
