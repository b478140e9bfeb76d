package io.github.meanshift;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local SparkSession for the whole test class, as MLlib's Java suites do. */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("meanshift-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.default.parallelism", "2")
            .config("spark.sql.adaptive.enabled", "false")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }

  /** A CSV test resource (header, inferred types) as a DataFrame. */
  protected static Dataset<Row> csvResource(String name) {
    return spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(resource(name).toString());
  }

  protected static Path resource(String name) {
    try {
      return Path.of(SparkTestBase.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }
}
