package io.github.meanshift.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Rows;
import io.github.meanshift.report.BenchJson;
import io.github.meanshift.report.ResultFiles;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.LocalShiftEngine;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.ShiftEngine;
import io.github.meanshift.shift.SqlShiftEngine;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput of one engine's pass in point-seed pairs per second: m seeds drawn from the data
 * against every point, the best of several passes after a warm-up. Writes bench.json (run by
 * bench/run.sh with the test classpath).
 */
@Command(name = "engine-bench", mixinStandardHelpOptions = true)
public final class EngineBench implements Callable<Integer> {
  /** Which engine runs the pass. */
  enum Engine {
    LOCAL,
    JVM,
    SQL
  }

  @Option(names = "--input", required = true, description = "Points (x0, x1, ... columns).")
  String input;

  @Option(names = "--engine", defaultValue = "JVM", description = "local, jvm or sql.")
  Engine engine;

  @Option(names = "--seeds", defaultValue = "1000", description = "Seeds of the pass.")
  int seeds;

  @Option(names = "--bandwidth", required = true, description = "h.")
  double bandwidth;

  @Option(names = "--kernel", defaultValue = "gaussian", description = "Kernel.")
  Kernel kernel;

  @Option(names = "--grid", description = "Grid neighbours instead of exact.")
  boolean grid;

  @Option(names = "--repeat", defaultValue = "3", description = "Timed passes.")
  int repeat;

  @Option(names = "--output", required = true, description = "bench.json to write.")
  String output;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new EngineBench());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SparkSession spark = BenchSession.start("engine-bench");
    try {
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> data = BenchData.read(spark, input);
      PointSet set = BenchData.pointSet(data, BenchData.features(data));
      double[][] s = BenchData.seeds(set, seeds);
      long build = System.nanoTime();
      ShiftEngine e = engine(set);
      double buildSeconds = (System.nanoTime() - build) / 1e9;
      ObjectNode out = ResultFiles.newObject();
      out.put("mode", "engine");
      out.put("input", input);
      try (e) {
        e.sums(s); // warm-up: JIT, caches
        double best = Double.POSITIVE_INFINITY;
        ArrayNode runs = out.putArray("seconds_per_pass");
        for (int r = 0; r < repeat; r++) {
          long t0 = System.nanoTime();
          e.sums(s);
          double sec = (System.nanoTime() - t0) / 1e9;
          runs.add(sec);
          best = Math.min(best, sec);
        }
        double pairs = (double) set.count() * s.length;
        out.put("engine", e.name());
        out.put("kernel", kernel.paramName());
        out.put("bandwidth", bandwidth);
        out.put("n_points", set.count());
        out.put("n_seeds", s.length);
        out.put("n_features", set.dim());
        out.put("build_seconds", buildSeconds);
        out.put("best_seconds_per_pass", best);
        out.put("pairs_per_pass", pairs);
        out.put("pairs_per_second", pairs / best);
      }
      out.set("memory", BenchJson.memory());
      out.set("machine", BenchJson.machine(spark));
      BenchJson.write(out, output);
      return 0;
    } finally {
      spark.stop();
    }
  }

  private ShiftEngine engine(PointSet set) {
    switch (engine) {
      case SQL:
        return grid
            ? SqlShiftEngine.grid(set, kernel, bandwidth, 20_000_000L)
            : new SqlShiftEngine(set, kernel, bandwidth, 20_000_000L);
      case LOCAL:
        java.util.List<org.apache.spark.sql.Row> rows =
            set.hot().select(Columns.features(set.dim())).collectAsList();
        double[][] x = Rows.matrix(rows, 0, set.dim());
        double[] w = new double[x.length];
        Arrays.fill(w, 1.0);
        return new LocalShiftEngine(x, w, set.stats(), set.featureNames(), kernel, bandwidth, grid);
      default:
        return new JvmShiftEngine(set, kernel, bandwidth, grid);
    }
  }
}
