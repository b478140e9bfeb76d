package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The centres as one row of plain double columns {@code _ms_c<c>_<j>}, to be broadcast and
 * cross-joined onto the points: every point row gains the k·d coordinates (no row is multiplied),
 * and the distance expressions read them as columns.
 *
 * <p>The row is a one-id range whose columns read an array literal at an index computed from the
 * id. Two reasons: a local relation built from driver rows would keep the plan off the GPU (the
 * RAPIDS Accelerator has no local table scan), and plain literals would be folded into the distance
 * expressions and end up inlined in the generated code, which Spark then recompiles in every
 * iteration (about 0.15 s per iteration on two cores). An array literal is passed to the generated
 * code as an object, so the code stays the same from one iteration to the next and compiles once.
 */
final class CentreRow {
  private CentreRow() {}

  /** A one-row DataFrame with the coordinates of {@code centres}. */
  static Dataset<Row> of(SparkSession spark, double[][] centres) {
    int d = centres[0].length;
    double[] flat = new double[centres.length * d];
    Column[] cols = new Column[flat.length];
    for (int c = 0; c < centres.length; c++) {
      for (int j = 0; j < d; j++) {
        flat[c * d + j] = centres[c][j];
      }
    }
    Column values = lit(flat);
    for (int i = 0; i < flat.length; i++) {
      // element_at is 1-based; id is 0 in the only row.
      cols[i] = element_at(values, col("id").plus(i + 1).cast("int")).as(name(i / d, i % d));
    }
    return spark.range(0, 1, 1, 1).select(cols);
  }

  /** Coordinate {@code j} of centre {@code c}. */
  static Column coordinate(int c, int j) {
    return col(name(c, j));
  }

  private static String name(int c, int j) {
    return "_ms_c" + c + "_" + j;
  }
}
