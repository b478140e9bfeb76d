package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit.sh as users run it, with the jar Maven just packaged. */
class SubmitScriptIT {
  /** A whole submit.sh run, building a Spark line first if need be. */
  static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(10);

  @TempDir Path tmp;

  /** Result of a submit.sh run. */
  record Run(int status, String stdout, String stderr) {}

  static Run submit(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of("submit.sh").toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    ExternalCommand.Run r = ExternalCommand.run(Path.of(""), env, SUBMIT_TIMEOUT, cmd);
    return new Run(r.status(), r.stdout(), r.stderr());
  }

  /**
   * A stand-in Spark installation of the given versions: what submit.sh reads of it is the name of
   * jars/spark-core_SCALA-VERSION.jar.
   */
  static Path fakeSparkHome(Path dir, String scala, String spark) throws IOException {
    Files.createDirectories(dir.resolve("jars"));
    Files.writeString(dir.resolve("jars/spark-core_" + scala + "-" + spark + ".jar"), "stand-in");
    return dir;
  }

  /** A stand-in RAPIDS jar: a zip holding one folder per shim, as the real one does. */
  static Path fakeRapidsJar(Path file, String... shims) throws IOException {
    try (java.util.zip.ZipOutputStream zip =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
      for (String shim : shims) {
        zip.putNextEntry(new java.util.zip.ZipEntry(shim + "/com/nvidia/Shim.class"));
        zip.closeEntry();
      }
    }
    return file;
  }

  @Test
  void dryRunPrintsTheSparkSubmitLineForAGpuCluster() throws Exception {
    BuildInfo.Line line = BuildInfo.CURRENT;
    Path sparkHome = fakeSparkHome(tmp.resolve("spark"), line.scala(), line.spark());
    Path rapids =
        fakeRapidsJar(
            tmp.resolve("rapids-4-spark_" + line.scala() + "-" + line.rapids() + ".jar"),
            "spark" + line.spark().replace(".", ""));
    Run r =
        submit(
            Map.of("SPARK_HOME", sparkHome.toString(), "RAPIDS_JAR", rapids.toString()),
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
    String line1 = r.stdout().strip();
    assertEquals(1, line1.lines().count(), line1);
    String home = Path.of("").toAbsolutePath().toString();
    assertTrue(
        line1.startsWith(
            sparkHome
                + "/bin/spark-submit --master spark://h:7077 --class io.github.meanshift.cli.Main"),
        line1);
    assertTrue(line1.contains("--properties-file " + home + "/conf/spark-defaults.conf"), line1);
    assertTrue(line1.contains("--conf spark.plugins=com.nvidia.spark.SQLPlugin"), line1);
    assertTrue(line1.contains("--conf spark.rapids.sql.variableFloatAgg.enabled=true"), line1);
    assertTrue(line1.contains(rapids.toString()), "the RAPIDS jar is shipped: " + line1);
    assertTrue(line1.contains("picocli"), "non-Spark dependencies are shipped: " + line1);
    assertFalse(line1.contains("spark-core"), "Spark itself is not shipped: " + line1);
    assertTrue(line1.contains("--conf spark.executor.memory=8g"), line1);
    assertTrue(line1.contains(home + "/target/spark-meanshift.jar meanshift "), line1);
    assertTrue(line1.contains("--input hdfs:///data/points.parquet"), line1);
    assertFalse(line1.contains("--dry-run"), line1);
  }

  @Test
  void aClusterOfASparkVersionNoLineBuildsForIsRefusedNamingBoth() throws Exception {
    Path sparkHome = fakeSparkHome(tmp.resolve("spark-4.1"), "2.13", "4.1.1");
    Run r =
        submit(
            Map.of("SPARK_HOME", sparkHome.toString()),
            "meanshift",
            "--master",
            "spark://h:7077",
            "--dry-run",
            "--input",
            "a.csv",
            "--output",
            "o");
    assertEquals(2, r.status(), r.stderr());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    assertTrue(r.stderr().startsWith("error: "), r.stderr());
    assertTrue(r.stderr().contains("Spark 4.1.1"), r.stderr());
    for (BuildInfo.Line l : BuildInfo.LINES) {
      assertTrue(r.stderr().contains("Spark " + l.name()), l + " in " + r.stderr());
    }
  }

  @Test
  void gpuOnASparkReleaseTheRapidsJarHasNoShimForIsRefused() throws Exception {
    BuildInfo.Line line = BuildInfo.CURRENT;
    Path sparkHome = fakeSparkHome(tmp.resolve("spark"), line.scala(), line.spark());
    Path rapids = fakeRapidsJar(tmp.resolve("rapids.jar"), "spark350", "spark400");
    Run r =
        submit(
            Map.of("SPARK_HOME", sparkHome.toString(), "RAPIDS_JAR", rapids.toString()),
            "meanshift",
            "--gpu",
            "--master",
            "spark://h:7077",
            "--dry-run",
            "--input",
            "a.csv",
            "--output",
            "o");
    assertEquals(2, r.status(), r.stderr());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    assertTrue(r.stderr().contains("no shim for Spark " + line.spark()), r.stderr());
    assertTrue(r.stderr().contains("350, 400"), r.stderr());
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
