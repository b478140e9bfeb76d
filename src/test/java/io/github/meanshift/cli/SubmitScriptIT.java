package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit.sh as users run it, with the jar Maven just packaged. */
class SubmitScriptIT {
  @TempDir Path tmp;

  /** Result of a submit.sh run. */
  record Run(int status, String stdout, String stderr) {}

  static Run submit(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of("submit.sh").toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("submit-out", ".txt");
    Path err = Files.createTempFile("submit-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("submit.sh timed out");
    }
    Run r =
        new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  @Test
  void readmeCommandClustersTheBundledSample() throws Exception {
    Path out = tmp.resolve("blobs");
    Run r =
        submit(
            Map.of(),
            "meanshift",
            "--input",
            "data-samples/blobs.csv",
            "--bandwidth",
            "2.5",
            "--label-col",
            "truth",
            "--output",
            out.toString());
    assertEquals(0, r.status(), r.stderr());
    for (String f : List.of("labels", "centers.csv", "report.json", "clusters.png")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(6, report.get("n_clusters").asInt());
    assertTrue(r.stderr().contains("iteration 1:"), "per-iteration progress is logged");
  }

  @Test
  void dryRunPrintsTheSparkSubmitLineForAGpuCluster() throws Exception {
    Path rapids = tmp.resolve("rapids-4-spark_2.12-25.04.0.jar");
    Files.writeString(rapids, "stand-in for the RAPIDS jar");
    Run r =
        submit(
            Map.of("SPARK_HOME", "/opt/spark", "RAPIDS_JAR", rapids.toString()),
            "meanshift",
            "--gpu",
            "--master",
            "spark://h:7077",
            "--dry-run",
            "--input",
            "hdfs:///data/points.parquet",
            "--output",
            "hdfs:///out/run1",
            "--conf",
            "spark.executor.memory=8g");
    assertEquals(0, r.status(), r.stderr());
    String line = r.stdout().strip();
    assertEquals(1, line.lines().count(), line);
    String home = Path.of("").toAbsolutePath().toString();
    assertTrue(
        line.startsWith(
            "/opt/spark/bin/spark-submit --master spark://h:7077 --class io.github.meanshift.cli.Main"),
        line);
    assertTrue(line.contains("--properties-file " + home + "/conf/spark-defaults.conf"), line);
    assertTrue(line.contains("--conf spark.plugins=com.nvidia.spark.SQLPlugin"), line);
    assertTrue(line.contains("--conf spark.rapids.sql.variableFloatAgg.enabled=true"), line);
    assertTrue(line.contains(rapids.toString()), "the RAPIDS jar is shipped: " + line);
    assertTrue(line.contains("picocli"), "non-Spark dependencies are shipped: " + line);
    assertFalse(line.contains("spark-core"), "Spark itself is not shipped: " + line);
    assertTrue(line.contains("--conf spark.executor.memory=8g"), line);
    assertTrue(line.contains(home + "/target/spark-meanshift.jar meanshift "), line);
    assertTrue(line.contains("--input hdfs:///data/points.parquet"), line);
    assertFalse(line.contains("--dry-run"), line);
  }

  @Test
  void dryRunOfALocalRunPrintsTheJavaCommand() throws Exception {
    Run r = submit(Map.of(), "meanshift", "--dry-run", "--input", "a.csv", "--output", "o");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), r.stdout());
    assertTrue(
        r.stdout().contains("io.github.meanshift.cli.Main meanshift --input a.csv --output o"),
        r.stdout());
  }

  @Test
  void clusterMasterWithoutSparkHomeIsAClearError() throws Exception {
    Run r =
        submit(
            Map.of(),
            "meanshift",
            "--master",
            "spark://h:7077",
            "--input",
            "a.csv",
            "--output",
            "o");
    assertEquals(2, r.status());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    assertTrue(r.stderr().startsWith("error: ") && r.stderr().contains("SPARK_HOME"), r.stderr());
  }
}
