package io.github.meanshift.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A plain, independent Java mean shift used as the reference in tests: every point is a seed, each
 * seed moves to the kernel-weighted mean until it moves at most tol·h, seeds are ranked by the
 * number of points within h (ties by coordinates, descending) and kept unless within h of a kept
 * one, and points take the label of the nearest centre. Kernels are written out here again, the
 * Gaussian without any cut-off.
 */
public final class ReferenceMeanShift {
  private ReferenceMeanShift() {}

  /** Kernel profile of u = d²/h², uncut. */
  static DoubleUnaryOperator profile(String kernel) {
    switch (kernel) {
      case "gaussian":
        return u -> Math.exp(-0.5 * u);
      case "flat":
        return u -> u <= 1 ? 1 : 0;
      case "epanechnikov":
        return u -> u <= 1 ? 1 - u : 0;
      case "triangular":
        return u -> u <= 1 ? 1 - Math.sqrt(u) : 0;
      default:
        throw new IllegalArgumentException(kernel);
    }
  }

  public static double[][] centers(double[][] x, String kernel, double h, double tol, int maxIter) {
    return run(x, kernel, h, tol, maxIter, null);
  }

  /**
   * The basin of every point, every point a seed: the index, among {@link #centers}, of the first
   * kept centre within h of the mode its own seed climbed to.
   */
  public static int[] basins(double[][] x, String kernel, double h, double tol, int maxIter) {
    int[] basin = new int[x.length];
    run(x, kernel, h, tol, maxIter, basin);
    return basin;
  }

  private static double[][] run(
      double[][] x, String kernel, double h, double tol, int maxIter, int[] basinOut) {
    DoubleUnaryOperator k = profile(kernel);
    int n = x.length;
    int d = x[0].length;
    List<double[]> modes = new ArrayList<>();
    List<Integer> support = new ArrayList<>();
    for (double[] seed : x) {
      double[] m = seed.clone();
      int within = 0;
      for (int it = 0; it < maxIter; it++) {
        double[] num = new double[d];
        double den = 0;
        within = 0;
        for (double[] y : x) {
          double d2 = dist2(m, y);
          double w = k.applyAsDouble(d2 / (h * h));
          den += w;
          for (int j = 0; j < d; j++) {
            num[j] += w * y[j];
          }
          if (d2 <= h * h) {
            within++;
          }
        }
        double shift2 = 0;
        for (int j = 0; j < d; j++) {
          double next = num[j] / den;
          shift2 += (next - m[j]) * (next - m[j]);
          m[j] = next;
        }
        if (Math.sqrt(shift2) <= tol * h) {
          break;
        }
      }
      modes.add(m);
      support.add(within);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Comparator<Integer> bySupport = Comparator.comparingInt(support::get);
    Arrays.sort(
        order,
        bySupport.thenComparing((a, b) -> Arrays.compare(modes.get(a), modes.get(b))).reversed());
    List<double[]> kept = new ArrayList<>();
    for (int i : order) {
      int owner = -1;
      for (int c = 0; c < kept.size() && owner < 0; c++) {
        if (dist2(kept.get(c), modes.get(i)) <= h * h) {
          owner = c;
        }
      }
      if (owner < 0) {
        owner = kept.size();
        kept.add(modes.get(i));
      }
      if (basinOut != null) {
        basinOut[i] = owner;
      }
    }
    return kept.toArray(new double[0][]);
  }

  public static int[] labels(double[][] x, double[][] centers) {
    int[] labels = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int c = 0; c < centers.length; c++) {
        double d2 = dist2(x[i], centers[c]);
        if (d2 < best) {
          best = d2;
          labels[i] = c;
        }
      }
    }
    return labels;
  }

  static double dist2(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return s;
  }
}
