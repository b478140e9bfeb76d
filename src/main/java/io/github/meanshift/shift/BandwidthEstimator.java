package io.github.meanshift.shift;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Distances;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Estimates the bandwidth as scikit-learn's {@code estimate_bandwidth} does: the mean, over the
 * points, of the distance to their k-th nearest neighbour, with {@code k = max(1, ⌊quantile·n⌋)}
 * counting the point itself (at distance 0). It runs on points held in memory: a fit hands it a
 * bounded uniform sample of its points (all of them, and so exactly scikit-learn's estimate, when
 * there are no more than the sample size). With sample weights, a point of weight w counts as w
 * points: k = max(1, ⌊quantile·Σw⌋), the k-th neighbour is the nearest at which the weight within
 * reaches k, and the mean is weighted (so duplicated rows and their counts as weights give the same
 * estimate).
 */
public final class BandwidthEstimator {
  private BandwidthEstimator() {}

  /** The estimate on points held in memory, weighted by {@code w}. */
  public static double estimate(double[][] x, double[] w, double quantile) {
    if (!(quantile > 0 && quantile <= 1)) {
      throw new BadInputException("quantile must be in (0, 1], got " + quantile);
    }
    int n = x.length;
    if (n == 0) {
      throw new BadInputException("cannot estimate a bandwidth from no points");
    }
    boolean unit = Arrays.stream(w).allMatch(v -> v == 1.0);
    double total = Arrays.stream(w).sum();
    double k = Math.max(1, Math.floor(total * quantile));
    double[] kth =
        IntStream.range(0, n)
            .parallel()
            .mapToDouble(i -> unit ? kthUnit(x, i, (int) k) : kthWeighted(x, w, i, k))
            .toArray();
    double sum = 0;
    double wsum = 0;
    for (int i = 0; i < n; i++) {
      sum += w[i] * kth[i];
      wsum += w[i];
    }
    return sum / wsum;
  }

  /** Distance from x[i] to its k-th nearest point (itself first). */
  private static double kthUnit(double[][] x, int i, int k) {
    double[] d2 = squaredDistances(x, i);
    return Math.sqrt(select(d2, k - 1));
  }

  /** Smallest distance r such that the points within r of x[i] weigh at least k. */
  private static double kthWeighted(double[][] x, double[] w, int i, double k) {
    double[] d2 = squaredDistances(x, i);
    Integer[] idx = new Integer[d2.length];
    for (int j = 0; j < idx.length; j++) {
      idx[j] = j;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(d2[a], d2[b]));
    double acc = 0;
    for (int j : idx) {
      acc += w[j];
      if (acc >= k) {
        return Math.sqrt(d2[j]);
      }
    }
    return Math.sqrt(d2[idx[idx.length - 1]]);
  }

  private static double[] squaredDistances(double[][] x, int i) {
    double[] d2 = new double[x.length];
    double[] p = x[i];
    for (int j = 0; j < x.length; j++) {
      d2[j] = Distances.squared(p, x[j]);
    }
    return d2;
  }

  /** The element of rank {@code r} (0-based) of {@code a}, by quickselect; reorders a. */
  static double select(double[] a, int r) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (r <= j) {
        hi = j;
      } else if (r >= i) {
        lo = i;
      } else {
        return a[r];
      }
    }
    return a[r];
  }
}
