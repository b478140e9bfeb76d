package io.github.meanshift.report;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Rows;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A bounded uniform sample of clustered points, collected to the driver for a picture. */
public final class PlotSample {
  /** Most points drawn in a plot. */
  public static final int MAX_POINTS = 20_000;

  private final double[][] points;
  private final int[][] labels;

  private PlotSample(double[][] points, int[][] labels) {
    this.points = points;
    this.labels = labels;
  }

  /**
   * Samples at most {@link #MAX_POINTS} rows of {@code data} and collects their features and each
   * of the {@code labelCols} (several clusterings of the same rows can be sampled at once).
   */
  public static PlotSample collect(
      Dataset<Row> data, String[] features, long rows, long seed, String... labelCols) {
    Dataset<Row> sample =
        rows <= MAX_POINTS
            ? data
            : data.sample(false, Math.min(1.0, 1.1 * MAX_POINTS / rows), seed).limit(MAX_POINTS);
    Column[] cols = new Column[features.length + labelCols.length];
    for (int j = 0; j < features.length; j++) {
      cols[j] = Columns.named(features[j]).cast("double");
    }
    for (int l = 0; l < labelCols.length; l++) {
      cols[features.length + l] = Columns.named(labelCols[l]).cast("int");
    }
    List<Row> list = sample.select(cols).collectAsList();
    int[][] labels = new int[labelCols.length][list.size()];
    for (int i = 0; i < list.size(); i++) {
      for (int l = 0; l < labelCols.length; l++) {
        labels[l][i] = list.get(i).getInt(features.length + l);
      }
    }
    return new PlotSample(Rows.matrix(list, 0, features.length), labels);
  }

  public double[][] points() {
    return points;
  }

  /** Labels of the {@code l}-th label column, one per sampled point. */
  public int[] labels(int l) {
    return labels[l];
  }
}
