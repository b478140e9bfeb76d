package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on this machine: one Master and one Worker, each a child JVM,
 * started from a SPARK_HOME assembled out of the Maven jars (the jars come without Spark's scripts:
 * {@code bin/spark-submit} and {@code bin/spark-class} are small stand-ins from the test resources
 * that use Spark's own launcher library, as the real scripts do). Ports are picked by the daemons
 * (port 0) and read from their logs. {@link #close} kills the daemons and every executor.
 */
final class StandaloneCluster implements AutoCloseable {
  /** Until the Master answers and the Worker has registered (JVM starts on a busy machine). */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /** Until a daemon stops after SIGTERM, before SIGKILL. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  /** Heap of each daemon. */
  static final String DAEMON_HEAP = "-Xmx512m";

  static final String HOST = "127.0.0.1";

  static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private static final Pattern MASTER_URL =
      Pattern.compile("Starting Spark master at (spark://\\S+)");
  private static final Pattern MASTER_UI_PORT =
      Pattern.compile("Successfully started service 'MasterUI' on port (\\d+)");

  private final Path dir;
  private final Path sparkHome;
  private final Path workDir;
  private final List<Process> daemons = new ArrayList<>();
  private final Set<ProcessHandle> seenExecutors = new HashSet<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** Kills the daemons if the test JVM itself is stopped before {@link #close}. */
  private final Thread killOnExit = new Thread(this::killAll, "standalone-cluster-kill");

  private Process worker;
  private String masterUrl;
  private URI masterUi;

  private StandaloneCluster(Path dir) {
    this.dir = dir;
    this.sparkHome = dir.resolve("spark-home");
    this.workDir = dir.resolve("worker");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  private void killAll() {
    for (Process d : daemons) {
      d.descendants().forEach(ProcessHandle::destroyForcibly);
      d.destroyForcibly();
    }
  }

  /**
   * Assembles SPARK_HOME under {@code dir} and starts a Master and a Worker with {@code cores} and
   * {@code memory}; returns once the Worker has registered. On failure everything started is
   * stopped.
   */
  static StandaloneCluster start(Path dir, int cores, String memory)
      throws IOException, InterruptedException {
    StandaloneCluster c = new StandaloneCluster(dir);
    try {
      c.assembleSparkHome();
      c.startMaster();
      c.startWorker(cores, memory);
      c.awaitAliveWorkers(1);
      return c;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  /**
   * SPARK_HOME: jars/ holds links to the jars of the project's local classpath except those
   * submit.sh ships itself with --jars (picocli, xchart and its libraries; commons-logging stays,
   * as in Spark's distribution), bin/ the two scripts.
   */
  private void assembleSparkHome() throws IOException {
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    Set<String> shipped = new HashSet<>(classpath("target/classpath-runtime.txt"));
    for (String jar : classpath("target/classpath-local.txt")) {
      Path p = Path.of(jar);
      if (shipped.contains(jar) && !p.getFileName().toString().startsWith("commons-logging")) {
        continue;
      }
      Path link = jars.resolve(p.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, p);
      }
    }
    Path bin = Files.createDirectories(sparkHome.resolve("bin"));
    for (String script : List.of("spark-class", "spark-submit")) {
      Path to = bin.resolve(script);
      try (InputStream in =
          StandaloneCluster.class.getResourceAsStream("/spark-home/bin/" + script)) {
        if (in == null) {
          throw new IllegalStateException("test resource spark-home/bin/" + script + " missing");
        }
        Files.copy(in, to);
      }
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.createDirectories(workDir);
  }

  private static List<String> classpath(String file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String e : Files.readString(Path.of(file)).strip().split(java.io.File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(e);
      }
    }
    return out;
  }

  /** Environment of the daemons and of submit.sh runs against this cluster. */
  Map<String, String> env() {
    return Map.of(
        "SPARK_HOME",
        sparkHome.toString(),
        "SPARK_LOCAL_IP",
        HOST,
        "SPARK_SCALA_VERSION",
        BuildInfo.CURRENT.scala());
  }

  private Process daemon(String name, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(BuildInfo.JAVA17_FLAGS);
    cmd.add(DAEMON_HEAP);
    // On the command line, not in the environment: the Worker's executors inherit its environment.
    cmd.addAll(List.of(SubmitProcess.QUICK_JVM_OPTIONS.split(" ")));
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + "/*");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env());
    pb.environment().put("SPARK_WORKER_DIR", workDir.toString());
    Path log = dir.resolve(name + ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    daemons.add(p);
    return p;
  }

  private void startMaster() throws IOException, InterruptedException {
    Process master =
        daemon(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                HOST,
                "--port",
                "0",
                "--webui-port",
                "0"));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (masterUrl == null || masterUi == null) {
      String log = log("master");
      Matcher url = MASTER_URL.matcher(log);
      Matcher ui = MASTER_UI_PORT.matcher(log);
      if (url.find() && ui.find()) {
        masterUrl = url.group(1);
        masterUi = URI.create("http://" + HOST + ":" + ui.group(1) + "/json/");
      } else {
        check(master.isAlive(), "the Master exited");
        check(System.nanoTime() < deadline, "the Master did not start in " + START_TIMEOUT);
        Thread.sleep(SubmitProcess.POLL.toMillis());
      }
    }
  }

  private void startWorker(int cores, String memory) throws IOException {
    worker =
        daemon(
            "worker",
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                HOST,
                "--port",
                "0",
                "--webui-port",
                "0",
                "--cores",
                String.valueOf(cores),
                "--memory",
                memory,
                "--work-dir",
                workDir.toString(),
                masterUrl));
  }

  private void awaitAliveWorkers(int count) throws IOException, InterruptedException {
    awaitState(s -> s.path("aliveworkers").asInt() >= count, count + " alive worker(s)");
  }

  /** Polls the Master's JSON state until {@code condition} holds. */
  JsonNode awaitState(Predicate<JsonNode> condition, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      JsonNode s = state();
      if (s != null && condition.test(s)) {
        return s;
      }
      for (Process d : daemons) {
        check(d.isAlive(), "a daemon exited while waiting for " + what);
      }
      check(System.nanoTime() < deadline, "no " + what + " after " + START_TIMEOUT + ": " + s);
      Thread.sleep(SubmitProcess.POLL.toMillis());
    }
  }

  /** The Master's state ({@code /json}), or null while it does not answer. */
  JsonNode state() throws InterruptedException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(masterUi).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  String masterUrl() {
    return masterUrl;
  }

  Path sparkHome() {
    return sparkHome;
  }

  /** The executor JVMs running now (children of the Worker). */
  List<ProcessHandle> executors() {
    List<ProcessHandle> out = new ArrayList<>();
    worker
        .descendants()
        .filter(p -> p.info().commandLine().map(c -> c.contains(EXECUTOR_MAIN)).orElse(false))
        .forEach(out::add);
    synchronized (seenExecutors) {
      seenExecutors.addAll(out);
    }
    return out;
  }

  /**
   * The "Spark Executor Command" line the Worker logged for each executor of application {@code
   * appId} (one per executor, in the order they were launched).
   */
  List<String> executorCommands(String appId) throws IOException {
    Path app = workDir.resolve(appId);
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(app)) {
      return out;
    }
    List<Path> executorDirs;
    try (Stream<Path> s = Files.list(app)) {
      executorDirs =
          s.filter(Files::isDirectory)
              .sorted((a, b) -> Integer.compare(number(a), number(b)))
              .toList();
    }
    for (Path e : executorDirs) {
      Path stderr = e.resolve("stderr");
      if (Files.exists(stderr)) {
        try (Stream<String> lines = Files.lines(stderr, StandardCharsets.UTF_8)) {
          lines
              .filter(l -> l.startsWith("Spark Executor Command:"))
              .findFirst()
              .ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private static int number(Path p) {
    try {
      return Integer.parseInt(p.getFileName().toString());
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** A daemon's log so far ("master" or "worker"). */
  String log(String daemon) {
    try {
      Path p = dir.resolve(daemon + ".log");
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(
          message
              + "\n--- master.log\n"
              + SubmitProcess.tail(log("master"))
              + "\n--- worker.log\n"
              + SubmitProcess.tail(log("worker")));
    }
  }

  /** Stops the Worker (which stops its executors), then the Master; kills what does not stop. */
  @Override
  public void close() throws InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // the JVM is going down: the hook kills the daemons
    }
    List<ProcessHandle> children = new ArrayList<>();
    for (Process d : daemons) {
      d.descendants().forEach(children::add);
    }
    synchronized (seenExecutors) {
      children.addAll(seenExecutors);
    }
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process d = daemons.get(i);
      d.destroy();
      if (!d.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        d.destroyForcibly();
        d.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    for (ProcessHandle c : children) {
      if (c.isAlive()) {
        c.destroyForcibly();
      }
    }
  }
}
