package io.github.meanshift.ml;

import io.github.meanshift.shift.IterationStats;
import java.util.Arrays;
import java.util.List;

/**
 * What the iterations of a fit found: the modes and the cluster of each (the identity, unless modes
 * joined by a density ridge merged), the training points of each cluster and those of none
 * (orphans), how many seeds (or moving points) started, and the history of the run.
 */
record Clusters(
    double[][] modes,
    int[] modeCluster,
    long[] sizes,
    long orphans,
    long numSeeds,
    List<IterationStats> iterations,
    boolean converged) {
  Clusters {
    iterations = List.copyOf(iterations);
  }

  /** Every mode its own cluster. */
  static int[] identity(int modes) {
    int[] id = new int[modes];
    for (int m = 0; m < modes; m++) {
      id[m] = m;
    }
    return id;
  }

  /** The centre of each cluster: its first (strongest) mode. */
  double[][] centers() {
    return representatives(modes, modeCluster);
  }

  /** One mode per cluster: the first of its modes. */
  static double[][] representatives(double[][] modes, int[] modeCluster) {
    int k = Arrays.stream(modeCluster).max().orElse(-1) + 1;
    double[][] out = new double[k][];
    for (int m = 0; m < modes.length; m++) {
      if (out[modeCluster[m]] == null) {
        out[modeCluster[m]] = modes[m];
      }
    }
    return out;
  }

  /** The same clusters with other sizes ({@code sizes}: one per cluster, then the orphans). */
  Clusters withSizes(long[] sizes) {
    return new Clusters(
        modes,
        modeCluster,
        Arrays.copyOf(sizes, sizes.length - 1),
        sizes[sizes.length - 1],
        numSeeds,
        iterations,
        converged);
  }
}
