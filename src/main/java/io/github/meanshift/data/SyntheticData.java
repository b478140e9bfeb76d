package io.github.meanshift.data;

import io.github.meanshift.common.BadInputException;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic data sets with known clusters. Point {@code i} depends only on the seed and {@code i}
 * (its own random stream), so any number of points can be generated in parallel, in any
 * partitioning, with the same result.
 */
public final class SyntheticData implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of data set. */
  public enum Kind {
    /** Gaussian blobs, centres uniform in a box (the seed notebook's data). */
    BLOBS,
    /** Two interleaved half circles (scikit-learn's make_moons). */
    MOONS,
    /** A ring around a central blob. */
    RING;

    public static Kind parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("unknown data set '" + s + "' (expected blobs, moons or ring)");
      }
    }
  }

  private final Kind kind;
  private final int clusters;
  private final long perCluster;
  private final int dim;
  private final double noise;
  private final long seed;
  private final double[][] centers;

  /**
   * @param kind the shape
   * @param clusters number of blobs (BLOBS only; MOONS and RING have 2)
   * @param perCluster points per cluster
   * @param dim dimension (BLOBS only; MOONS and RING are 2-D)
   * @param box blob centres are uniform in [-box, box]^dim
   * @param noise standard deviation of the Gaussian noise
   * @param seed random seed
   */
  public SyntheticData(
      Kind kind, int clusters, long perCluster, int dim, double box, double noise, long seed) {
    if (clusters < 1 || perCluster < 1 || dim < 1) {
      throw new BadInputException("clusters, points per cluster and dim must be >= 1");
    }
    if (!(noise >= 0) || !(box >= 0)) {
      throw new BadInputException("noise and box must be >= 0");
    }
    this.kind = kind;
    this.clusters = kind == Kind.BLOBS ? clusters : 2;
    this.perCluster = perCluster;
    this.dim = kind == Kind.BLOBS ? dim : 2;
    this.noise = noise;
    this.seed = seed;
    SplittableRandom r = new SplittableRandom(seed);
    this.centers = new double[this.clusters][this.dim];
    for (double[] c : centers) {
      for (int j = 0; j < this.dim; j++) {
        c[j] = r.nextDouble() * 2 * box - box;
      }
    }
  }

  public long size() {
    return perCluster * clusters;
  }

  public int dim() {
    return dim;
  }

  /** Blob centres (BLOBS). */
  public double[][] centers() {
    return centers;
  }

  /** The true cluster of point {@code i}: points come in consecutive runs per cluster. */
  public int truth(long i) {
    return (int) (i / perCluster);
  }

  /** Coordinates of point {@code i}. */
  public double[] point(long i) {
    SplittableRandom r = new SplittableRandom(mix(seed, i));
    int c = truth(i);
    double[] p = new double[dim];
    switch (kind) {
      case BLOBS:
        for (int j = 0; j < dim; j++) {
          p[j] = centers[c][j] + noise * gaussian(r);
        }
        break;
      case MOONS:
        double t = Math.PI * r.nextDouble();
        p[0] = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
        p[1] = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
        p[0] += noise * gaussian(r);
        p[1] += noise * gaussian(r);
        break;
      case RING:
        if (c == 0) {
          p[0] = noise * gaussian(r);
          p[1] = noise * gaussian(r);
        } else {
          double a = 2 * Math.PI * r.nextDouble();
          double radius = 4 + noise * gaussian(r);
          p[0] = radius * Math.cos(a);
          p[1] = radius * Math.sin(a);
        }
        break;
      default:
        throw new AssertionError(kind);
    }
    return p;
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static long mix(long seed, long i) {
    long z = seed * 0x9E3779B97F4A7C15L + i;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
