package io.github.meanshift.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Small tables of points held by the driver (seeds, centres) as Spark frames. For a session set up
 * for the RAPIDS Accelerator (its plugin, or its {@code spark.rapids.sql.enabled} setting, as the
 * GPU plan check and {@code --explain-gpu} use) a range of ids reading each coordinate from an
 * array literal, which stays on the GPU where a local relation of driver rows would not. Elsewhere
 * a local relation: an array literal prints every value in every plan description Spark writes (at
 * the start of each query and at each adaptive re-plan), which for 100,000 centres costs more than
 * the query itself.
 */
public final class ArrayTables {
  private ArrayTables() {}

  /**
   * Rows {@code [from, to)} of {@code points}: an int id column {@code idCol} (the row's index) and
   * one double column {@code prefix + j} per coordinate.
   */
  public static Dataset<Row> of(
      SparkSession spark, double[][] points, int from, int to, String idCol, String prefix) {
    return forGpu(spark)
        ? literal(spark, points, from, to, idCol, prefix)
        : local(spark, points, from, to, idCol, prefix);
  }

  /** Whether the session is set up for the RAPIDS Accelerator: its plugin or its SQL switch. */
  public static boolean forGpu(SparkSession spark) {
    return spark.conf().get("spark.plugins", "").contains("com.nvidia.spark.SQLPlugin")
        || spark.conf().contains("spark.rapids.sql.enabled");
  }

  /** {@link #of} as a range reading array literals (GPU-clean). */
  static Dataset<Row> literal(
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

  /**
   * The same rows as {@link #of} as a local relation of driver rows: its plan shows no data (an
   * array literal prints every value in every plan description Spark writes, which for many centres
   * costs more than the query).
   */
  public static Dataset<Row> local(
      SparkSession spark, double[][] points, int from, int to, String idCol, String prefix) {
    int d = points.length == 0 ? 0 : points[0].length;
    org.apache.spark.sql.types.StructType schema =
        new org.apache.spark.sql.types.StructType()
            .add(idCol, org.apache.spark.sql.types.DataTypes.IntegerType, false);
    for (int j = 0; j < d; j++) {
      schema = schema.add(prefix + j, org.apache.spark.sql.types.DataTypes.DoubleType, false);
    }
    java.util.List<Row> rows = new java.util.ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      Object[] v = new Object[d + 1];
      v[0] = i;
      for (int j = 0; j < d; j++) {
        v[j + 1] = points[i][j];
      }
      rows.add(org.apache.spark.sql.RowFactory.create(v));
    }
    return spark.createDataFrame(rows, schema);
  }
}
