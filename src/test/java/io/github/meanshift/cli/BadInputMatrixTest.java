package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind: one {@code error: ...} line, exit status 2, no stack trace, nothing
 * written. A bounded fuzz run feeds random garbage files through the same checks.
 */
class BadInputMatrixTest extends SparkTestBase {
  /** Garbage files the fuzz run tries (fixed seed: the same files every run). */
  static final int FUZZ_CASES = 12;

  @TempDir Path tmp;

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private CliRun meanshift(Path out, String... args) {
    List<String> all = new ArrayList<>(List.of("meanshift", "--output", out.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(new String[0]));
  }

  private static void assertCleanError(CliRun run, String expected, Path out) {
    assertEquals(2, run.status, run.toString());
    List<String> lines = run.stderr.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), run.toString());
    assertTrue(lines.get(0).startsWith("error: "), run.toString());
    assertFalse(run.stderr.contains("\tat ") || run.stderr.contains("Exception"), run.toString());
    assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in " + run);
    assertFalse(Files.exists(out), "no output for " + run);
  }

  private void assertNoStaging() {
    File[] left = tmp.toFile().listFiles((d, n) -> n.contains(".staging-"));
    assertEquals(0, left == null ? 0 : left.length, "staging directories left behind");
  }

  @Test
  void everyKindOfBadInputIsOneClearError() throws IOException {
    Path out = tmp.resolve("out");
    Path good = Path.of("data-samples/blobs.csv");
    assertCleanError(
        meanshift(
            out,
            "--input",
            write("short.csv", "id,x0,x1\n1,1.0,2.0\n2,3.0\n3,5,6\n").toString(),
            "--bandwidth",
            "1"),
        "'x1'",
        out);
    assertCleanError(
        meanshift(
            out,
            "--input",
            write("mixed.csv", "id,x0,x1\n1,1.0,2.0\n2,abc,3.0\n").toString(),
            "--features",
            "x0,x1",
            "--bandwidth",
            "1"),
        "'x0'",
        out);
    assertCleanError(
        meanshift(
            out,
            "--input",
            write("overflow.csv", "id,x0,x1\n1,1e400,2.0\n2,3,3\n").toString(),
            "--bandwidth",
            "1"),
        "'x0'",
        out);
    assertCleanError(
        meanshift(
            out,
            "--input",
            write("dup.csv", "id,x0,x0\n1,1.0,2.0\n2,3,3\n").toString(),
            "--bandwidth",
            "1"),
        "two columns named 'x0'",
        out);
    assertCleanError(
        meanshift(out, "--input", good.toString(), "--features", ",", "--bandwidth", "1"),
        "--features",
        out);
    Path corrupt = tmp.resolve("corrupt.parquet");
    Files.write(corrupt, new byte[] {'P', 'A', 'R', '1', 1, 2, 3, 4, 5, 6, 7, 8});
    assertCleanError(
        meanshift(out, "--input", corrupt.toString(), "--bandwidth", "1"),
        "not a Parquet file",
        out);
    Path parentIsAFile = tmp.resolve("short.csv").resolve("out");
    assertCleanError(
        meanshift(parentIsAFile, "--input", good.toString(), "--bandwidth", "1"),
        "not a directory",
        parentIsAFile);
    assertCleanError(
        meanshift(out, "--input", good.toString(), "--bandwidth", "abc"), "--bandwidth", out);
    assertCleanError(
        meanshift(out, "--input", good.toString(), "--bandwidth", "1", "--max-iter", "0"),
        "--max-iter",
        out);
    assertCleanError(
        meanshift(out, "--input", good.toString(), "--bandwidth", "1", "--max-seeds", "0"),
        "--max-seeds",
        out);
    assertCleanError(
        meanshift(out, "--input", good.toString(), "--bandwidth", "1", "--seeding", "grid"),
        "--seeding",
        out);
    assertCleanError(
        meanshift(
            out,
            "--input",
            good.toString(),
            "--bandwidth",
            "1",
            "--bin-seeding",
            "--seeding",
            "sample"),
        "--bin-seeding",
        out);
    assertCleanError(
        meanshift(out, "--input", good.toString(), "--bandwidth", "1", "--seed-cost-budget", "0"),
        "--seed-cost-budget",
        out);
    assertCleanError(
        meanshift(
            out, "--input", good.toString(), "--bandwidth", "1", "--max-broadcast-bytes", "0"),
        "--max-broadcast-bytes",
        out);
    assertCleanError(
        meanshift(out, "--input", good.toString(), "--bandwidth", "1", "--no-such-option"),
        "--no-such-option",
        out);
    assertCleanError(
        meanshift(out, "--input", good.toString(), "--bandwidth", "1", "--kernel", "cosine"),
        "--kernel",
        out);
    assertCleanError(
        meanshift(
            out,
            "--input",
            good.toString(),
            "--bandwidth",
            "1",
            "--weight-col",
            "x0",
            "--features",
            "x1"),
        "",
        out);
    assertNoStaging();
  }

  @Test
  void randomGarbageNeverShowsAStackTraceOrLeavesOutput() throws IOException {
    Random r = new Random(20261123);
    Path out = tmp.resolve("fuzz-out");
    for (int c = 0; c < FUZZ_CASES; c++) {
      Path file = tmp.resolve("garbage-" + c + (c % 3 == 2 ? ".parquet" : ".csv"));
      byte[] bytes;
      if (c % 3 == 1) {
        bytes = randomCsv(r).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      } else {
        bytes = new byte[r.nextInt(4000)];
        r.nextBytes(bytes);
      }
      Files.write(file, bytes);
      CliRun run = meanshift(out, "--input", file.toString(), "--bandwidth", "1");
      assertTrue(run.status == 2 || run.status == 0, "case " + c + ": " + run);
      assertFalse(run.stderr.contains("\tat "), "case " + c + ": stack trace: " + run);
      if (run.status == 2) {
        assertTrue(run.stderr.strip().startsWith("error: "), "case " + c + ": " + run);
        assertEquals(1, run.stderr.strip().lines().count(), "case " + c + ": " + run);
        assertFalse(Files.exists(out), "case " + c + ": partial output");
      } else {
        assertTrue(Files.exists(out.resolve("report.json")), "case " + c + ": incomplete output");
        deleteRecursively(out);
      }
    }
    assertNoStaging();
  }

  /** A CSV-looking text: a header of random names, rows of random tokens and field counts. */
  private static String randomCsv(Random r) {
    String[] tokens = {"1", "-2.5", "", "NaN", "abc", "1e309", "\"q\"", "7", "0.1", "x"};
    StringBuilder sb = new StringBuilder();
    int cols = 1 + r.nextInt(4);
    for (int j = 0; j < cols; j++) {
      sb.append(j == 0 ? "" : ",").append(r.nextBoolean() ? "x" + j : "c" + r.nextInt(3));
    }
    sb.append('\n');
    int rows = r.nextInt(30);
    for (int i = 0; i < rows; i++) {
      int fields = Math.max(1, cols + r.nextInt(3) - 1);
      for (int j = 0; j < fields; j++) {
        sb.append(j == 0 ? "" : ",").append(tokens[r.nextInt(tokens.length)]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void deleteRecursively(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
    }
  }
}
