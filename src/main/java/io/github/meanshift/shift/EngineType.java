package io.github.meanshift.shift;

import io.github.meanshift.common.NamedEnum;

/** What runs the passes of a fit. */
public enum EngineType implements NamedEnum {
  /** SQL when the RAPIDS Accelerator is configured, else JVM. */
  AUTO,
  /** DataFrame plans on plain double columns (the GPU's path). */
  SQL,
  /** A JVM loop per partition, or on the driver for small data (the fast CPU path). */
  JVM;

  @Override
  public String toString() {
    return paramName();
  }
}
