package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Columns;
import io.github.meanshift.data.SyntheticData;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.ml.MeanShiftSummary;
import io.github.meanshift.report.ResultFiles;
import io.github.meanshift.shift.IterationStats;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.LocalShiftEngine;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.ShiftEngine;
import io.github.meanshift.shift.SqlShiftEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: measures this program and writes bench.json, for the scripts under bench/ that
 * compare it with scikit-learn and MLlib in one run on the same data. Three measurements:
 *
 * <ul>
 *   <li>{@code fit}: a whole mean-shift fit (phases, iterations, point pairs per second, peak
 *       heap);
 *   <li>{@code engine}: the throughput of one engine's pass (point-seed pairs per second);
 *   <li>{@code kmeans-iteration}: one distributed mean-shift iteration with m seeds beside one
 *       MLlib KMeans iteration with k = m, on the same points.
 * </ul>
 *
 * Points come from --input (CSV or Parquet, feature columns x0...) or are generated (blobs).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure a fit, an engine or an iteration and write bench.json.")
final class BenchCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

  @Option(
      names = "--mode",
      defaultValue = "fit",
      paramLabel = "fit|engine|kmeans-iteration",
      description = "What to measure (default: ${DEFAULT-VALUE}).")
  String mode;

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
      names = "--seed-count",
      defaultValue = "1000",
      paramLabel = "M",
      description = "engine and kmeans-iteration: seeds (= k) (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--repeat",
      defaultValue = "3",
      paramLabel = "R",
      description = "engine and kmeans-iteration: timed repetitions (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--pass-engine",
      defaultValue = "jvm",
      paramLabel = "local|jvm|sql",
      description =
          "engine mode: the driver-local loops, the per-partition JVM engine or the SQL plan"
              + " (default: ${DEFAULT-VALUE}).")
  String passEngine;

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
    if (points < 1 || clusters < 1 || dim < 1 || seeds < 1 || repeat < 1) {
      throw new UsageException(
          "--points, --clusters, --dim, --seed-count and --repeat must be >= 1");
    }
    long start = System.nanoTime();
    try (Sessions.Handle session = Sessions.start("bench", sparkOptions)) {
      SparkSession spark = session.spark;
      Dataset<Row> data = data(spark);
      String[] features = featureNames(data);
      ObjectNode out = ResultFiles.newObject();
      out.put("mode", mode);
      out.put("input", input == null ? "generated blobs" : input);
      switch (mode) {
        case "fit":
          fit(data, features, out);
          break;
        case "engine":
          engine(spark, data, features, out);
          break;
        case "kmeans-iteration":
          kmeansIteration(spark, data, features, out);
          break;
        default:
          throw new UsageException(
              "--mode must be fit, engine or kmeans-iteration; got '" + mode + "'");
      }
      out.put("seconds_total", (System.nanoTime() - start) / 1e9);
      out.set("memory", memory());
      out.set("machine", machine(spark));
      write(out);
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

  /** Pairs per second of one engine's pass: m seeds drawn from the data, against all points. */
  private void engine(SparkSession spark, Dataset<Row> data, String[] features, ObjectNode out) {
    Kernel kernel = Kernel.fromName(meanShift.kernel);
    double h = meanShift.fixedBandwidth();
    PointSet set = pointSet(data, features);
    double[][] seedPositions = seedsFrom(set);
    String engineName = passEngine.toLowerCase(Locale.ROOT);
    boolean grid = meanShift.neighbors.equalsIgnoreCase("grid");
    ShiftEngine engine;
    long build = System.nanoTime();
    if (engineName.equals("sql")) {
      engine =
          grid
              ? SqlShiftEngine.grid(set, kernel, h, meanShift.maxPairsPerTask)
              : new SqlShiftEngine(set, kernel, h, meanShift.maxPairsPerTask);
    } else if (engineName.equals("local")) {
      double[][] x = collect(set);
      double[] w = new double[x.length];
      java.util.Arrays.fill(w, 1.0);
      engine = new LocalShiftEngine(x, w, set.stats(), features, kernel, h, grid);
    } else {
      engine = new JvmShiftEngine(set, kernel, h, grid);
    }
    double buildSeconds = (System.nanoTime() - build) / 1e9;
    try (ShiftEngine e = engine) {
      e.sums(seedPositions); // warm-up: JIT, caches
      double best = Double.POSITIVE_INFINITY;
      ArrayNode runs = out.putArray("seconds_per_pass");
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        e.sums(seedPositions);
        double sec = (System.nanoTime() - t0) / 1e9;
        runs.add(sec);
        best = Math.min(best, sec);
      }
      double pairs = (double) set.count() * seedPositions.length;
      out.put("engine", e.name());
      out.put("kernel", kernel.paramName());
      out.put("bandwidth", h);
      out.put("n_points", set.count());
      out.put("n_seeds", seedPositions.length);
      out.put("n_features", features.length);
      out.put("build_seconds", buildSeconds);
      out.put("best_seconds_per_pass", best);
      out.put("pairs_per_pass", pairs);
      out.put("pairs_per_second", pairs / best);
      LOG.info("engine {}: {} pairs/s", e.name(), String.format(Locale.ROOT, "%.3g", pairs / best));
    }
  }

  /**
   * One mean-shift iteration with m seeds (the distributed JVM engine, as on a cluster) beside one
   * MLlib KMeans iteration with k = m: MLlib's time per iteration is the difference between fits of
   * 1 + R and 1 iterations (same seed, random init) divided by R.
   */
  /** MLlib KMeans fits timed per iteration count, fastest kept. */
  static final int KMEANS_TRIALS = 3;

  private void kmeansIteration(
      SparkSession spark, Dataset<Row> data, String[] features, ObjectNode out) {
    Kernel kernel = Kernel.fromName(meanShift.kernel);
    double h = meanShift.fixedBandwidth();
    PointSet set = pointSet(data, features);
    double[][] seedPositions = seedsFrom(set);
    double msBest;
    String engineName;
    try (ShiftEngine engine =
        passEngine.equalsIgnoreCase("sql")
            ? new SqlShiftEngine(set, kernel, h, meanShift.maxPairsPerTask)
            : new JvmShiftEngine(set, kernel, h, meanShift.neighbors.equalsIgnoreCase("grid"))) {
      engineName = engine.name();
      engine.sums(seedPositions);
      msBest = Double.POSITIVE_INFINITY;
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        engine.sums(seedPositions);
        msBest = Math.min(msBest, (System.nanoTime() - t0) / 1e9);
      }
    }
    Dataset<Row> vectors =
        new VectorAssembler().setInputCols(features).setOutputCol("_v").transform(data).cache();
    vectors.count();
    double[] one = kmeansSeconds(vectors, 1);
    double[] many = kmeansSeconds(vectors, 1 + repeat);
    vectors.unpersist();
    double kmPerIter = many[1] > 1 ? Math.max(0, many[0] - one[0]) / (many[1] - 1) : Double.NaN;
    out.put("kmeans_iterations_timed", many[1] - 1);
    out.put("n_points", set.count());
    out.put("m", seedPositions.length);
    out.put("meanshift_engine", engineName);
    out.put("meanshift_seconds_per_iteration", msBest);
    out.put("kmeans_seconds_per_iteration", kmPerIter);
    out.put("ratio_meanshift_to_kmeans", kmPerIter > 0 ? msBest / kmPerIter : Double.NaN);
    LOG.info(
        "one iteration, m = k = {}: mean shift {} s, MLlib KMeans {} s",
        seedPositions.length,
        msBest,
        kmPerIter);
  }

  /**
   * Seconds of an MLlib KMeans fit of at most {@code iterations} (the fastest of {@link
   * #KMEANS_TRIALS} fits: one fit's job scheduling noise is as large as several iterations), and
   * the iterations it ran.
   */
  private double[] kmeansSeconds(Dataset<Row> vectors, int iterations) {
    double best = Double.POSITIVE_INFINITY;
    int ran = 0;
    for (int t = 0; t < KMEANS_TRIALS; t++) {
      long t0 = System.nanoTime();
      org.apache.spark.ml.clustering.KMeansModel model =
          new KMeans()
              .setK(seeds)
              .setMaxIter(iterations)
              .setTol(0)
              .setSeed(1)
              .setInitMode("random")
              .setFeaturesCol("_v")
              .fit(vectors);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      ran = model.summary().numIter();
    }
    return new double[] {best, ran};
  }

  private PointSet pointSet(Dataset<Row> data, String[] features) {
    List<org.apache.spark.sql.Column> cols = new java.util.ArrayList<>();
    cols.add(org.apache.spark.sql.functions.monotonically_increasing_id().as(Columns.PID));
    for (int j = 0; j < features.length; j++) {
      cols.add(data.col(features[j]).cast("double").as(Columns.feature(j)));
    }
    cols.add(org.apache.spark.sql.functions.lit(1.0).as(Columns.WEIGHT));
    Dataset<Row> hot = data.select(cols.toArray(new org.apache.spark.sql.Column[0]));
    return new PointSet(hot, features, PointStats.compute(hot, features, "weight"));
  }

  /** m seeds: the first m points of a sample (seeds sit on data, as in a fit). */
  private double[][] seedsFrom(PointSet set) {
    List<Row> rows =
        set.hot()
            .sample(false, Math.min(1.0, 2.0 * seeds / set.count()), 7)
            .limit(seeds)
            .select(Columns.features(set.dim()))
            .collectAsList();
    double[][] out = new double[rows.size()][set.dim()];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < set.dim(); j++) {
        out[i][j] = rows.get(i).getDouble(j);
      }
    }
    return out;
  }

  private static double[][] collect(PointSet set) {
    List<Row> rows = set.hot().select(Columns.features(set.dim())).collectAsList();
    double[][] x = new double[rows.size()][set.dim()];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < set.dim(); j++) {
        x[i][j] = rows.get(i).getDouble(j);
      }
    }
    return x;
  }

  /** Peak and maximum heap of this JVM (in local mode, the driver and executor). */
  private static ObjectNode memory() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    ObjectNode m = ResultFiles.newObject();
    m.put("peak_heap_bytes", peak);
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    return m;
  }

  private static ObjectNode machine(SparkSession spark) {
    ObjectNode m = ResultFiles.newObject();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.version"));
    m.put("spark", spark.version());
    m.put("master", spark.sparkContext().master());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return m;
  }

  /** Writes bench.json next to its final name, then renames it into place. */
  private void write(ObjectNode out) throws IOException {
    Path target = Path.of(output).toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".bench", ".json");
    Files.writeString(tmp, out.toPrettyString() + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    LOG.info("wrote {}", target);
  }
}
