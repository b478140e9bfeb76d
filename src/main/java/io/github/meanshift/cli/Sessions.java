package io.github.meanshift.cli;

import io.github.meanshift.io.SparkProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Starts (or joins) the SparkSession of a command. Settings, lowest precedence first: the project's
 * conf/spark-defaults.conf (in local mode; spark-submit reads it itself), conf/gpu.conf with --gpu,
 * then --conf from the job file and the command line. Under spark-submit the master comes from
 * spark-submit; otherwise it is --master or local[*].
 */
final class Sessions {
  /** System property submit.sh sets to the project directory. */
  static final String HOME_PROPERTY = "meanshift.home";

  private Sessions() {}

  /** A session, and whether closing it stops Spark (not when it was already running). */
  static final class Handle implements AutoCloseable {
    final SparkSession spark;
    private final boolean owned;

    Handle(SparkSession spark, boolean owned) {
      this.spark = spark;
      this.owned = owned;
    }

    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }

  static Handle start(String appName, SparkOptions options) {
    Map<String, String> conf = new LinkedHashMap<>();
    boolean underSubmit = System.getProperty("spark.master") != null;
    String home = System.getProperty(HOME_PROPERTY);
    if (!underSubmit && home != null) {
      conf.putAll(SparkProperties.read(Path.of(home, "conf", "spark-defaults.conf")));
      conf.putAll(options.gpuConf(Path.of(home, "conf", "gpu.conf")));
    }
    for (String[] kv : options.confPairs()) {
      conf.put(kv[0], kv[1]);
    }
    boolean existing =
        SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    String master = options.master == null ? "local[*]" : options.master;
    if (!underSubmit && !conf.containsKey("spark.master")) {
      b.master(master);
    }
    boolean local =
        underSubmit
            ? System.getProperty("spark.master").startsWith("local")
            : conf.getOrDefault("spark.master", master).startsWith("local");
    if (local) {
      conf.putIfAbsent("spark.ui.enabled", "false");
      conf.putIfAbsent(
          "spark.sql.shuffle.partitions",
          String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
    }
    conf.forEach(b::config);
    SparkSession spark = b.getOrCreate();
    return new Handle(spark, !existing);
  }
}
