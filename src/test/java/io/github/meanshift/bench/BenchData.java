package io.github.meanshift.bench;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Rows;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.PointStats;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Points for the micro-benchmarks: a CSV or Parquet file with feature columns x0, x1, .... */
final class BenchData {
  private BenchData() {}

  static Dataset<Row> read(SparkSession spark, String input) {
    return spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .format(input.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet")
        .load(input);
  }

  static String[] features(Dataset<Row> data) {
    return Arrays.stream(data.columns()).filter(c -> c.matches("x\\d+")).toArray(String[]::new);
  }

  /** The internal columns of a fit over {@code features}, unit weights. */
  static PointSet pointSet(Dataset<Row> data, String[] features) {
    Column[] cols = new Column[features.length + 2];
    cols[0] = functions.monotonically_increasing_id().as(Columns.PID);
    for (int j = 0; j < features.length; j++) {
      cols[j + 1] = data.col(features[j]).cast("double").as(Columns.feature(j));
    }
    cols[features.length + 1] = functions.lit(1.0).as(Columns.WEIGHT);
    Dataset<Row> hot = data.select(cols);
    return new PointSet(hot, features, PointStats.compute(hot, features, "weight"));
  }

  /** m seeds: points of a sample (seeds sit on data, as in a fit). */
  static double[][] seeds(PointSet set, int m) {
    return Rows.matrix(
        set.hot()
            .sample(false, Math.min(1.0, 2.0 * m / set.count()), 7)
            .limit(m)
            .select(Columns.features(set.dim()))
            .collectAsList(),
        0,
        set.dim());
  }
}
