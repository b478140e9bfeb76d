package io.github.meanshift.shift;

import io.github.meanshift.common.Distances;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Merges mean-shift modes that a density ridge joins: a ring or a moon that mean shift splits into
 * arcs becomes one cluster again, while two blobs with a real valley between them stay apart. A
 * persistence-based merge (ToMATo's elder rule) with a noise test, on the kernel density estimate
 * of a bounded sample: {@code F(p) = Σ w·K(|p−x|²/h²)} with the fit's own kernel and bandwidth, and
 * its Poisson variance {@code Q(p) = Σ w·K²} (a point of weight w counts as w points: duplicated
 * points and their counts as weights merge alike).
 *
 * <p>Candidate pairs join each mode to its {@link #NEIGHBOURS} nearest modes; on the segment
 * between them the density is evaluated at {@link #SEGMENT_POINTS} interior points and its lowest
 * value is the pair's saddle. Pairs are taken highest saddle first; when one joins two groups, the
 * group of the lower peak (the younger) is absorbed if its peak rises above the saddle by less than
 * {@link #Z} standard deviations of the density's sampling noise: {@code peak − saddle <
 * Z·√(Q(peak) + Q(saddle))}. Measured on 14 public data sets (docs/bandwidth.md), a fixed ratio of
 * peak to saddle cannot do this: at the fine scales where rings separate, the density's noise
 * shatters them.
 */
public final class RidgeMerge {
  /** Standard deviations of sampling noise within which a valley does not separate two groups. */
  public static final double Z = 2.0;

  /** Interior points of a segment at which the density is evaluated (t = 1/16 .. 15/16). */
  public static final int SEGMENT_POINTS = 15;

  /** Candidate pairs: each mode with this many nearest modes. */
  public static final int NEIGHBOURS = 8;

  private RidgeMerge() {}

  /**
   * The cluster of each mode, numbered by their smallest mode (0, 1, ...): modes in label order of
   * {@link ModeMerger} keep cluster 0 for the strongest one.
   *
   * @param modes the modes of a fit
   * @param x a sample of the data (rows)
   * @param w the sample's weights
   * @param kernel the fit's kernel
   * @param h the fit's bandwidth
   */
  public static int[] clusters(
      double[][] modes, double[][] x, double[] w, Kernel kernel, double h) {
    int k = modes.length;
    int[] out = new int[k];
    if (k < 2) {
      return out;
    }
    double[][] atModes = density(modes, x, w, kernel, h);
    int[][] pairs = candidatePairs(modes);
    int d = modes[0].length;
    double[][] points = new double[pairs.length * SEGMENT_POINTS][d];
    for (int e = 0; e < pairs.length; e++) {
      double[] a = modes[pairs[e][0]];
      double[] b = modes[pairs[e][1]];
      for (int t = 0; t < SEGMENT_POINTS; t++) {
        double f = (t + 1.0) / (SEGMENT_POINTS + 1);
        for (int j = 0; j < d; j++) {
          points[e * SEGMENT_POINTS + t][j] = a[j] * (1 - f) + b[j] * f;
        }
      }
    }
    double[][] onSegments = density(points, x, w, kernel, h);
    double[] saddle = new double[pairs.length];
    double[] saddleVariance = new double[pairs.length];
    for (int e = 0; e < pairs.length; e++) {
      int low = e * SEGMENT_POINTS;
      for (int t = 1; t < SEGMENT_POINTS; t++) {
        if (onSegments[0][e * SEGMENT_POINTS + t] < onSegments[0][low]) {
          low = e * SEGMENT_POINTS + t;
        }
      }
      double f = atModes[0][pairs[e][0]];
      double g = atModes[0][pairs[e][1]];
      saddle[e] = Math.min(onSegments[0][low], Math.min(f, g));
      saddleVariance[e] = onSegments[1][low];
    }
    Integer[] order = new Integer[pairs.length];
    for (int e = 0; e < order.length; e++) {
      order[e] = e;
    }
    Arrays.sort(
        order,
        (p, q) -> {
          int c = Double.compare(saddle[q], saddle[p]);
          if (c != 0) {
            return c;
          }
          c = Integer.compare(pairs[p][0], pairs[q][0]);
          return c != 0 ? c : Integer.compare(pairs[p][1], pairs[q][1]);
        });
    int[] parent = new int[k];
    int[] peak = new int[k];
    for (int i = 0; i < k; i++) {
      parent[i] = i;
      peak[i] = i;
    }
    for (int e : order) {
      int ra = find(parent, pairs[e][0]);
      int rb = find(parent, pairs[e][1]);
      if (ra == rb) {
        continue;
      }
      int pa = peak[ra];
      int pb = peak[rb];
      boolean aYounger =
          atModes[0][pa] < atModes[0][pb] || (atModes[0][pa] == atModes[0][pb] && pa > pb);
      int young = aYounger ? pa : pb;
      int old = aYounger ? pb : pa;
      double rise = atModes[0][young] - saddle[e];
      if (rise < Z * Math.sqrt(atModes[1][young] + saddleVariance[e])) {
        int r = Math.min(ra, rb);
        parent[Math.max(ra, rb)] = r;
        peak[r] = old;
      }
    }
    int[] id = new int[k];
    Arrays.fill(id, -1);
    int next = 0;
    for (int i = 0; i < k; i++) {
      int root = find(parent, i);
      if (id[root] < 0) {
        id[root] = next++;
      }
      out[i] = id[root];
    }
    return out;
  }

  private static int find(int[] parent, int a) {
    while (parent[a] != a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }

  /**
   * Pairs (a, b), a &lt; b, where b is among a's {@link #NEIGHBOURS} nearest modes or a among b's
   * (nearest by distance, ties by index).
   */
  static int[][] candidatePairs(double[][] modes) {
    int k = modes.length;
    boolean[][] joined = new boolean[k][k];
    for (int a = 0; a < k; a++) {
      Integer[] others = new Integer[k - 1];
      for (int b = 0, o = 0; b < k; b++) {
        if (b != a) {
          others[o++] = b;
        }
      }
      double[] d2 = new double[k];
      for (int b = 0; b < k; b++) {
        d2[b] = Distances.squared(modes[a], modes[b]);
      }
      Arrays.sort(
          others,
          (p, q) -> {
            int c = Double.compare(d2[p], d2[q]);
            return c != 0 ? c : Integer.compare(p, q);
          });
      for (int n = 0; n < Math.min(NEIGHBOURS, others.length); n++) {
        int b = others[n];
        joined[Math.min(a, b)][Math.max(a, b)] = true;
      }
    }
    java.util.List<int[]> pairs = new java.util.ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        if (joined[a][b]) {
          pairs.add(new int[] {a, b});
        }
      }
    }
    return pairs.toArray(new int[0][]);
  }

  /**
   * The density {@code F} and its variance {@code Q} at each of {@code points}: rows {@code [F,
   * Q]}.
   */
  static double[][] density(double[][] points, double[][] x, double[] w, Kernel kernel, double h) {
    double inv = 1.0 / (h * h);
    double[][] out = new double[2][points.length];
    IntStream.range(0, points.length)
        .parallel()
        .forEach(
            i -> {
              double f = 0;
              double q = 0;
              for (int j = 0; j < x.length; j++) {
                double k = kernel.weight(Distances.squared(points[i], x[j]) * inv);
                f += w[j] * k;
                q += w[j] * k * k;
              }
              out[0][i] = f;
              out[1][i] = q;
            });
    return out;
  }
}
