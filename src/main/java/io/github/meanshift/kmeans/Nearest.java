package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The nearest of k squared-distance columns: their minimum ({@code least}, in chunks of {@link
 * #CHUNK} so that no generated method grows too large) and the index of the first column equal to
 * it ({@code CASE WHEN}; ties go to the lower index), the same rule as {@link
 * io.github.meanshift.shift.Labeler}. Meant for columns computed in an earlier projection, so that
 * each distance is evaluated once.
 */
final class Nearest {
  /** Columns per {@code least}. */
  static final int CHUNK = 32;

  private Nearest() {}

  /** The smallest of {@code d2}. */
  static Column min(Column[] d2) {
    if (d2.length == 1) {
      return d2[0];
    }
    if (d2.length <= CHUNK) {
      return least(d2);
    }
    Column[] chunks = new Column[(d2.length + CHUNK - 1) / CHUNK];
    for (int i = 0; i < chunks.length; i++) {
      int from = i * CHUNK;
      Column[] part = new Column[Math.min(d2.length, from + CHUNK) - from];
      System.arraycopy(d2, from, part, 0, part.length);
      chunks[i] = min(part);
    }
    return min(chunks);
  }

  /** The index of the first of {@code d2} equal to {@code best} (an int column). */
  static Column index(Column[] d2, Column best) {
    if (d2.length == 1) {
      return lit(0);
    }
    Column label = when(d2[0].equalTo(best), lit(0));
    for (int c = 1; c < d2.length - 1; c++) {
      label = label.when(d2[c].equalTo(best), lit(c));
    }
    return label.otherwise(lit(d2.length - 1));
  }
}
