package io.github.meanshift.ml;

import io.github.meanshift.common.Agreement;
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
    int[] row = new int[rows.size()];
    int[] col = new int[rows.size()];
    long[] count = new long[rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      Row r = rows.get(k);
      row[k] = ti.computeIfAbsent(String.valueOf(r.get(0)), key -> ti.size());
      col[k] = pi.computeIfAbsent(String.valueOf(r.get(1)), key -> pi.size());
      count[k] = r.getLong(2);
    }
    // The nonzero cells only: with many clusters and many classes (200,000 of each, say) the
    // full table would not fit in memory.
    Agreement.Table table = new Agreement.Table(ti.size(), pi.size(), row, col, count);
    return new ClusteringMetrics(Agreement.ari(table), Agreement.nmi(table));
  }

  /** Metrics from a contingency table (rows: true classes, columns: clusters). */
  public static ClusteringMetrics of(long[][] contingency) {
    return new ClusteringMetrics(Agreement.ari(contingency), Agreement.nmi(contingency));
  }

  public double ari() {
    return ari;
  }

  public double nmi() {
    return nmi;
  }
}
