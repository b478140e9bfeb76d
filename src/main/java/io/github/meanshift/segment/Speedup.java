package io.github.meanshift.segment;

import io.github.meanshift.common.NamedEnum;

/** The filtering's acceleration. */
public enum Speedup implements NamedEnum {
  /** A climb hands its mode to the pixels it passes within hs/2 and 3hr/4 of (EDISON's). */
  BASIN,
  /** Every pixel climbs. */
  NONE;

  @Override
  public String toString() {
    return paramName();
  }
}
