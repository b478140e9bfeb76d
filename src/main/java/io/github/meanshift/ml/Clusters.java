package io.github.meanshift.ml;

import io.github.meanshift.shift.IterationStats;
import java.util.List;

/**
 * What the iterations of a fit found: the centres, the training points of each cluster and those of
 * none (orphans), how many seeds (or moving points) started, and the history of the run.
 */
record Clusters(
    double[][] centers,
    long[] sizes,
    long orphans,
    long numSeeds,
    List<IterationStats> iterations,
    boolean converged) {
  Clusters {
    iterations = List.copyOf(iterations);
  }

  /** The same clusters with other sizes ({@code sizes}: one per cluster, then the orphans). */
  Clusters withSizes(long[] sizes) {
    return new Clusters(
        centers,
        java.util.Arrays.copyOf(sizes, centers.length),
        sizes[centers.length],
        numSeeds,
        iterations,
        converged);
  }
}
