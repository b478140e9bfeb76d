package io.github.meanshift.bench;

import io.github.meanshift.io.SparkProperties;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The local Spark session of a micro-benchmark, with conf/spark-defaults.conf as a run has. */
final class BenchSession {
  private BenchSession() {}

  static SparkSession start(String name) {
    SparkSession.Builder b = SparkSession.builder().master("local[*]").appName(name);
    SparkProperties.read(Path.of("conf/spark-defaults.conf")).forEach(b::config);
    return b.getOrCreate();
  }
}
