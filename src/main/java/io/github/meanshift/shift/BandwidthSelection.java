package io.github.meanshift.shift;

import java.util.List;

/**
 * How the bandwidth of a fit was chosen: the method ({@code given}, {@code auto} or {@code
 * quantile}), the bandwidth, every candidate looked at, and why this one.
 *
 * @param method given (set by the user), auto (the stable-partition selector) or quantile
 *     (scikit-learn's estimate_bandwidth)
 * @param bandwidth the bandwidth chosen
 * @param merge whether the fit merges modes joined by a density ridge ({@link RidgeMerge})
 * @param candidates the bandwidths scanned, coarse to fine (empty unless auto)
 * @param reason one line for the log and the report
 */
public record BandwidthSelection(
    String method, double bandwidth, boolean merge, List<Candidate> candidates, String reason) {
  public BandwidthSelection {
    candidates = List.copyOf(candidates);
  }

  /**
   * One scanned bandwidth of one track (plain: the modes; merged: the modes after {@link
   * RidgeMerge}): its number of clusters (those holding at least the selector's share of the
   * sample) and its score (the BIC of its partition, lower is better; NaN where not scored).
   */
  public record Candidate(String track, double h, int clusters, double score) {}

  /** A bandwidth set by the user. */
  public static BandwidthSelection given(double h) {
    return new BandwidthSelection("given", h, false, List.of(), "set by the user");
  }
}
