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
    return ari(Table.of(a, b));
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

  /**
   * A contingency table by its nonzero cells, so that it stays small with many classes on both
   * sides: cell {@code i} counts {@code count[i]} points of row class {@code row[i]} and column
   * class {@code col[i]}, classes numbered from 0 below {@code rows} and {@code cols}.
   */
  public record Table(int rows, int cols, int[] row, int[] col, long[] count) {
    /**
     * The table of two labelings of the same points (rows: labels of {@code a}, columns: labels of
     * {@code b}), classes numbered in order of first appearance, as {@link #contingency}.
     */
    public static Table of(int[] a, int[] b) {
      if (a.length != b.length) {
        throw new IllegalArgumentException(
            "labelings of different lengths: " + a.length + " and " + b.length);
      }
      java.util.Map<Integer, Integer> ra = new java.util.HashMap<>();
      java.util.Map<Integer, Integer> rb = new java.util.HashMap<>();
      java.util.Map<Long, Integer> cell = new java.util.HashMap<>();
      java.util.List<long[]> cells = new java.util.ArrayList<>();
      for (int i = 0; i < a.length; i++) {
        int r = ra.computeIfAbsent(a[i], key -> ra.size());
        int c = rb.computeIfAbsent(b[i], key -> rb.size());
        int k = cell.computeIfAbsent(((long) r << 32) | c, key -> cell.size());
        if (k == cells.size()) {
          cells.add(new long[] {r, c, 0});
        }
        cells.get(k)[2]++;
      }
      int[] row = new int[cells.size()];
      int[] col = new int[cells.size()];
      long[] count = new long[cells.size()];
      for (int k = 0; k < cells.size(); k++) {
        row[k] = (int) cells.get(k)[0];
        col[k] = (int) cells.get(k)[1];
        count[k] = cells.get(k)[2];
      }
      return new Table(ra.size(), rb.size(), row, col, count);
    }

    /** The nonzero cells of a full table, row by row. */
    public static Table of(long[][] c) {
      int nr = c.length;
      int nc = nr == 0 ? 0 : c[0].length;
      int cells = 0;
      for (long[] r : c) {
        for (long v : r) {
          cells += v != 0 ? 1 : 0;
        }
      }
      int[] row = new int[cells];
      int[] col = new int[cells];
      long[] count = new long[cells];
      int k = 0;
      for (int i = 0; i < nr; i++) {
        for (int j = 0; j < nc; j++) {
          if (c[i][j] != 0) {
            row[k] = i;
            col[k] = j;
            count[k++] = c[i][j];
          }
        }
      }
      return new Table(nr, nc, row, col, count);
    }

    private double[] rowSums() {
      double[] s = new double[rows];
      for (int k = 0; k < count.length; k++) {
        s[row[k]] += count[k];
      }
      return s;
    }

    private double[] colSums() {
      double[] s = new double[cols];
      for (int k = 0; k < count.length; k++) {
        s[col[k]] += count[k];
      }
      return s;
    }

    private double total() {
      double n = 0;
      for (long v : count) {
        n += v;
      }
      return n;
    }
  }

  /** scikit-learn's adjusted_rand_score, from the pair confusion matrix. */
  public static double ari(long[][] c) {
    return ari(Table.of(c));
  }

  /** scikit-learn's adjusted_rand_score, from the pair confusion matrix. */
  public static double ari(Table t) {
    double sumSq = 0;
    for (long v : t.count()) {
      sumSq += (double) v * v;
    }
    double sumRowSq = 0;
    for (double v : t.rowSums()) {
      sumRowSq += v * v;
    }
    double sumColSq = 0;
    for (double v : t.colSums()) {
      sumColSq += v * v;
    }
    return ari(sumSq, sumRowSq, sumColSq, t.total());
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
    return nmi(Table.of(c));
  }

  /** scikit-learn's normalized_mutual_info_score with average_method="arithmetic". */
  public static double nmi(Table t) {
    if ((t.rows() == 1 && t.cols() == 1) || (t.rows() == 0 && t.cols() == 0)) {
      return 1.0;
    }
    double n = t.total();
    double[] rowSums = t.rowSums();
    double[] colSums = t.colSums();
    double mi = 0;
    for (int k = 0; k < t.count().length; k++) {
      double v = t.count()[k];
      if (v > 0) {
        mi += v / n * Math.log(v * n / (rowSums[t.row()[k]] * colSums[t.col()[k]]));
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
