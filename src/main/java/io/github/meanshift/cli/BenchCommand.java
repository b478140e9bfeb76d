package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.data.SyntheticData;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.ml.MeanShiftSummary;
import io.github.meanshift.report.BenchJson;
import io.github.meanshift.report.ResultFiles;
import io.github.meanshift.shift.IterationStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: measures a whole mean-shift fit (phases, iterations, point pairs per second, peak
 * heap) and writes bench.json, for the scripts under bench/ that compare it with scikit-learn and
 * MLlib in one run on the same data. Points come from --input (CSV or Parquet, feature columns
 * x0...) or are generated (blobs). The micro-benchmarks of one engine pass and of one iteration
 * beside MLlib's are test-side programs (src/test/.../bench/), run by bench/run.sh.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure a mean-shift fit and write bench.json.")
final class BenchCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

  /** What bench measures. */
  enum Mode {
    /** A whole fit. */
    FIT;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Option(
      names = "--mode",
      defaultValue = "fit",
      paramLabel = "fit",
      description = "What to measure (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--input", paramLabel = "PATH", description = "Points (else generated).")
  String input;

  @Option(
      names = "--points",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Generated points (default: ${DEFAULT-VALUE}).")
  long points;

  @Option(
      names = "--clusters",
      defaultValue = "5",
      paramLabel = "K",
      description = "Generated blobs (default: ${DEFAULT-VALUE}).")
  int clusters;

  @Option(
      names = "--dim",
      defaultValue = "2",
      paramLabel = "D",
      description = "Generated dimension (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE",
      description = "bench.json to write.")
  String output;

  @Mixin MeanShiftOptions meanShift;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    meanShift.validate();
    if (points < 1 || clusters < 1 || dim < 1) {
      throw new UsageException("--points, --clusters and --dim must be >= 1");
    }
    long start = System.nanoTime();
    try (Sessions.Handle session = Sessions.start("bench", sparkOptions)) {
      SparkSession spark = session.spark;
      Dataset<Row> data = data(spark);
      String[] features = featureNames(data);
      ObjectNode out = ResultFiles.newObject();
      out.put("mode", mode.toString());
      out.put("input", input == null ? "generated blobs" : input);
      fit(data, features, out);
      out.put("seconds_total", (System.nanoTime() - start) / 1e9);
      out.set("memory", BenchJson.memory());
      out.set("machine", BenchJson.machine(spark));
      BenchJson.write(out, output);
      return 0;
    }
  }

  /** The points: --input, or blobs generated and stored as Parquet so reading is measured. */
  private Dataset<Row> data(SparkSession spark) throws IOException {
    if (input != null) {
      return spark
          .read()
          .option("header", "true")
          .option("inferSchema", "true")
          .format(input.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet")
          .load(input);
    }
    long perCluster = (points + clusters - 1) / clusters;
    SyntheticData blobs =
        new SyntheticData(
            SyntheticData.Kind.BLOBS, clusters, perCluster, dim, 35, Math.sqrt(5), 42);
    Path dir = Files.createTempDirectory("meanshift-bench");
    dir.toFile().deleteOnExit();
    String path = dir.resolve("points.parquet").toString();
    GenerateCommand.frame(spark, blobs)
        .repartition(spark.sparkContext().defaultParallelism())
        .write()
        .parquet(path);
    return spark.read().parquet(path);
  }

  private static String[] featureNames(Dataset<Row> data) {
    return java.util.Arrays.stream(data.columns())
        .filter(c -> c.matches("x\\d+"))
        .toArray(String[]::new);
  }

  private void fit(Dataset<Row> data, String[] features, ObjectNode out) {
    MeanShift ms = meanShift.estimator(features);
    long t0 = System.nanoTime();
    MeanShiftModel model = ms.fit(data);
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    MeanShiftSummary s = model.summary();
    out.put("n_points", s.numPoints());
    out.put("n_features", features.length);
    out.put("n_clusters", s.numClusters());
    out.put("n_seeds", s.numSeeds());
    out.put("n_iter", s.numIter());
    out.put("bandwidth", s.bandwidth());
    out.put("engine", s.engine());
    out.put("neighbors", s.neighbors());
    out.put("kernel", s.kernel());
    out.put("algorithm", s.algorithm());
    out.put("fit_seconds", fitSeconds);
    ObjectNode phases = out.putObject("phases");
    s.phaseSeconds().forEach(phases::put);
    double shiftSeconds = s.phaseSeconds().getOrDefault("shift", 0.0);
    double pairs = 0;
    for (IterationStats it : s.iterations()) {
      pairs += (double) it.active() * s.numPoints();
    }
    out.put("pairs_exact_equivalent", pairs);
    out.put("pairs_per_second", shiftSeconds > 0 ? pairs / shiftSeconds : 0);
    ArrayNode centers = out.putArray("centers");
    for (double[] c : s.clusterCenters()) {
      ArrayNode row = centers.addArray();
      java.util.Arrays.stream(c).forEach(row::add);
    }
    ArrayNode sizes = out.putArray("cluster_sizes");
    java.util.Arrays.stream(s.clusterSizes()).forEach(sizes::add);
    LOG.info("fit: {} clusters in {} s ({})", s.numClusters(), fitSeconds, s.engine());
  }
}
