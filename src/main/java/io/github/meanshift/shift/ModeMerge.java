package io.github.meanshift.shift;

import io.github.meanshift.common.NamedEnum;

/** Whether a fit merges modes that a density ridge joins ({@link RidgeMerge}). */
public enum ModeMerge implements NamedEnum {
  /**
   * As the bandwidth selector decides (its merged track won); never for a bandwidth set by hand.
   */
  AUTO,
  /** Always: rings and moons that mean shift splits into arcs become one cluster. */
  RIDGE,
  /** Never: every mode is a cluster (scikit-learn's MeanShift). */
  NONE;

  @Override
  public String toString() {
    return paramName();
  }
}
