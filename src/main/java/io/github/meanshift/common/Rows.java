package io.github.meanshift.common;

import java.util.List;
import org.apache.spark.sql.Row;

/** Collected rows as plain arrays: the one place rows of doubles become a matrix. */
public final class Rows {
  private Rows() {}

  /**
   * Columns {@code [from, from + width)} of every row as a matrix of doubles (any numeric column; a
   * null becomes NaN, for the checks that report it).
   */
  public static double[][] matrix(List<Row> rows, int from, int width) {
    double[][] out = new double[rows.size()][width];
    for (int i = 0; i < out.length; i++) {
      Row r = rows.get(i);
      for (int j = 0; j < width; j++) {
        out[i][j] = r.isNullAt(from + j) ? Double.NaN : ((Number) r.get(from + j)).doubleValue();
      }
    }
    return out;
  }

  /** Column {@code index} of every row as doubles (null as NaN). */
  public static double[] column(List<Row> rows, int index) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Row r = rows.get(i);
      out[i] = r.isNullAt(index) ? Double.NaN : ((Number) r.get(index)).doubleValue();
    }
    return out;
  }
}
