package io.github.meanshift.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code submit.sh} run in the background, as a user starts it: output in files that a test can
 * poll, and killed (with everything it started) on {@link #close}, so that a failing test leaves no
 * process behind. submit.sh, bin/spark-submit and bin/spark-class all {@code exec} the next step,
 * so the process is the driver JVM once it runs.
 */
final class SubmitProcess implements AutoCloseable {
  /** How often logs and process states are polled. */
  static final Duration POLL = Duration.ofMillis(200);

  /** Heap of a local-mode run (submit.sh's -Xmx), so that parallel runs stay small. */
  static final String LOCAL_DRIVER_MEMORY = "1g";

  /**
   * JVM options for the test's runs (through JAVA_TOOL_OPTIONS, so every JVM submit.sh starts gets
   * them): these short runs spend most of their CPU compiling Spark's code, and the C1 compiler
   * alone halves that on a 2-core machine. Results do not depend on it (Java's floating point is
   * strict). Executors on the test cluster keep the default JIT: they run the hot loops.
   */
  static final String QUICK_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  /** A whole run of submit.sh on the test data, generously (the machine may be busy). */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final Path sparkLogs;

  private SubmitProcess(String name, Process process, Path stdout, Path stderr, Path sparkLogs) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.sparkLogs = sparkLogs;
  }

  /**
   * Starts {@code ./submit.sh ARGS} from the project directory with {@code env} added to this JVM's
   * environment (SPARK_HOME removed unless given); stdout and stderr go to {@code logDir/NAME.out}
   * and {@code NAME.err}, and the driver's Spark log (see conf/log4j2.properties) into {@code
   * logDir/NAME-spark/}.
   */
  static SubmitProcess start(Path logDir, String name, Map<String, String> env, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of("submit.sh").toAbsolutePath().toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("MEANSHIFT_DEBUG");
    pb.environment().put("MEANSHIFT_DRIVER_MEMORY", LOCAL_DRIVER_MEMORY);
    pb.environment().put("JAVA_TOOL_OPTIONS", QUICK_JVM_OPTIONS);
    Path sparkLogs = logDir.resolve(name + "-spark");
    pb.environment().put("MEANSHIFT_LOG_DIR", sparkLogs.toString());
    pb.environment().putAll(env);
    Files.createDirectories(logDir);
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new SubmitProcess(name, pb.start(), out, err, sparkLogs);
  }

  /** The driver's Spark log: Spark's own warnings (lost executors, retries) go there. */
  String sparkLog() {
    if (!Files.isDirectory(sparkLogs)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    try (java.util.stream.Stream<Path> files = Files.list(sparkLogs)) {
      for (Path f : files.sorted().toList()) {
        sb.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  Process process() {
    return process;
  }

  String stderr() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until stderr contains {@code text}; false if the run ended or the time ran out first. */
  boolean awaitStderr(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (stderr().contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return stderr().contains(text);
      }
      Thread.sleep(POLL.toMillis());
    }
    return false;
  }

  /** Waits for the run to end; fails (killing it) after {@code timeout}. */
  SubmitScriptIT.Run await(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError(
          name + ": submit.sh still running after " + timeout + "; stderr:\n" + tail(stderr()));
    }
    return new SubmitScriptIT.Run(
        process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), stderr());
  }

  /** SIGKILL to the run and everything it started; waits until it is gone. */
  void kill() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive() || process.descendants().findAny().isPresent()) {
      kill();
    }
  }

  /** The last lines of a log, for failure messages. */
  static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
