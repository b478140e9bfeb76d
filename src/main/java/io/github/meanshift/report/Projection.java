package io.github.meanshift.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Maps d-dimensional points to 2-D for plotting. Two features are kept as they are; one feature
 * becomes the horizontal axis with 0 on the vertical one; more features are projected onto their
 * top two principal components (PCA of the centred data, population covariance).
 *
 * <p>Deterministic: each principal axis is oriented so that its largest-magnitude component is
 * positive (the first such component on a tie), so the same data gives the same picture.
 */
public final class Projection {
  /** Label of the vertical axis for one-dimensional data, where it carries no data. */
  static final String NO_SECOND_AXIS = "(one feature: no second axis)";

  /** Components within this relative distance of the largest magnitude count as a tie. */
  private static final double SIGN_TIE = 1e-9;

  private final int dim;

  /** Centre subtracted before projecting (PCA only; null otherwise). */
  private final double[] mean;

  /** The two unit principal axes, each of length {@code dim} (PCA only; null otherwise). */
  private final double[][] axes;

  private final double[] varianceShare;

  private Projection(int dim, double[] mean, double[][] axes, double[] varianceShare) {
    this.dim = dim;
    this.mean = mean;
    this.axes = axes;
    this.varianceShare = varianceShare;
  }

  /**
   * Fits the projection for points of one dimension: identity for d ≤ 2, PCA for d &gt; 2.
   *
   * @param points n×d finite coordinates, n ≥ 1, d ≥ 1, every row of the same length
   * @throws IllegalArgumentException if points is null, empty, ragged, zero-dimensional or not
   *     finite
   */
  public static Projection fit(double[][] points) {
    int d = checkPoints(points, -1);
    int n = points.length;
    double[] mean = new double[d];
    for (double[] p : points) {
      for (int j = 0; j < d; j++) {
        mean[j] += p[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (double[] p : points) {
      for (int j = 0; j < d; j++) {
        c[j] = p[j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          cov[a][b] += c[a] * c[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= n;
        cov[b][a] = cov[a][b];
      }
    }
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += cov[j][j];
    }
    if (d <= 2) {
      double[] share = new double[2];
      for (int j = 0; j < d; j++) {
        share[j] = share(cov[j][j], total);
      }
      return new Projection(d, null, null, share);
    }
    return pca(d, mean, cov, total);
  }

  private static Projection pca(int d, double[] mean, double[][] cov, double total) {
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
    double[] values = eigen.getRealEigenvalues();
    int[] order =
        IntStream.range(0, d)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -values[i]))
            .mapToInt(Integer::intValue)
            .toArray();
    double[][] axes = new double[2][];
    double[] share = new double[2];
    for (int c = 0; c < 2; c++) {
      axes[c] = orient(unit(eigen.getEigenvector(order[c]).toArray()));
      share[c] = share(values[order[c]], total);
    }
    return new Projection(d, mean, axes, share);
  }

  private static double[] unit(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] /= norm;
      }
    }
    return v;
  }

  /** Flips the vector so its largest-magnitude component (the first, on a tie) is positive. */
  private static double[] orient(double[] v) {
    double max = 0;
    for (double x : v) {
      max = Math.max(max, Math.abs(x));
    }
    for (double x : v) {
      if (Math.abs(x) >= max * (1 - SIGN_TIE)) {
        if (x < 0) {
          for (int j = 0; j < v.length; j++) {
            v[j] = -v[j];
          }
        }
        break;
      }
    }
    return v;
  }

  private static double share(double variance, double total) {
    return total > 0 ? Math.max(0, variance) / total : 0;
  }

  /** The dimension d of the points this projection takes. */
  public int dimension() {
    return dim;
  }

  /** Whether this is a PCA projection (d &gt; 2) rather than the identity on the features. */
  public boolean isPca() {
    return axes != null;
  }

  /**
   * The share of the fitted points' total variance along output axis {@code axis} (0 = x, 1 = y),
   * in [0, 1]; 0 when the points do not vary at all.
   *
   * @throws IllegalArgumentException if axis is not 0 or 1
   */
  public double varianceShare(int axis) {
    checkAxis(axis);
    return varianceShare[axis];
  }

  /**
   * Projects points to 2-D.
   *
   * @param points n×d coordinates with the dimension this projection was fitted on
   * @return a new n×2 array
   * @throws IllegalArgumentException if points is null, ragged, of another dimension or not finite
   */
  public double[][] apply(double[][] points) {
    if (points != null && points.length == 0) {
      return new double[0][2];
    }
    checkPoints(points, dim);
    double[][] out = new double[points.length][2];
    for (int i = 0; i < points.length; i++) {
      double[] p = points[i];
      if (axes == null) {
        out[i][0] = p[0];
        out[i][1] = dim == 2 ? p[1] : 0;
      } else {
        for (int c = 0; c < 2; c++) {
          double s = 0;
          for (int j = 0; j < dim; j++) {
            s += (p[j] - mean[j]) * axes[c][j];
          }
          out[i][c] = s;
        }
      }
    }
    return out;
  }

  /**
   * Title of the horizontal axis: the first feature's name, or {@code "PC1 (62% var)"} for PCA.
   *
   * @param featureNames one name per dimension
   * @throws IllegalArgumentException if featureNames is null, holds a null or has the wrong length
   */
  public String xLabel(String[] featureNames) {
    return label(0, featureNames);
  }

  /**
   * Title of the vertical axis: the second feature's name, {@code "PC2 (30% var)"} for PCA, or a
   * note that there is no second axis for one-dimensional data.
   *
   * @param featureNames one name per dimension
   * @throws IllegalArgumentException if featureNames is null, holds a null or has the wrong length
   */
  public String yLabel(String[] featureNames) {
    return label(1, featureNames);
  }

  private String label(int axis, String[] featureNames) {
    if (featureNames == null || featureNames.length != dim) {
      throw new IllegalArgumentException(
          "featureNames must hold one name per dimension ("
              + dim
              + "), got "
              + (featureNames == null ? "null" : Arrays.toString(featureNames)));
    }
    for (int j = 0; j < dim; j++) {
      if (featureNames[j] == null) {
        throw new IllegalArgumentException("featureNames[" + j + "] is null");
      }
    }
    if (axes != null) {
      return String.format(
          Locale.ROOT, "PC%d (%d%% var)", axis + 1, Math.round(100 * varianceShare[axis]));
    }
    return axis < dim ? featureNames[axis] : NO_SECOND_AXIS;
  }

  private static void checkAxis(int axis) {
    if (axis != 0 && axis != 1) {
      throw new IllegalArgumentException("axis must be 0 (x) or 1 (y), got " + axis);
    }
  }

  /**
   * Checks that points is a non-empty rectangular array of finite values of dimension {@code
   * expected} (any dimension ≥ 1 when {@code expected < 0}); returns the dimension.
   */
  private static int checkPoints(double[][] points, int expected) {
    if (points == null || points.length == 0) {
      throw new IllegalArgumentException("points must hold at least one point");
    }
    int d = points[0] == null ? 0 : points[0].length;
    if (expected < 0 && d == 0) {
      throw new IllegalArgumentException("points must have at least one dimension");
    }
    if (expected >= 0) {
      d = expected;
    }
    for (int i = 0; i < points.length; i++) {
      double[] p = points[i];
      if (p == null || p.length != d) {
        throw new IllegalArgumentException(
            "points["
                + i
                + "] has "
                + (p == null ? "no" : Integer.toString(p.length))
                + " coordinates, expected "
                + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(p[j])) {
          throw new IllegalArgumentException("points[" + i + "][" + j + "] is " + p[j]);
        }
      }
    }
    return d;
  }

  @Override
  public String toString() {
    return isPca()
        ? String.format(
            Locale.ROOT,
            "Projection(PCA %d-D -> 2-D, %.0f%% + %.0f%% var)",
            dim,
            100 * varianceShare[0],
            100 * varianceShare[1])
        : "Projection(identity " + dim + "-D)";
  }
}
