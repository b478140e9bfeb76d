package io.github.meanshift.shift;

import io.github.meanshift.common.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Throughput of the JVM engine in point-seed pairs per second (not a unit test: run by hand).
 *
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.github.meanshift.shift.JvmShiftBench [loops|engine|all] [points] [seeds] [threads] [h] \
 *     [dims] [kernels]
 * </pre>
 *
 * <p>{@code dims} is a comma-separated list of dimensions (default {@code 2,5,16}: the fused
 * two-feature loop and the generic one at a low and a high dimension), {@code kernels} one of
 * kernel names (default all four). Add {@code --add-modules jdk.incubator.vector} to the {@code
 * java} command to measure the Vector API loops instead; fewer than 8 seeds measure the scalar loop
 * of small tiles. {@code -Dbench.repeats=N} sets the repetitions (default 5), of which the best is
 * printed.
 *
 * <p>{@code loops}: the per-partition loop alone, one block per thread (as Spark runs one task per
 * core), as pairs per second of wall time and per second of the threads' CPU time (the latter is
 * what a busy shared machine does not distort). {@code engine}: whole {@link JvmShiftEngine#sums}
 * calls on a local Spark session. Data: five Gaussian blobs of unit spread; seeds are data points;
 * h = 0.3 (about 0.5% of pairs within one bandwidth at d = 2, and 8% within the Gaussian's
 * cut-off).
 */
public final class JvmShiftBench {
  private static double bandwidth = 0.3;
  private static final int REPEATS = Integer.getInteger("bench.repeats", 5);
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private JvmShiftBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "all";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int m = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    bandwidth = args.length > 4 ? Double.parseDouble(args[4]) : bandwidth;
    int[] dims =
        java.util.Arrays.stream((args.length > 5 ? args[5] : "2,5,16").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Kernel[] kernels =
        args.length > 6
            ? java.util.Arrays.stream(args[6].split(","))
                .map(Kernel::fromName)
                .toArray(Kernel[]::new)
            : Kernel.values();
    System.out.printf(
        Locale.ROOT,
        "%d points, %d seeds, h = %s, Vector API loop: %s%n",
        n,
        m,
        bandwidth,
        ShiftLoops.VECTOR);
    for (int d : dims) {
      double[][] x = blobs(n, d, 1);
      double[][] seeds = new double[m][];
      Random r = new Random(2);
      for (int i = 0; i < m; i++) {
        seeds[i] = x[r.nextInt(n)].clone();
      }
      if (mode.equals("loops") || mode.equals("all")) {
        loops(x, seeds, threads, kernels);
      }
      if (mode.equals("engine") || mode.equals("all")) {
        engine(x, seeds, kernels);
      }
    }
  }

  static double[][] blobs(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(5);
      for (int j = 0; j < d; j++) {
        x[i][j] = (j == 0 ? 2 * c : j == 1 ? 3 * (c % 2) : 0) + r.nextGaussian();
      }
    }
    return x;
  }

  private static void loops(double[][] x, double[][] seeds, int threads, Kernel[] kernels)
      throws Exception {
    int n = x.length;
    int d = x[0].length;
    int m = seeds.length;
    double[] flat = new double[m * d];
    for (int i = 0; i < m; i++) {
      System.arraycopy(seeds[i], 0, flat, i * d, d);
    }
    List<PointBlock> exact = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) n * t / threads);
      int to = (int) ((long) n * (t + 1) / threads);
      double[][] cols = new double[d][to - from];
      double[] w = new double[to - from];
      for (int i = from; i < to; i++) {
        for (int j = 0; j < d; j++) {
          cols[j][i - from] = x[i][j];
        }
        w[i - from] = 1;
      }
      exact.add(PointBlock.of(cols, w, to - from, Double.NaN));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (Kernel k : kernels) {
        double best = 0;
        double bestCpu = 0;
        double checksum = 0;
        for (int rep = 0; rep < REPEATS; rep++) {
          long t0 = System.nanoTime();
          List<Future<double[]>> fs = new ArrayList<>();
          for (PointBlock b : exact) {
            fs.add(
                pool.submit(
                    () -> {
                      long c0 = CPU.getCurrentThreadCpuTime();
                      PartialSums sums = b.pass(flat, m, k, bandwidth);
                      long cpu = CPU.getCurrentThreadCpuTime() - c0;
                      return new double[] {cpu, checksum(sums)};
                    }));
          }
          long cpu = 0;
          checksum = 0;
          for (Future<double[]> f : fs) {
            double[] r = f.get();
            cpu += (long) r[0];
            checksum += r[1];
          }
          best = Math.max(best, (double) n * m / ((System.nanoTime() - t0) / 1e9));
          bestCpu = Math.max(bestCpu, (double) n * m / (cpu / 1e9));
        }
        System.out.printf(
            Locale.ROOT,
            "loops  d=%d %-12s %d threads: %.3g pairs/s wall, %.3g pairs/s per CPU-second"
                + " (best of %d; checksum %.12g)%n",
            d,
            k.paramName(),
            threads,
            best,
            bestCpu,
            REPEATS,
            checksum);
      }
    } finally {
      pool.shutdown();
    }
  }

  /** A weighted sum of all sums, to see that two builds of the loops compute the same. */
  private static double checksum(PartialSums sums) {
    double c = 0;
    for (int i = 0; i < sums.values.length; i++) {
      c += sums.values[i] * (1 + i % 7);
    }
    return c;
  }

  private static void engine(double[][] x, double[][] seeds, Kernel[] kernels) {
    int d = x[0].length;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("jvm-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      List<Row> rows = new ArrayList<>(x.length);
      StructType schema = new StructType().add(Columns.PID, DataTypes.LongType);
      String[] names = new String[d];
      for (int j = 0; j < d; j++) {
        schema = schema.add(Columns.feature(j), DataTypes.DoubleType);
        names[j] = "x" + j;
      }
      schema = schema.add(Columns.WEIGHT, DataTypes.DoubleType);
      for (int i = 0; i < x.length; i++) {
        Object[] v = new Object[d + 2];
        v[0] = (long) i;
        for (int j = 0; j < d; j++) {
          v[j + 1] = x[i][j];
        }
        v[d + 1] = 1.0;
        rows.add(RowFactory.create(v));
      }
      Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2).cache();
      PointSet points = new PointSet(df, names, PointStats.compute(df, names, "weight"));
      for (boolean grid : new boolean[] {false, true}) {
        for (Kernel k : kernels) {
          try (JvmShiftEngine e = new JvmShiftEngine(points, k, bandwidth, grid)) {
            double best = 0;
            for (int rep = 0; rep < REPEATS; rep++) {
              long t0 = System.nanoTime();
              e.sums(seeds);
              best =
                  Math.max(
                      best, (double) x.length * seeds.length / ((System.nanoTime() - t0) / 1e9));
            }
            System.out.printf(
                Locale.ROOT,
                "engine d=%d %-12s %s: %.3g pairs/s (n·m over wall time, best of %d)%n",
                d,
                k.paramName(),
                e.name(),
                best,
                REPEATS);
          }
        }
      }
    } finally {
      spark.stop();
    }
  }
}
