package io.github.meanshift.kmeans;

import io.github.meanshift.common.Distances;
import io.github.meanshift.common.Labeler;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver-side reduction of weighted candidate centres to k: weighted k-means++ seeding followed by
 * up to {@code maxIter} weighted Lloyd iterations on the candidates, the scheme MLlib's {@code
 * LocalKMeans.kMeansPlusPlus} applies at the end of k-means||. A centre left without candidates is
 * moved to a random candidate. Plain Java: it only sees the few candidates, never the data.
 */
final class LocalKMeansPlusPlus {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKMeansPlusPlus.class);

  private LocalKMeansPlusPlus() {}

  /**
   * Picks {@code k} centres among {@code points}.
   *
   * @param points candidate centres (more than {@code k})
   * @param weights weight of each candidate (total weight of the data nearest to it)
   * @param k number of centres wanted
   * @param maxIter Lloyd iterations after seeding
   * @param seed random seed
   */
  static double[][] run(double[][] points, double[] weights, int k, int maxIter, long seed) {
    // Mixed: java.util.Random gives nearly equal first draws for nearby seeds (1, 2, 3...).
    Random rand = new Random(KMeansInit.derive(seed, -1));
    int n = points.length;
    double[][] centres = new double[k][];
    centres[0] = points[pick(rand, weights, null)].clone();
    double[] cost = new double[n];
    for (int p = 0; p < n; p++) {
      cost[p] = Distances.squared(points[p], centres[0]);
    }
    // Greedy k-means++ (as scikit-learn's): each step draws a few candidates by the usual
    // D^2 weighting and keeps the one that lowers the total cost most, which avoids most of the
    // bad starts (two centres in one cluster) plain k-means++ makes on well-separated data.
    int trials = 2 + (int) Math.log(k);
    for (int i = 1; i < k; i++) {
      int best = -1;
      double bestTotal = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        int candidate = pick(rand, weights, cost);
        double total = 0;
        for (int p = 0; p < n; p++) {
          total += weights[p] * Math.min(cost[p], Distances.squared(points[p], points[candidate]));
        }
        if (total < bestTotal) {
          bestTotal = total;
          best = candidate;
        }
      }
      centres[i] = points[best].clone();
      for (int p = 0; p < n; p++) {
        cost[p] = Math.min(cost[p], Distances.squared(points[p], centres[i]));
      }
    }
    int[] closest = new int[n];
    java.util.Arrays.fill(closest, -1);
    boolean moved = true;
    int iter = 0;
    while (moved && iter < maxIter) {
      moved = false;
      double[] w = new double[k];
      double[][] sums = new double[k][points[0].length];
      for (int p = 0; p < n; p++) {
        int c = Labeler.nearest(points[p], centres, Double.POSITIVE_INFINITY);
        w[c] += weights[p];
        for (int j = 0; j < sums[c].length; j++) {
          sums[c][j] += weights[p] * points[p][j];
        }
        if (c != closest[p]) {
          moved = true;
          closest[p] = c;
        }
      }
      for (int c = 0; c < k; c++) {
        if (w[c] == 0) {
          centres[c] = points[rand.nextInt(n)].clone();
        } else {
          for (int j = 0; j < sums[c].length; j++) {
            centres[c][j] = sums[c][j] / w[c];
          }
        }
      }
      iter++;
    }
    LOG.debug("local k-means++ on {} candidates: {} Lloyd iterations", n, iter);
    return centres;
  }

  /**
   * Index drawn with probability proportional to {@code weights[p] * cost[p]} (to the weights alone
   * when {@code cost} is null); the first index when everything is zero.
   */
  private static int pick(Random rand, double[] weights, double[] cost) {
    double total = 0;
    for (int p = 0; p < weights.length; p++) {
      total += weights[p] * (cost == null ? 1 : cost[p]);
    }
    double r = rand.nextDouble() * total;
    double acc = 0;
    int p = 0;
    while (p < weights.length && acc < r) {
      acc += weights[p] * (cost == null ? 1 : cost[p]);
      p++;
    }
    return Math.max(0, p - 1);
  }
}
