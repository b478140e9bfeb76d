package io.github.meanshift.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.report.BenchJson;
import io.github.meanshift.report.ResultFiles;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.ShiftEngine;
import java.util.concurrent.Callable;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One distributed mean-shift iteration with m seeds (the JVM engine, as on a cluster) beside one
 * MLlib KMeans iteration with k = m, on the same points. MLlib's time per iteration is the
 * difference between fits of 1 + R and 1 iterations (same seed, random init) divided by R, each the
 * fastest of {@link #KMEANS_TRIALS} fits. Writes bench.json (run by bench/run.sh).
 */
@Command(name = "kmeans-iteration-bench", mixinStandardHelpOptions = true)
public final class KMeansIterationBench implements Callable<Integer> {
  /** MLlib KMeans fits timed per iteration count, fastest kept. */
  static final int KMEANS_TRIALS = 3;

  @Option(names = "--input", required = true, description = "Points (x0, x1, ... columns).")
  String input;

  @Option(names = "--seeds", defaultValue = "100", description = "m = k.")
  int seeds;

  @Option(names = "--bandwidth", required = true, description = "h.")
  double bandwidth;

  @Option(names = "--kernel", defaultValue = "gaussian", description = "Kernel.")
  Kernel kernel;

  @Option(names = "--grid", description = "Grid neighbours instead of exact.")
  boolean grid;

  @Option(names = "--repeat", defaultValue = "5", description = "Timed iterations.")
  int repeat;

  @Option(names = "--output", required = true, description = "bench.json to write.")
  String output;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new KMeansIterationBench());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SparkSession spark = BenchSession.start("kmeans-iteration-bench");
    try {
      Dataset<Row> data = BenchData.read(spark, input);
      String[] features = BenchData.features(data);
      PointSet set = BenchData.pointSet(data, features);
      double[][] s = BenchData.seeds(set, seeds);
      double msBest = Double.POSITIVE_INFINITY;
      String engineName;
      try (ShiftEngine engine = new JvmShiftEngine(set, kernel, bandwidth, grid)) {
        engineName = engine.name();
        engine.sums(s);
        for (int r = 0; r < repeat; r++) {
          long t0 = System.nanoTime();
          engine.sums(s);
          msBest = Math.min(msBest, (System.nanoTime() - t0) / 1e9);
        }
      }
      Dataset<Row> vectors =
          new VectorAssembler().setInputCols(features).setOutputCol("_v").transform(data).cache();
      vectors.count();
      double[] one = kmeansSeconds(vectors, s.length, 1);
      double[] many = kmeansSeconds(vectors, s.length, 1 + repeat);
      vectors.unpersist();
      double kmPerIter = many[1] > 1 ? Math.max(0, many[0] - one[0]) / (many[1] - 1) : Double.NaN;
      ObjectNode out = ResultFiles.newObject();
      out.put("mode", "kmeans-iteration");
      out.put("input", input);
      out.put("kmeans_iterations_timed", many[1] - 1);
      out.put("n_points", set.count());
      out.put("m", s.length);
      out.put("meanshift_engine", engineName);
      out.put("meanshift_seconds_per_iteration", msBest);
      out.put("kmeans_seconds_per_iteration", kmPerIter);
      out.put("ratio_meanshift_to_kmeans", kmPerIter > 0 ? msBest / kmPerIter : Double.NaN);
      out.set("memory", BenchJson.memory());
      out.set("machine", BenchJson.machine(spark));
      BenchJson.write(out, output);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Seconds of the fastest MLlib KMeans fit of at most {@code iterations}, and its iterations. */
  private static double[] kmeansSeconds(Dataset<Row> vectors, int k, int iterations) {
    double best = Double.POSITIVE_INFINITY;
    int ran = 0;
    for (int t = 0; t < KMEANS_TRIALS; t++) {
      long t0 = System.nanoTime();
      org.apache.spark.ml.clustering.KMeansModel model =
          new KMeans()
              .setK(k)
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
}
