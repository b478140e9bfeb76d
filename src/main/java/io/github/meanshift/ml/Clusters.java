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
}
