package io.github.meanshift.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Small tables of points held by the driver (seeds, centres) as Spark frames that stay on the GPU:
 * a range of ids reading each coordinate from an array literal. A local relation of driver rows
 * would keep the plans that read it off the GPU; a range and literals do not.
 */
public final class ArrayTables {
  private ArrayTables() {}

  /**
   * Rows {@code [from, to)} of {@code points}: an int id column {@code idCol} (the row's index) and
   * one double column {@code prefix + j} per coordinate.
   */
  public static Dataset<Row> of(
      SparkSession spark, double[][] points, int from, int to, String idCol, String prefix) {
    int d = points.length == 0 ? 0 : points[0].length;
    Column[] cols = new Column[d + 1];
    Column offset = col("id").minus(from).plus(1).cast("int");
    cols[0] = col("id").cast("int").as(idCol);
    for (int j = 0; j < d; j++) {
      double[] values = new double[to - from];
      for (int i = from; i < to; i++) {
        values[i - from] = points[i][j];
      }
      cols[j + 1] = element_at(lit(values), offset).as(prefix + j);
    }
    return spark.range(from, to, 1, 1).select(cols);
  }
}
