package io.github.meanshift.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Labeler;
import io.github.meanshift.common.NearestCentres;
import io.github.meanshift.io.SparkProperties;
import io.github.meanshift.kmeans.ColumnarKMeans;
import io.github.meanshift.kmeans.KMeansResult;
import io.github.meanshift.kmeans.MiniBatchKMeans;
import io.github.meanshift.ml.GpuPlans;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.report.GpuPlanReport;
import io.github.meanshift.shift.HaloBlurring;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.Seeding;
import io.github.meanshift.shift.SqlShiftEngine;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every hot path would run on the GPU: the RAPIDS Accelerator's {@code
 * ExplainPlan.explainPotentialGpuPlan(df, "NOT_ON_GPU")} (no GPU and no plugin needed) returns ""
 * when every operator of a plan can be placed on the GPU, else one line starting with "!" per
 * operator that cannot (or "^" per expression bridged to the CPU, since RAPIDS 26.x). The session
 * carries conf/gpu.conf's SQL settings, as a GPU run would.
 */
class GpuPlanTest {
  private static SparkSession spark;
  private static Method explain;

  @TempDir static Path tmp;

  private static PointSet points;

  @BeforeAll
  static void start() throws Exception {
    SparkSession.Builder b =
        SparkSession.builder()
            .master("local[2]")
            .appName("gpu-plan-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4");
    for (Map.Entry<String, String> e : SparkProperties.read(Path.of("conf/gpu.conf")).entrySet()) {
      String k = e.getKey();
      // Plugin loading and GPU resource requests need a GPU; the SQL settings do not.
      if (!k.equals("spark.plugins") && !k.contains(".resource.")) {
        b.config(k, e.getValue());
      }
    }
    spark = b.getOrCreate();
    explain =
        Class.forName("com.nvidia.spark.rapids.ExplainPlan")
            .getMethod("explainPotentialGpuPlan", Dataset.class, String.class);
    points = pointSet(2);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** A point set as a fit makes it: internal double columns read back from Parquet. */
  static PointSet pointSet(int d) {
    List<Column> cols = new ArrayList<>();
    cols.add(functions.col("id").as(Columns.PID));
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      cols.add(functions.rand(j).multiply(10).as(Columns.feature(j)));
      names[j] = "x" + j;
    }
    cols.add(functions.lit(1.0).as(Columns.WEIGHT));
    String path = tmp.resolve("points-" + d).toString();
    spark.range(500).select(cols.toArray(new Column[0])).write().mode("overwrite").parquet(path);
    Dataset<Row> stored = spark.read().parquet(path);
    return new PointSet(stored, names, PointStats.compute(stored, names, "weight"));
  }

  static double[][] seeds(int m, int d) {
    double[][] s = new double[m][d];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        s[i][j] = i + 0.5 * j;
      }
    }
    return s;
  }

  /** Fails listing each operator that would not run on the GPU. */
  static void assertOnGpu(String what, Dataset<?> plan) {
    String report;
    try {
      report = (String) explain.invoke(null, plan, "NOT_ON_GPU");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    String fallbacks = String.join("\n", GpuPlanReport.fallbackLines(report));
    if (!report.isBlank()) {
      fail(
          what
              + " would not run entirely on the GPU:\n"
              + (fallbacks.isEmpty() ? report : fallbacks));
    }
    assertEquals("", report);
  }

  @ParameterizedTest
  @EnumSource(Kernel.class)
  void meanShiftIterationRunsOnGpu(Kernel kernel) {
    SqlShiftEngine engine = new SqlShiftEngine(points, kernel, 1.5, 20_000_000L);
    assertOnGpu("mean-shift iteration (" + kernel + ")", engine.plan(seeds(20, 2), 0, 20));
  }

  @ParameterizedTest
  @EnumSource(Kernel.class)
  void gridNeighbourJoinRunsOnGpu(Kernel kernel) {
    SqlShiftEngine grid = SqlShiftEngine.grid(points, kernel, 1.5, 20_000_000L);
    assertOnGpu("grid neighbour join (" + kernel + ")", grid.plan(seeds(20, 2), 0, 20));
    PointSet fiveD = pointSet(5);
    SqlShiftEngine grid5 = SqlShiftEngine.grid(fiveD, kernel, 1.5, 20_000_000L);
    assertOnGpu("grid neighbour join, 5-D (" + kernel + ")", grid5.plan(seeds(10, 5), 0, 10));
  }

  @Test
  void blurringIterationRunsOnGpu() {
    double[][] positions = seeds(300, 2);
    double[] w = new double[positions.length];
    java.util.Arrays.fill(w, 1.0);
    String path = tmp.resolve("positions").toString();
    PointSet current =
        PointSet.fromArrays(
            spark,
            positions,
            w,
            new String[] {"x0", "x1"},
            df -> {
              df.write().mode("overwrite").parquet(path);
              return spark.read().parquet(path);
            });
    SqlShiftEngine engine = new SqlShiftEngine(current, Kernel.GAUSSIAN, 1.5, 20_000_000L);
    assertOnGpu("blurring iteration", engine.plan(positions, 0, positions.length));
    for (Kernel kernel : Kernel.values()) {
      assertOnGpu(
          "blurring halo pass (" + kernel + ")",
          HaloBlurring.passPlan(current.hot(), 2, kernel, 1.5));
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {10, 40, 400})
  void labelAssignmentRunsOnGpu(int centres) {
    // array_min and array_position over the distances, from a few centres to hundreds.
    Column label = Labeler.label(Columns.features(2), seeds(centres, 2), 1.5);
    assertOnGpu("label assignment", points.hot().select(functions.col(Columns.PID), label));
    assertOnGpu("cluster sizes", points.hot().groupBy(label).count());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {10, 1_000, 100_000})
  void labelsOfManyCentresRunOnGpu(int centres) {
    // One expression up to 32 centres, else the cell join (with and without the full-scan
    // fallback) in 2-D and the broadcast array of centres read by a higher-order function in 8-D.
    double[][] c = seeds(centres, 2);
    for (double maxDistance : new double[] {Double.POSITIVE_INFINITY, 1.0}) {
      Dataset<Row> labelled =
          NearestCentres.assign(points.hot(), Columns.features(2), c, maxDistance, 1.5, "label");
      assertOnGpu(centres + " centres, max distance " + maxDistance, labelled);
      assertOnGpu("cluster sizes, " + centres + " centres", labelled.groupBy("label").count());
    }
    if (centres <= 1_000) {
      PointSet eight = pointSet(8);
      assertOnGpu(
          centres + " centres in 8-D",
          NearestCentres.assign(
              eight.hot(),
              Columns.features(8),
              seeds(centres, 8),
              Double.POSITIVE_INFINITY,
              1.5,
              "label"));
    }
  }

  @Test
  void seedingRunsOnGpu() {
    assertOnGpu("bin seeding", Seeding.binSeedPlan(points, 1.5, 1));
    assertOnGpu(
        "all-points seeding",
        points.hot().groupBy(Columns.features(2)).agg(functions.count(functions.lit(1))));
  }

  @Test
  void everyPlanOfAFitRunsOnGpu() {
    Dataset<Row> input =
        points
            .data()
            .withColumnRenamed(Columns.feature(0), "x0")
            .withColumnRenamed(Columns.feature(1), "x1");
    for (boolean binSeeding : new boolean[] {false, true}) {
      MeanShiftModel model =
          new MeanShift()
              .setInputCols(new String[] {"x0", "x1"})
              .setBinSeeding(binSeeding)
              .setMaxIter(3)
              .fit(input);
      Map<String, Dataset<?>> plans =
          GpuPlans.meanShift(model, input, tmp.resolve("fit-" + binSeeding).toString());
      GpuPlanReport report = GpuPlanReport.explain(plans);
      assertEquals(
          java.util.Set.of("seeding", "iteration", "labels", "cluster_sizes"), plans.keySet());
      assertEquals(List.of(), report.fallbacks(), report.text());
    }
  }

  @Test
  void columnarAndMiniBatchKMeansRunOnGpu() {
    Dataset<Row> data =
        points
            .hot()
            .withColumnRenamed(Columns.feature(0), "a")
            .withColumnRenamed(Columns.feature(1), "b");
    double[][] centres = seeds(5, 2);
    ColumnarKMeans lloyd =
        new ColumnarKMeans(data, "a", "b").setK(5).setCheckpointPath(tmp.resolve("km").toString());
    assertOnGpu("columnar k-means iteration", lloyd.iterationPlan(centres));
    assertOnGpu("columnar k-means iteration, k = 40", lloyd.iterationPlan(seeds(40, 2)));
    MiniBatchKMeans mini =
        new MiniBatchKMeans(data, "a", "b").setK(5).setCheckpointPath(tmp.resolve("mb").toString());
    assertOnGpu("mini-batch k-means step", mini.stepPlan(centres, 3));
    KMeansResult fitted = lloyd.setMaxIter(3).fit();
    assertOnGpu("k-means assignment", data.select(fitted.assignment("a", "b")));
  }

  @Test
  void segmentExplainsItsMeanShiftPlansAllOnGpu() throws java.io.IOException {
    Path out = tmp.resolve("segment");
    int status =
        io.github.meanshift.cli.Main.run(
            "segment",
            "--synthetic",
            "24x16",
            "--method",
            "points",
            "--explain-gpu",
            "--output",
            out.toString());
    assertEquals(0, status);
    com.fasterxml.jackson.databind.JsonNode plan =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.resolve("report.json").toFile())
            .get("gpu_plan");
    assertEquals(0, plan.get("fallbacks").size(), plan.toString());
    List<String> checked = new ArrayList<>();
    plan.get("plans").forEach(p -> checked.add(p.asText()));
    // The joint bandwidth is 1 by construction: no bandwidth estimation plan.
    assertEquals(List.of("iteration", "seeding", "labels", "cluster_sizes"), checked);
    assertEquals(true, java.nio.file.Files.exists(out.resolve("gpu-plan.txt")));
  }
}
