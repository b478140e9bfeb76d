package io.github.meanshift.common;

/**
 * Agreement between two partitions of the same points, defined as in scikit-learn: the adjusted
 * Rand index and the normalized mutual information (arithmetic mean normalisation), from their
 * contingency table.
 */
public final class Agreement {
  private Agreement() {}

  /**
   * The contingency table of two labelings of the same points (rows: labels of {@code a}, columns:
   * labels of {@code b}); labels are any ints (-1 for orphans, say), each value its own class.
   */
  public static long[][] contingency(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "labelings of different lengths: " + a.length + " and " + b.length);
    }
    java.util.Map<Integer, Integer> ra = new java.util.HashMap<>();
    java.util.Map<Integer, Integer> rb = new java.util.HashMap<>();
    for (int i = 0; i < a.length; i++) {
      ra.putIfAbsent(a[i], ra.size());
      rb.putIfAbsent(b[i], rb.size());
    }
    long[][] table = new long[ra.size()][rb.size()];
    for (int i = 0; i < a.length; i++) {
      table[ra.get(a[i])][rb.get(b[i])]++;
    }
    return table;
  }

  /** The adjusted Rand index of two labelings of the same points. */
  public static double ari(int[] a, int[] b) {
    return ari(contingency(a, b));
  }

  /**
   * The adjusted Rand index of two labelings of points of weights {@code w}: a point of weight w
   * counts as w points (so duplicated points and their counts as weights agree).
   */
  public static double ari(int[] a, int[] b, double[] w) {
    java.util.Map<Long, Double> cells = new java.util.HashMap<>();
    java.util.Map<Integer, Double> rows = new java.util.HashMap<>();
    java.util.Map<Integer, Double> cols = new java.util.HashMap<>();
    double n = 0;
    for (int i = 0; i < a.length; i++) {
      cells.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), w[i], Double::sum);
      rows.merge(a[i], w[i], Double::sum);
      cols.merge(b[i], w[i], Double::sum);
      n += w[i];
    }
    return ari(
        sumOfSquares(cells.values()), sumOfSquares(rows.values()), sumOfSquares(cols.values()), n);
  }

  private static double sumOfSquares(java.util.Collection<Double> values) {
    double s = 0;
    for (double v : values) {
      s += v * v;
    }
    return s;
  }

  /** scikit-learn's adjusted_rand_score, from the pair confusion matrix. */
  public static double ari(long[][] c) {
    double n = 0;
    double sumSq = 0;
    double[] rowSums = new double[c.length];
    double[] colSums = new double[c.length == 0 ? 0 : c[0].length];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c[i].length; j++) {
        double v = c[i][j];
        n += v;
        sumSq += v * v;
        rowSums[i] += v;
        colSums[j] += v;
      }
    }
    double sumRowSq = 0;
    for (double v : rowSums) {
      sumRowSq += v * v;
    }
    double sumColSq = 0;
    for (double v : colSums) {
      sumColSq += v * v;
    }
    return ari(sumSq, sumRowSq, sumColSq, n);
  }

  /** ARI from the sums of squares of a contingency table's cells, rows and columns. */
  private static double ari(double sumSq, double sumRowSq, double sumColSq, double n) {
    double tp = sumSq - n;
    double fp = sumColSq - sumSq;
    double fn = sumRowSq - sumSq;
    double tn = n * n - fp - fn - sumSq;
    if (fn == 0 && fp == 0) {
      return 1.0;
    }
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
  }

  /** scikit-learn's normalized_mutual_info_score with average_method="arithmetic". */
  public static double nmi(long[][] c) {
    int nr = c.length;
    int nc = nr == 0 ? 0 : c[0].length;
    if ((nr == 1 && nc == 1) || (nr == 0 && nc == 0)) {
      return 1.0;
    }
    double n = 0;
    double[] rowSums = new double[nr];
    double[] colSums = new double[nc];
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nc; j++) {
        n += c[i][j];
        rowSums[i] += c[i][j];
        colSums[j] += c[i][j];
      }
    }
    double mi = 0;
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nc; j++) {
        if (c[i][j] > 0) {
          double p = c[i][j] / n;
          mi += p * Math.log(c[i][j] * n / (rowSums[i] * colSums[j]));
        }
      }
    }
    mi = Math.max(mi, 0.0);
    if (mi == 0) {
      return 0.0;
    }
    double normalizer = Math.max((entropy(rowSums, n) + entropy(colSums, n)) / 2, Math.ulp(1.0));
    return mi / normalizer;
  }

  private static double entropy(double[] counts, double n) {
    double h = 0;
    for (double v : counts) {
      if (v > 0) {
        h -= (v / n) * Math.log(v / n);
      }
    }
    return h;
  }
}
