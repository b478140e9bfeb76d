package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second Spark line: the same sources build with its Maven profile, its unit tests and the GPU
 * plan test (with its own RAPIDS jar) pass, and submit.sh sends a cluster of that Spark version to
 * that line's jar. The default line is the one this build runs every other test on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkLinesIT {
  /** The second line's build with its unit and GPU plan tests, on a busy 2-core machine. */
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(40);

  static final BuildInfo.Line SECOND = BuildInfo.LINES.get(1);

  @TempDir Path tmp;

  @Test
  @Order(1)
  void secondLineBuildsAndPassesItsUnitAndGpuPlanTests() throws Exception {
    ExternalCommand.Run r =
        ExternalCommand.run(
            Path.of(""),
            Map.of(),
            BUILD_TIMEOUT,
            List.of(
                "mvn", "-B", "-Dstyle.color=never", "-P", SECOND.profile(), "-DskipITs", "verify"));
    assertEquals(0, r.status(), r.tail());
    assertTrue(r.stdout().contains("BUILD SUCCESS"), r.tail());
    Path dir = Path.of(SECOND.directory());
    assertTrue(Files.isRegularFile(dir.resolve(Launch.JAR)), dir + " holds the jar");
    String flattened = Files.readString(dir.resolve("flattened-pom.xml"));
    assertTrue(
        flattened.contains(
            "<artifactId>spark-meanshift-spark-"
                + SECOND.name()
                + "_"
                + SECOND.scala()
                + "</artifactId>"),
        flattened);
    assertTrue(
        flattened.contains("<artifactId>spark-sql_" + SECOND.scala() + "</artifactId>"), flattened);
    // Surefire ran the unit tests, the Vector API loops and the GPU plan test on that line.
    for (String report :
        List.of(
            "TEST-io.github.meanshift.ml.MeanShiftSklearnTest.xml",
            "TEST-io.github.meanshift.shift.ShiftLoopsTest-vector-api.xml",
            "TEST-io.github.meanshift.gpu.GpuPlanTest.xml")) {
      Path file = dir.resolve("surefire-reports").resolve(report);
      assertTrue(Files.isRegularFile(file), file + " exists");
      String sparkCore = "spark-core_" + SECOND.scala() + "-" + SECOND.spark() + ".jar";
      assertTrue(Files.readString(file).contains(sparkCore), file + " ran with " + sparkCore);
    }
  }

  @Test
  @Order(2)
  void aClusterOfTheSecondLinesSparkGetsThatLinesJarAndRapidsJar() throws Exception {
    Path sparkHome =
        SubmitScriptIT.fakeSparkHome(tmp.resolve("spark"), SECOND.scala(), SECOND.spark());
    Path rapids =
        SubmitScriptIT.fakeRapidsJar(
            tmp.resolve("rapids-4-spark_" + SECOND.scala() + "-" + SECOND.rapids() + ".jar"),
            "spark" + SECOND.spark().replace(".", ""));
    SubmitScriptIT.Run r =
        SubmitScriptIT.submit(
            Map.of("SPARK_HOME", sparkHome.toString(), "RAPIDS_JAR", rapids.toString()),
            "meanshift",
            "--gpu",
            "--master",
            "spark://h:7077",
            "--dry-run",
            "--input",
            "hdfs:///data/points.parquet",
            "--output",
            "hdfs:///out/run1");
    assertEquals(0, r.status(), r.stderr());
    String line = r.stdout().strip();
    String home = Path.of("").toAbsolutePath().toString();
    assertTrue(
        line.contains(home + "/" + SECOND.directory() + "/" + Launch.JAR + " meanshift "), line);
    assertTrue(line.contains(rapids.toString()), line);
    assertFalse(
        line.contains("_" + BuildInfo.LINES.get(0).scala() + "-"),
        "no jar of the other Scala: " + line);
  }
}
