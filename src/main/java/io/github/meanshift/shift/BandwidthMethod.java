package io.github.meanshift.shift;

import io.github.meanshift.common.NamedEnum;

/** How an unset bandwidth is chosen. */
public enum BandwidthMethod implements NamedEnum {
  /** The scale at which the partition is stable ({@link BandwidthSelector}), for every kernel. */
  AUTO,
  /**
   * scikit-learn's estimate_bandwidth (a flat-kernel radius: mean distance to the quantile-th
   * nearest neighbour), for parity with scikit-learn's MeanShift.
   */
  QUANTILE;

  @Override
  public String toString() {
    return paramName();
  }
}
