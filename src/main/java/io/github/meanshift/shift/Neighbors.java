package io.github.meanshift.shift;

import io.github.meanshift.common.NamedEnum;

/** Which point-seed pairs a pass visits. */
public enum Neighbors implements NamedEnum {
  /** Grid when the dimension and a sample say it pays off, else exact. */
  AUTO,
  /** Every pair. */
  EXACT,
  /** Only points in a seed's own and adjacent grid cells (side: the kernel's cut-off). */
  GRID;

  @Override
  public String toString() {
    return paramName();
  }
}
