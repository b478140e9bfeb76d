package io.github.meanshift.ml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Agreement between a clustering and ground-truth labels, defined as in scikit-learn: the adjusted
 * Rand index and the normalized mutual information (arithmetic mean normalisation). Computed from
 * the contingency table, which Spark builds with one aggregation; orphans (-1) count as a cluster
 * of their own, as they would in scikit-learn.
 */
public final class ClusteringMetrics {
  private final double ari;
  private final double nmi;

  private ClusteringMetrics(double ari, double nmi) {
    this.ari = ari;
    this.nmi = nmi;
  }

  /** Metrics of {@code prediction} against {@code truth} over the rows of {@code data}. */
  public static ClusteringMetrics of(Dataset<Row> data, Column truth, Column prediction) {
    List<Row> rows =
        data.groupBy(truth.cast("string").as("t"), prediction.cast("string").as("p"))
            .count()
            .collectAsList();
    Map<String, Integer> ti = new HashMap<>();
    Map<String, Integer> pi = new HashMap<>();
    for (Row r : rows) {
      ti.putIfAbsent(String.valueOf(r.get(0)), ti.size());
      pi.putIfAbsent(String.valueOf(r.get(1)), pi.size());
    }
    long[][] table = new long[ti.size()][pi.size()];
    for (Row r : rows) {
      table[ti.get(String.valueOf(r.get(0)))][pi.get(String.valueOf(r.get(1)))] += r.getLong(2);
    }
    return of(table);
  }

  /** Metrics from a contingency table (rows: true classes, columns: clusters). */
  public static ClusteringMetrics of(long[][] contingency) {
    return new ClusteringMetrics(ari(contingency), nmi(contingency));
  }

  public double ari() {
    return ari;
  }

  public double nmi() {
    return nmi;
  }

  /** scikit-learn's adjusted_rand_score, from the pair confusion matrix. */
  static double ari(long[][] c) {
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
  static double nmi(long[][] c) {
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
