package io.github.meanshift.shift;

import io.github.meanshift.common.NamedEnum;

/** The two mean shifts. */
public enum Algorithm implements NamedEnum {
  /** Seeds climb to the modes of the density of the data; the data stay. */
  STANDARD,
  /** Every iteration moves every point to its kernel mean over the current points. */
  BLURRING;

  @Override
  public String toString() {
    return paramName();
  }
}
