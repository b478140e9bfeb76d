package io.github.meanshift.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run to its end by a test (submit.sh, a nested Maven build), output captured. */
final class ExternalCommand {
  /** Result of a run. */
  record Run(int status, String stdout, String stderr) {
    /** The last lines of both outputs, for a failure message. */
    String tail() {
      String all = stdout + "\n" + stderr;
      List<String> lines = all.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }

  private ExternalCommand() {}

  /**
   * Runs {@code cmd} in {@code dir} with {@code env} added to this JVM's environment (SPARK_HOME
   * removed unless given), and waits at most {@code timeout}.
   */
  static Run run(Path dir, Map<String, String> env, Duration timeout, List<String> cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toAbsolutePath().toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("command-out", ".txt");
    Path err = Files.createTempFile("command-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException(cmd + " did not finish in " + timeout);
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }
}
