package io.github.meanshift.ml;

/**
 * The engine configurations every result test runs through: the driver-local loops (the default for
 * small data on CPU), the distributed JVM engine, and the SQL engine (the GPU's path), each with
 * exact and grid neighbours.
 */
final class Engines {
  static final String[] ALL = {
    "local/exact", "local/grid", "jvm/exact", "jvm/grid", "sql/exact", "sql/grid"
  };

  private Engines() {}

  /** Sets {@code ms} to run on {@code name} (one of {@link #ALL}). */
  static MeanShift use(MeanShift ms, String name) {
    String[] parts = name.split("/");
    ms.setNeighbors(parts[1]);
    switch (parts[0]) {
      case "local":
        return ms.setEngine("jvm");
      case "jvm":
        return ms.setEngine("jvm").setLocalMaxPoints(0);
      case "sql":
        return ms.setEngine("sql");
      default:
        throw new IllegalArgumentException(name);
    }
  }
}
