package io.github.meanshift.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in this JVM (joining the test's SparkSession) and captures stderr. */
final class CliRun {
  final int status;
  final String stderr;

  private CliRun(int status, String stderr) {
    this.status = status;
    this.stderr = stderr;
  }

  static synchronized CliRun of(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int status = Main.run(args);
      return new CliRun(status, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  @Override
  public String toString() {
    return "exit " + status + ", stderr:\n" + stderr;
  }
}
