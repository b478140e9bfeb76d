package io.github.meanshift.shift;

/**
 * Computes, for a set of seeds, the kernel sums over every point of the data set: one pass of mean
 * shift. Implementations differ in how the pass runs (Spark SQL, a JVM loop per partition) and in
 * which pairs they visit (all, or only grid neighbours), never in the result beyond floating-point
 * rounding.
 */
public interface ShiftEngine extends AutoCloseable {
  /** Name shown in logs and the report, e.g. {@code sql/exact}. */
  String name();

  /** Sums for each seed (rows of {@code seeds}, each of the data's dimension). */
  ShiftSums sums(double[][] seeds);

  /** Releases cached data and broadcasts. */
  @Override
  void close();
}
