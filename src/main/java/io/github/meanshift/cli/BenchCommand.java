package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Columns;
import io.github.meanshift.common.NearestCentres;
import io.github.meanshift.common.Rows;
import io.github.meanshift.data.SyntheticData;
import io.github.meanshift.ml.ClusteringMetrics;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.ml.MeanShiftSummary;
import io.github.meanshift.report.BenchJson;
import io.github.meanshift.report.ResultFiles;
import io.github.meanshift.shift.IterationStats;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
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
    FIT,
    /** A fit, then every point's label written to Parquet: what the meanshift command does. */
    END_TO_END,
    /** Labelling every point by its nearest of --centers centres drawn from the points. */
    LABEL;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  @Option(
      names = "--mode",
      defaultValue = "fit",
      paramLabel = "fit|end-to-end|label",
      converter = ModeConverter.class,
      description = "What to measure (default: ${DEFAULT-VALUE}).")
  Mode mode;

  /** Mode names as printed: fit, end-to-end, label. */
  static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      for (Mode m : Mode.values()) {
        if (m.toString().equalsIgnoreCase(value)) {
          return m;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected fit, end-to-end or label, got '" + value + "'");
    }
  }

  @Option(
      names = "--centers",
      defaultValue = "1000",
      paramLabel = "M",
      description = "With --mode label, centres drawn from the points (default: ${DEFAULT-VALUE}).")
  int centers;

  @Option(
      names = "--truth-col",
      defaultValue = "truth",
      paramLabel = "NAME",
      description =
          "Column of the true clusters, for the ARI of the labels when present (default:"
              + " ${DEFAULT-VALUE}).")
  String truthCol;

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
    if (points < 1 || clusters < 1 || dim < 1 || centers < 1) {
      throw new UsageException("--points, --clusters, --dim and --centers must be >= 1");
    }
    long start = System.nanoTime();
    try (Sessions.Handle session = Sessions.start("bench", sparkOptions)) {
      SparkSession spark = session.spark;
      Dataset<Row> data = data(spark);
      String[] features = featureNames(data);
      ObjectNode out = ResultFiles.newObject();
      out.put("mode", mode.toString());
      out.put("input", input == null ? "generated blobs" : input);
      if (mode == Mode.LABEL) {
        label(data, features, out);
      } else {
        fit(data, features, out);
      }
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

  private void fit(Dataset<Row> data, String[] features, ObjectNode out) throws IOException {
    MeanShift ms = meanShift.estimator(features);
    long t0 = System.nanoTime();
    MeanShiftModel model = ms.fit(data);
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    MeanShiftSummary s = model.summary();
    MeanShiftSummary.Route route = s.route();
    ObjectNode r = out.putObject("route");
    r.put("engine_reason", s.engineReason());
    r.put("seeding", route.seeding());
    r.put("seed_candidates", route.seedCandidates());
    r.put("seed_cap", route.seedCap());
    r.put("blurring_path", route.blurringPath());
    r.put("reason", route.reason());
    if (mode == Mode.END_TO_END) {
      Path dir = Files.createTempDirectory("meanshift-bench-labels");
      String labels = dir.resolve("labels.parquet").toString();
      long t1 = System.nanoTime();
      s.predictions().write().parquet(labels);
      double labelSeconds = (System.nanoTime() - t1) / 1e9;
      out.put("label_seconds", labelSeconds);
      out.put("end_to_end_seconds", fitSeconds + labelSeconds);
      truthAgreement(data.sparkSession().read().parquet(labels), s.predictionCol(), out);
      deleteTree(dir);
    }
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

  /**
   * Labels every point by its nearest of {@code centers} centres, with the plan {@code
   * MeanShiftModel.transform} runs, and counts the labels. The centres are spread like a fit's,
   * which lie about h apart: the means of the points of distinct cells of side h, a random {@code
   * centers} of them (fewer when fewer cells hold points).
   */
  private void label(Dataset<Row> data, String[] features, ObjectNode out) {
    double h = meanShift.fixedBandwidth();
    Column[] cols = new Column[features.length];
    Column[] cells = new Column[features.length];
    Column[] means = new Column[features.length];
    for (int j = 0; j < features.length; j++) {
      cols[j] = Columns.named(features[j]).cast("double");
      cells[j] = functions.floor(cols[j].divide(h)).as("_cell" + j);
      means[j] = functions.avg(cols[j]).as(features[j]);
    }
    long t0 = System.nanoTime();
    List<Row> drawn =
        data.groupBy(cells)
            .agg(means[0], java.util.Arrays.copyOfRange(means, 1, means.length))
            .select(java.util.Arrays.stream(features).map(Columns::named).toArray(Column[]::new))
            .orderBy(functions.rand(meanShift.seed))
            .limit(centers)
            .collectAsList();
    double[][] c = Rows.matrix(drawn, 0, features.length);
    double drawSeconds = (System.nanoTime() - t0) / 1e9;
    Kernel kernel = meanShift.kernel;
    double side = JvmShiftEngine.cellSide(kernel, h);
    long t1 = System.nanoTime();
    Dataset<Row> labelled =
        NearestCentres.assign(data, cols, c, Double.POSITIVE_INFINITY, side, "label");
    Dataset<Row> byLabel = labelled.groupBy("label").count();
    List<Row> counts = byLabel.collectAsList();
    double labelSeconds = (System.nanoTime() - t1) / 1e9;
    long labelledPoints = counts.stream().mapToLong(r -> r.getLong(1)).sum();
    out.put("n_points", labelledPoints);
    out.put("n_features", features.length);
    out.put("n_centers", c.length);
    out.put("bandwidth", h);
    out.put("cell_side", side);
    out.put("draw_seconds", drawSeconds);
    out.put("label_seconds", labelSeconds);
    out.put("n_labels_used", counts.size());
    LOG.info(
        "labelled {} points against {} centres in {} s", labelledPoints, c.length, labelSeconds);
  }

  /** ARI and NMI of the labels against the truth column, when the input has one. */
  private void truthAgreement(Dataset<Row> labels, String predictionCol, ObjectNode out) {
    if (!java.util.Arrays.asList(labels.columns()).contains(truthCol)) {
      return;
    }
    ClusteringMetrics m =
        ClusteringMetrics.of(labels, Columns.named(truthCol), Columns.named(predictionCol));
    out.put("ari_truth", m.ari());
    out.put("nmi_truth", m.nmi());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
