package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.SparkTestBase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meanshift command end to end: outputs, and one clear error for each kind of bad input. */
class MeanShiftCommandTest extends SparkTestBase {
  /** Least agreement with the generating blobs on the bundled sample. */
  static final double MIN_ARI = 0.99;

  /** Largest difference between a coordinate in blobs.csv and in blobs.parquet. */
  static final double SAMPLE_COPY_TOLERANCE = 1e-12;

  @TempDir Path tmp;

  private static String sample() {
    return Path.of("data-samples/blobs.csv").toAbsolutePath().toString();
  }

  @Test
  void bundledParquetSampleHoldsTheCsvSamplesPoints() {
    String[] cols = {"id", "x0", "x1", "truth"};
    List<Row> csv =
        spark
            .read()
            .option("header", "true")
            .option("inferSchema", "true")
            .csv(sample())
            .selectExpr(cols)
            .orderBy("id")
            .collectAsList();
    List<Row> parquet =
        spark
            .read()
            .parquet(Path.of("data-samples/blobs.parquet").toAbsolutePath().toString())
            .selectExpr(cols)
            .orderBy("id")
            .collectAsList();
    assertEquals(1500, parquet.size());
    assertEquals(csv.size(), parquet.size());
    for (int i = 0; i < csv.size(); i++) {
      Row a = csv.get(i);
      Row b = parquet.get(i);
      assertEquals(((Number) a.get(0)).longValue(), ((Number) b.get(0)).longValue());
      assertEquals(((Number) a.get(3)).longValue(), ((Number) b.get(3)).longValue());
      for (int j = 1; j <= 2; j++) {
        assertEquals(a.getDouble(j), b.getDouble(j), SAMPLE_COPY_TOLERANCE, "row " + i);
      }
    }
  }

  @Test
  void bundledSampleGivesSixBlobsAndEveryOutputFile() throws IOException {
    Path out = tmp.resolve("out");
    CliRun run =
        CliRun.of(
            "meanshift",
            "--input",
            sample(),
            "--output",
            out.toString(),
            "--bandwidth",
            "2.5",
            "--label-col",
            "truth");
    assertEquals(0, run.status, run.toString());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(6, report.get("n_clusters").asInt());
    assertEquals(1500, report.get("n_points").asInt());
    assertTrue(report.get("metrics").get("ari").asDouble() >= MIN_ARI, report.toString());
    assertTrue(report.get("converged").asBoolean());
    assertEquals(2.5, report.get("parameters").get("bandwidth").asDouble());
    assertEquals("gaussian", report.get("parameters").get("kernel").asText());
    assertEquals(report.get("n_iter").asInt(), report.get("seconds").get("per_iteration").size());
    for (String field :
        List.of("command", "input", "features", "centers", "cluster_sizes", "spark")) {
      assertTrue(report.has(field), field);
    }
    List<String> centers = Files.readAllLines(out.resolve("centers.csv"));
    assertEquals("cluster,x0,x1,size", centers.get(0));
    assertEquals(7, centers.size());
    long previous = Long.MAX_VALUE;
    for (String line : centers.subList(1, centers.size())) {
      long size = Long.parseLong(line.substring(line.lastIndexOf(',') + 1));
      assertTrue(size <= previous, "centers.csv sorted by size descending");
      previous = size;
    }
    Dataset<Row> labels = spark.read().parquet(out.resolve("labels").toString());
    assertEquals(List.of("id", "prediction"), List.of(labels.columns()));
    assertEquals(1500, labels.count());
    assertEquals(1500, labels.select("id").distinct().count());
    assertEquals(900, ImageIO.read(out.resolve("clusters.png").toFile()).getWidth());
    assertNoStaging();
  }

  @Test
  void csvLabelsAndOrphansWithClusterAllFalse() throws IOException {
    Path out = tmp.resolve("orphans");
    String input = resource("sklearn/blobs300.csv").toString();
    CliRun run =
        CliRun.of(
            "meanshift",
            "--input",
            input,
            "--output",
            out.toString(),
            "--kernel",
            "flat",
            "--bandwidth",
            "1.2",
            "--cluster-all",
            "false",
            "--output-format",
            "csv",
            "--features",
            "x0,x1");
    assertEquals(0, run.status, run.toString());
    Dataset<Row> labels =
        spark
            .read()
            .option("header", "true")
            .option("inferSchema", "true")
            .csv(out.resolve("labels").toString());
    assertEquals(2, labels.where("prediction = -1").count());
    assertEquals(3, labels.where("prediction >= 0").select("prediction").distinct().count());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(2, report.get("orphans").asInt());
  }

  @Test
  void eachBadInputGivesOneErrorLineExitTwoAndNoOutput() throws IOException {
    Path csv = tmp.resolve("points.csv");
    Files.writeString(csv, "id,x0,x1,name\n1,0.0,1.0,a\n2,0.5,1.5,b\n3,10.0,10.0,c\n");
    assertBad(
        List.of("missing input"),
        "does not exist",
        "--input",
        "/nonexistent/points.csv",
        "--bandwidth",
        "1");
    assertBad(
        List.of("unknown feature"),
        "'nope' not found",
        "--input",
        csv.toString(),
        "--features",
        "x0,nope");
    assertBad(List.of("non-numeric"), "'name'", "--input", csv.toString(), "--features", "x0,name");
    assertBad(List.of("bandwidth 0"), "--bandwidth", "--input", csv.toString(), "--bandwidth", "0");
    assertBad(
        List.of("bandwidth -1"), "--bandwidth", "--input", csv.toString(), "--bandwidth", "-1");
    assertBad(
        List.of("bandwidth abc"), "--bandwidth", "--input", csv.toString(), "--bandwidth", "abc");
    assertBad(
        List.of("bandwidth NaN"), "--bandwidth", "--input", csv.toString(), "--bandwidth", "NaN");

    Path nan = tmp.resolve("nan.csv");
    Files.writeString(nan, "id,x0,x1\n1,0.0,1.0\n2,NaN,1.5\n3,1.0,2.0\n");
    assertBad(List.of("NaN value"), "'x0'", "--input", nan.toString(), "--bandwidth", "1");
    Path inf = tmp.resolve("inf.csv");
    Files.writeString(inf, "id,x0,x1\n1,0.0,1.0\n2,1.0,Infinity\n3,1.0,2.0\n");
    assertBad(List.of("infinite value"), "'x1'", "--input", inf.toString(), "--bandwidth", "1");
    Path empty = tmp.resolve("empty.csv");
    Files.writeString(empty, "id,x0,x1\n");
    assertBad(
        List.of("empty input"), "has no rows", "--input", empty.toString(), "--bandwidth", "1");
    Path blank = tmp.resolve("blank.csv");
    Files.writeString(blank, "");
    assertBad(List.of("empty file"), "is empty", "--input", blank.toString(), "--bandwidth", "1");

    Path seeds = tmp.resolve("seeds.csv");
    Files.writeString(seeds, "x0,x1\n-90,-90\n-100,-100\n");
    assertBad(
        List.of("no point near any seed"),
        "no point was within bandwidth",
        "--input",
        csv.toString(),
        "--features",
        "x0,x1",
        "--bandwidth",
        "0.1",
        "--seeds",
        seeds.toString());
  }

  @Test
  void explainGpuWithoutTheRapidsJarIsAClearErrorAndWritesNothing() {
    boolean rapidsPresent;
    try {
      Class.forName("com.nvidia.spark.rapids.ExplainPlan");
      rapidsPresent = true;
    } catch (ClassNotFoundException e) {
      rapidsPresent = false;
    }
    org.junit.jupiter.api.Assumptions.assumeFalse(
        rapidsPresent, "the RAPIDS jar is on this classpath");
    Path out = tmp.resolve("explain");
    CliRun run =
        CliRun.of(
            "meanshift",
            "--input",
            sample(),
            "--output",
            out.toString(),
            "--bandwidth",
            "2.5",
            "--explain-gpu");
    assertEquals(2, run.status, run.toString());
    assertOneErrorLine(run, "RAPIDS Accelerator jar");
    assertFalse(Files.exists(out));
  }

  @Test
  void existingOutputIsRefusedWithoutOverwrite() throws IOException {
    Path out = tmp.resolve("exists");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "previous result");
    CliRun run =
        CliRun.of(
            "meanshift", "--input", sample(), "--output", out.toString(), "--bandwidth", "2.5");
    assertEquals(2, run.status, run.toString());
    assertOneErrorLine(run, "already exists");
    assertEquals("previous result", Files.readString(out.resolve("keep.txt")));
    CliRun again =
        CliRun.of(
            "meanshift",
            "--input",
            sample(),
            "--output",
            out.toString(),
            "--bandwidth",
            "2.5",
            "--overwrite");
    assertEquals(0, again.status, again.toString());
    assertFalse(Files.exists(out.resolve("keep.txt")));
    assertTrue(Files.exists(out.resolve("report.json")));
  }

  private void assertBad(List<String> what, String expected, String... args) {
    Path out = tmp.resolve("bad-out");
    String[] full =
        Stream.concat(Stream.of("meanshift", "--output", out.toString()), Stream.of(args))
            .toArray(String[]::new);
    CliRun run = CliRun.of(full);
    assertEquals(2, run.status, what + ": " + run);
    assertOneErrorLine(run, expected);
    assertFalse(Files.exists(out), what + ": output directory must not exist");
    assertNoStaging();
  }

  private static void assertOneErrorLine(CliRun run, String expected) {
    List<String> lines = run.stderr.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), run.toString());
    assertTrue(lines.get(0).startsWith("error: "), run.toString());
    assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in " + run);
  }

  private void assertNoStaging() {
    File[] left = tmp.toFile().listFiles((d, n) -> n.contains(".staging-"));
    assertEquals(0, left == null ? 0 : left.length, "staging directories left behind");
  }
}
