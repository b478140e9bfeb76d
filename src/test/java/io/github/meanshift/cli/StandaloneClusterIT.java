package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.io.OutputDir;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit.sh against a real Spark standalone cluster (a Master and a Worker on this machine, see
 * {@link StandaloneCluster}), as a user runs it: the results equal local mode's, also when an
 * executor is killed in the middle of the fit, and a killed driver leaves no output directory.
 * {@code --local-max-points 0} makes the executors run every iteration (the distributed JVM
 * engine), although the data set is small enough for the driver.
 */
class StandaloneClusterIT {
  static final double BANDWIDTH = 2.5;

  /**
   * Centres of a cluster run and of the local run agree within this. Both engines compute the same
   * sums in a different order (differences near 1e-12), but a seed stops once it moves at most
   * tol·h, so a seed right at that threshold may stop one step earlier in one run than in the
   * other: tol·h (tol = 1e-3) bounds the difference.
   */
  static final double CENTER_TOLERANCE = 1e-3 * BANDWIDTH;

  /** Five blobs of different sizes (no ties in the cluster order), well apart. */
  static final double[][] BLOB_CENTRES = {{0, 0}, {30, 0}, {0, 30}, {30, 30}, {-25, 15}};

  static final int[] BLOB_SIZES = {3000, 2600, 2200, 1800, 1400};

  static final double BLOB_SPREAD = 2.0;

  static final long DATA_SEED = 20250517L;

  static final int WORKER_CORES = 2;

  static final String WORKER_MEMORY = "2g";

  /** Until the driver logs the iteration after which a fault is injected. */
  static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(4);

  /** The progress line after which a fault is injected: the fit then has many iterations left. */
  static final String FAULT_AFTER = "iteration 2:";

  static final String FIT_DONE = "clusters; fit done";

  /** SIGKILL, as Java reports it: 128 + 9. */
  static final int KILLED_STATUS = 137;

  /** The points RDD of the JVM engine, as named in Spark's UI and event log. */
  static final String POINT_BLOCKS_RDD = "mean-shift point blocks";

  @TempDir static Path tmp;

  private static StandaloneCluster cluster;
  private static Path input;
  private static ResultDir local;

  @BeforeAll
  static void startClusterAndRunLocally() throws Exception {
    input = tmp.resolve("blobs.csv");
    writeBlobs(input);
    // The local reference run and the cluster start overlap: both mostly wait for JVMs.
    try (SubmitProcess reference =
        SubmitProcess.start(
            tmp.resolve("logs"),
            "local-reference",
            java.util.Map.of(),
            args(tmp.resolve("local"), "local[*]"))) {
      cluster = StandaloneCluster.start(tmp.resolve("cluster"), WORKER_CORES, WORKER_MEMORY);
      SubmitScriptIT.Run r = reference.await(SubmitProcess.RUN_TIMEOUT);
      assertEquals(0, r.status(), r.stderr());
    }
    local = ResultDir.read(tmp.resolve("local"));
    assertEquals(BLOB_CENTRES.length, local.centers().size(), "the local run finds the blobs");
    assertTrue(
        local.report().path("parameters").path("engine").asText().startsWith("local/"),
        "the local reference is fitted on the driver: " + local.report().path("parameters"));
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Blobs as CSV (id, x0, x1), the same on every run. */
  static void writeBlobs(Path file) throws IOException {
    Random rnd = new Random(DATA_SEED);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,x0,x1\n");
      long id = 0;
      for (int b = 0; b < BLOB_CENTRES.length; b++) {
        for (int i = 0; i < BLOB_SIZES[b]; i++) {
          double x = BLOB_CENTRES[b][0] + BLOB_SPREAD * rnd.nextGaussian();
          double y = BLOB_CENTRES[b][1] + BLOB_SPREAD * rnd.nextGaussian();
          w.write(String.format(Locale.ROOT, "%d,%.17g,%.17g%n", id++, x, y));
        }
      }
    }
  }

  /** The command line of a run of the test data; a cluster run fits on the executors. */
  static List<String> args(Path output, String master, String... extra) {
    List<String> a = new ArrayList<>();
    a.addAll(
        List.of(
            "meanshift",
            "--master",
            master,
            "--input",
            input.toString(),
            "--bandwidth",
            String.valueOf(BANDWIDTH),
            "--output",
            output.toString(),
            "--output-format",
            "csv"));
    if (!master.startsWith("local")) {
      a.addAll(List.of("--local-max-points", "0", "--engine", "jvm"));
    }
    a.addAll(List.of(extra));
    return a;
  }

  private static SubmitProcess submitToCluster(String name, Path output, String... extra)
      throws IOException {
    return SubmitProcess.start(
        tmp.resolve("logs"), name, cluster.env(), args(output, cluster.masterUrl(), extra));
  }

  /** Asserts that every module Spark needs opened on Java 17 is on the executor's command line. */
  private static void assertJava17Flags(String executorCommand) {
    for (String flag : BuildInfo.JAVA17_FLAGS) {
      if (flag.startsWith("--add-opens")) {
        assertTrue(executorCommand.contains("\"" + flag + "\""), flag + " in " + executorCommand);
      }
    }
  }

  /** Names beside {@code output} in its directory: leftovers of runs into it. */
  private static List<String> besides(Path output) throws IOException {
    try (Stream<Path> s = Files.list(output.getParent())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(output.getFileName().toString()))
          .toList();
    }
  }

  @Test
  void clusterRunGivesTheClustersOfLocalModeAndItsExecutorsGetTheJava17Flags() throws Exception {
    Path out = tmp.resolve("runs-plain/out");
    Files.createDirectories(out.getParent());
    SubmitScriptIT.Run r;
    try (SubmitProcess run = submitToCluster("cluster-plain", out)) {
      r = run.await(SubmitProcess.RUN_TIMEOUT);
    }
    assertEquals(0, r.status(), r.stderr());
    ResultDir result = ResultDir.read(out);
    ResultDir.assertSameClusters(local, result, CENTER_TOLERANCE);
    JsonNode spark = result.report().path("spark");
    assertEquals(cluster.masterUrl(), spark.path("master").asText(), spark.toString());
    // jvm/: the executors ran the iterations (the neighbour search after the slash follows a
    // sample of the points, which the partitioning changes)
    String engine = result.report().path("parameters").path("engine").asText();
    assertTrue(engine.startsWith("jvm/"), "the executors ran the iterations: " + engine);
    // Nothing in conf/ or on the command line sets executor Java options: Spark adds the
    // module flags itself (SparkContext puts its JavaModuleOptions before
    // spark.executor.extraJavaOptions), and the Worker starts executors with them.
    List<String> commands = cluster.executorCommands(spark.path("app_id").asText());
    assertFalse(commands.isEmpty(), "the worker launched an executor");
    commands.forEach(StandaloneClusterIT::assertJava17Flags);
    assertEquals(List.of(), besides(out), "no staging leftovers");
  }

  @Test
  void executorKilledMidFitIsReplacedAndItsCachedBlocksRecomputed() throws Exception {
    Path out = tmp.resolve("runs-executor-kill/out");
    Path events = Files.createDirectories(tmp.resolve("events"));
    Files.createDirectories(out.getParent());
    SubmitScriptIT.Run r;
    String sparkLog;
    boolean fitRunningAtKill;
    try (SubmitProcess run =
        submitToCluster(
            "cluster-executor-kill",
            out,
            "--conf",
            "spark.eventLog.enabled=true",
            "--conf",
            "spark.eventLog.dir=" + events.toUri(),
            "--conf",
            "spark.eventLog.logBlockUpdates.enabled=true",
            "--conf",
            "spark.eventLog.compress=false",
            // one file per application, as before Spark 4.0 (which rolls event logs into a
            // directory by default)
            "--conf",
            "spark.eventLog.rolling.enabled=false")) {
      if (!run.awaitStderr(FAULT_AFTER, PROGRESS_TIMEOUT)) {
        fail("no '" + FAULT_AFTER + "' in the driver's log:\n" + SubmitProcess.tail(run.stderr()));
      }
      List<ProcessHandle> executors = cluster.executors();
      assertEquals(1, executors.size(), "one executor on the worker: " + executors);
      ProcessHandle executor = executors.get(0);
      executor.destroyForcibly();
      executor.onExit().get();
      fitRunningAtKill = !run.stderr().contains(FIT_DONE);
      r = run.await(SubmitProcess.RUN_TIMEOUT);
      sparkLog = run.sparkLog();
    }
    assertTrue(fitRunningAtKill, "the executor died during the fit; make the fit longer");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(
        sparkLog.contains("Lost executor"), "the driver saw the executor go (its Spark log)");
    assertFalse(r.stderr().contains("\tat "), "Spark's traces stay in the log file, off stderr");
    ResultDir.assertSameClusters(local, ResultDir.read(out), CENTER_TOLERANCE);
    assertEquals(List.of(), besides(out), "no staging leftovers");

    String appId = ResultDir.read(out).report().path("spark").path("app_id").asText();
    List<String> commands = cluster.executorCommands(appId);
    assertTrue(commands.size() >= 2, "the worker launched a new executor: " + commands);
    commands.forEach(StandaloneClusterIT::assertJava17Flags);
    assertBlocksRecomputedAfterExecutorLoss(events.resolve(appId));
  }

  /**
   * From the event log: the JVM engine's cached point blocks that lived on the lost executor were
   * stored again, on another executor, after it was removed: Spark recomputed them from their
   * lineage (the Parquet checkpoint of the points).
   */
  private static void assertBlocksRecomputedAfterExecutorLoss(Path eventLog) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<Integer> pointRdds = new HashSet<>();
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(eventLog, StandardCharsets.UTF_8)) {
      JsonNode e = json.readTree(line);
      events.add(e);
      for (JsonNode rdd : e.path("Stage Info").path("RDD Info")) {
        if (rdd.path("Name").asText().startsWith(POINT_BLOCKS_RDD)) {
          pointRdds.add(rdd.path("RDD ID").asInt());
        }
      }
    }
    assertEquals(1, pointRdds.size(), "one point-block RDD: " + pointRdds);
    String prefix = "rdd_" + pointRdds.iterator().next() + "_";
    String removed = null;
    Set<String> lost = new HashSet<>();
    Set<String> restored = new HashSet<>();
    for (JsonNode e : events) {
      String type = e.path("Event").asText();
      if (type.equals("SparkListenerExecutorRemoved") && removed == null) {
        removed = e.path("Executor ID").asText();
        continue;
      }
      if (!type.equals("SparkListenerBlockUpdated")) {
        continue;
      }
      JsonNode info = e.path("Block Updated Info");
      String block = info.path("Block ID").asText();
      String executor = info.path("Block Manager ID").path("Executor ID").asText();
      boolean stored = info.path("Memory Size").asLong() + info.path("Disk Size").asLong() > 0;
      if (!block.startsWith(prefix) || !stored) {
        continue;
      }
      if (removed == null) {
        lost.add(block);
      } else {
        assertNotEquals(removed, executor, "a block stored on the removed executor");
        restored.add(block);
      }
    }
    assertTrue(removed != null, "the event log records the executor's removal");
    assertFalse(lost.isEmpty(), "point blocks were cached before the kill");
    assertTrue(restored.containsAll(lost), "lost blocks " + lost + ", stored again " + restored);
  }

  @Test
  void killedDriverLeavesNoOutputAndTheClusterIdle() throws Exception {
    Path out = tmp.resolve("runs-driver-kill/out");
    Files.createDirectories(out.getParent());
    try (SubmitProcess run = submitToCluster("cluster-driver-kill", out)) {
      if (!run.awaitStderr(FAULT_AFTER, PROGRESS_TIMEOUT)) {
        fail("no '" + FAULT_AFTER + "' in the driver's log:\n" + SubmitProcess.tail(run.stderr()));
      }
      String command = run.process().info().command().orElse("");
      assertTrue(command.endsWith("/java"), "submit.sh exec'd the driver JVM: " + command);
      run.kill();
      assertEquals(KILLED_STATUS, run.process().exitValue());
      assertFalse(run.stderr().contains(FIT_DONE), "the driver died during the fit");
    }
    assertFalse(Files.exists(out), "no output directory after a killed driver");
    for (String name : besides(out)) {
      assertTrue(name.startsWith(".out.staging-"), "only a hidden staging leftover: " + name);
    }
    // The Master sees the driver go, ends the application and the Worker stops its executor.
    cluster.awaitState(s -> s.path("activeapps").isEmpty(), "no active application");
    long deadline = System.nanoTime() + StandaloneCluster.START_TIMEOUT.toNanos();
    while (!cluster.executors().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(SubmitProcess.POLL.toMillis());
    }
    assertEquals(List.of(), cluster.executors(), "executors stopped");

    // A later run into the same output ignores the leftover: it may create the output.
    try (OutputDir again =
        OutputDir.create(out.toString(), false, new org.apache.hadoop.conf.Configuration())) {
      assertTrue(again.result().toString().contains("/.out.staging-"), again.result().toString());
    }
  }
}
