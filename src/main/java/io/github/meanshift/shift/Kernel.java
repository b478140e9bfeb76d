package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import io.github.meanshift.common.NamedEnum;
import org.apache.spark.sql.Column;

/**
 * Mean-shift kernel profiles, as functions of {@code u = ‖x−y‖² / h²}.
 *
 * <p>Each kernel has a plain Java form (for the CPU engine and for tests) and a Spark SQL form
 * built only from built-in functions, so that the RAPIDS Accelerator can run it on the GPU. The
 * Gaussian is cut off at {@link #GAUSSIAN_CUTOFF} bandwidths: beyond it the weight is below 4e-5
 * and is taken as zero, which bounds every kernel's support and lets the grid neighbour search skip
 * far cells.
 */
public enum Kernel implements NamedEnum {
  /** {@code exp(-u/2)} for {@code u ≤ GAUSSIAN_CUTOFF²}, else 0. */
  GAUSSIAN,
  /** 1 for {@code u ≤ 1}, else 0 (scikit-learn's MeanShift). */
  FLAT,
  /** {@code max(0, 1 − u)}. */
  EPANECHNIKOV,
  /** {@code max(0, 1 − √u)}. */
  TRIANGULAR;

  /**
   * Radius, in bandwidths, beyond which the Gaussian weight is taken as zero. At 4.5h the weight is
   * exp(-10.125) ≈ 4e-5; measured on standardized data sets, a cut at 3h moved centres by up to
   * 1.5% of h while at 4.5h the results matched the uncut kernel.
   */
  public static final double GAUSSIAN_CUTOFF = 4.5;

  /** Parses a kernel name as given on the command line or in a param (case-insensitive). */
  public static Kernel fromName(String name) {
    return NamedEnum.parse(Kernel.class, name, "kernel");
  }

  @Override
  public String toString() {
    return paramName();
  }

  /** Support radius in bandwidths: the weight is zero for {@code u > radius²}. */
  public double radius() {
    return this == GAUSSIAN ? GAUSSIAN_CUTOFF : 1.0;
  }

  /**
   * The bandwidth of this kernel that matches a Gaussian of sigma 1 in {@code d} dimensions: the
   * one whose kernel has the same per-coordinate standard deviation (1 for the Gaussian; √(d+2) for
   * flat, √(d+4) for Epanechnikov, √((d+2)(d+3)/(d+1)) for triangular). Kernels compared at matched
   * scale smooth alike; at equal h a flat radius is far narrower than a Gaussian sigma.
   */
  public double matchedScale(int d) {
    switch (this) {
      case GAUSSIAN:
        return 1.0;
      case FLAT:
        return Math.sqrt(d + 2.0);
      case EPANECHNIKOV:
        return Math.sqrt(d + 4.0);
      case TRIANGULAR:
        return Math.sqrt((d + 2.0) * (d + 3.0) / (d + 1.0));
      default:
        throw new AssertionError(this);
    }
  }

  /** Largest {@code u} with a non-zero weight. */
  public double maxU() {
    double r = radius();
    return r * r;
  }

  /** Weight of a pair at scaled squared distance {@code u = d²/h²}. */
  public double weight(double u) {
    switch (this) {
      case GAUSSIAN:
        return u <= GAUSSIAN_CUTOFF * GAUSSIAN_CUTOFF ? Math.exp(-0.5 * u) : 0.0;
      case FLAT:
        return u <= 1.0 ? 1.0 : 0.0;
      case EPANECHNIKOV:
        return u <= 1.0 ? 1.0 - u : 0.0;
      case TRIANGULAR:
        return u <= 1.0 ? 1.0 - Math.sqrt(u) : 0.0;
      default:
        throw new AssertionError(this);
    }
  }

  /** The same weight as a Spark SQL expression of the column {@code u}. */
  public Column weight(Column u) {
    switch (this) {
      case GAUSSIAN:
        return when(u.leq(lit(maxU())), exp(u.multiply(-0.5))).otherwise(lit(0.0));
      case FLAT:
        return when(u.leq(lit(1.0)), lit(1.0)).otherwise(lit(0.0));
      case EPANECHNIKOV:
        return when(u.leq(lit(1.0)), lit(1.0).minus(u)).otherwise(lit(0.0));
      case TRIANGULAR:
        return when(u.leq(lit(1.0)), lit(1.0).minus(sqrt(u))).otherwise(lit(0.0));
      default:
        throw new AssertionError(this);
    }
  }
}
