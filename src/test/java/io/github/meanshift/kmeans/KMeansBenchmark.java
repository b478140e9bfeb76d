package io.github.meanshift.kmeans;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * One-off timing of {@link ColumnarKMeans} against MLlib's KMeans (not a test): n 2-D points in k
 * overlapping Gaussian blobs, written to Parquet first; both fits read that file, run maxIter
 * iterations from k-means|| with tol 0, alternately, {@code runs} times each (the first run warms
 * up the JVM). MLlib's per-iteration time is its logged "Iterations took" divided by its iteration
 * count.
 *
 * <p>Arguments: [n] [k] [maxIter] [runs] [mllib solver: auto|row|block].
 */
public final class KMeansBenchmark {
  private KMeansBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int maxIter = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String solver = args.length > 4 ? args[4] : "auto";
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("kmeans-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "4g")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Configurator.setLevel("org.apache.spark.ml.clustering.KMeans", Level.INFO);
    Configurator.setLevel("org.apache.spark.mllib.clustering.KMeans", Level.INFO);
    Configurator.setLevel("io.github.meanshift", Level.INFO);
    Path dir = Files.createTempDirectory("kmeans-bench");
    String input = dir.resolve("points").toString();
    double[][] centres = Blobs.randomCentres(k, 2, 3L);
    Blobs.frame(spark, Blobs.points(centres, 20_000, 2.0, 4L), null)
        .write()
        .parquet(dir.resolve("seed").toString());
    // n points: the 20 000 generated ones, each jittered n/20 000 times by a SQL expression.
    spark
        .read()
        .parquet(dir.resolve("seed").toString())
        .crossJoin(spark.range(n / 20_000).toDF("rep"))
        .selectExpr("x0 + 0.5 * randn(1) AS x0", "x1 + 0.5 * randn(2) AS x1")
        .write()
        .parquet(input);
    Dataset<Row> points = spark.read().parquet(input);
    System.out.printf(Locale.ROOT, "%d points, k=%d, maxIter=%d%n", points.count(), k, maxIter);
    for (int run = 1; run <= runs; run++) {
      long t0 = System.nanoTime();
      KMeansResult ours =
          new ColumnarKMeans(points, "x0", "x1")
              .setK(k)
              .setSeed(1L)
              .setMaxIter(maxIter)
              .setTol(0)
              .setCheckpointPath(dir.resolve("ckpt" + run).toString())
              .fit();
      double oursTotal = (System.nanoTime() - t0) / 1e9;
      double[] s = ours.iterationSeconds();
      System.out.printf(
          Locale.ROOT,
          "run %d ColumnarKMeans: total %.2f s, init %.2f s, %d iterations, mean %.3f s,"
              + " median %.3f s per iteration, cost %.6g%n",
          run,
          oursTotal,
          ours.initSeconds(),
          ours.iterations(),
          Arrays.stream(s).average().orElse(0),
          median(s),
          ours.cost());

      Dataset<Row> vec =
          new VectorAssembler()
              .setInputCols(new String[] {"x0", "x1"})
              .setOutputCol("features")
              .transform(points);
      t0 = System.nanoTime();
      KMeansModel m =
          new KMeans().setK(k).setSeed(1L).setMaxIter(maxIter).setTol(0).setSolver(solver).fit(vec);
      double mllibTotal = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "run %d MLlib KMeans (solver %s): total %.2f s, %d iterations, cost %.6g"
              + " (per-iteration: see its 'Iterations took' log line / %d)%n",
          run,
          solver,
          mllibTotal,
          m.summary().numIter(),
          m.summary().trainingCost(),
          m.summary().numIter());
    }
    double[] scan = new double[5];
    for (int i = 0; i < scan.length; i++) {
      long t0 = System.nanoTime();
      points.agg(functions.sum("x0"), functions.sum("x1")).collectAsList();
      scan[i] = (System.nanoTime() - t0) / 1e9;
    }
    System.out.printf(
        Locale.ROOT, "Parquet scan + sum of the points: median %.3f s%n", median(scan));
    Dataset<Row> cached = points.cache();
    cached.count();
    KMeansResult inMemory =
        new ColumnarKMeans(cached, "x0", "x1")
            .setK(k)
            .setSeed(1L)
            .setMaxIter(maxIter)
            .setTol(0)
            .fit();
    System.out.printf(
        Locale.ROOT,
        "ColumnarKMeans on a cached input: %d iterations, mean %.3f s, median %.3f s per iteration%n",
        inMemory.iterations(),
        Arrays.stream(inMemory.iterationSeconds()).average().orElse(0),
        median(inMemory.iterationSeconds()));
    cached.unpersist();
    spark.stop();
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0
        ? 0
        : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
