package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several submit.sh runs (local mode, separate JVMs) at the same time: into different output
 * directories they all give the same result; into the same one, exactly one wins and the other
 * exits with status 2 and one {@code error:} line, never touching the winner's directory; with
 * {@code --overwrite} both succeed and the directory holds one complete result.
 */
class ConcurrencyIT {
  static final int PARALLEL_RUNS = 4;

  /**
   * Runs of the same command on the same machine compute the same sums; this only absorbs the
   * decimal round trip of centers.csv.
   */
  static final double CENTER_TOLERANCE = 1e-9;

  static final String BANDWIDTH = "2.5";

  /** The bundled sample: 6 blobs. */
  static final String INPUT = "data-samples/blobs.csv";

  static final int BLOBS = 6;

  @TempDir Path tmp;

  private List<String> args(Path output, String... extra) {
    List<String> a = new ArrayList<>();
    a.addAll(
        List.of(
            "meanshift",
            "--input",
            INPUT,
            "--features",
            "x0,x1",
            "--bandwidth",
            BANDWIDTH,
            "--output",
            output.toString(),
            "--output-format",
            "csv"));
    a.addAll(List.of(extra));
    return a;
  }

  /** Starts one run per output at once and waits for all; closes (kills) them whatever happens. */
  private List<SubmitScriptIT.Run> runAtOnce(List<Path> outputs, String... extra) throws Exception {
    List<SubmitProcess> runs = new ArrayList<>();
    try {
      for (int i = 0; i < outputs.size(); i++) {
        runs.add(
            SubmitProcess.start(
                tmp.resolve("logs"), "run-" + i, Map.of(), args(outputs.get(i), extra)));
      }
      List<SubmitScriptIT.Run> results = new ArrayList<>();
      for (SubmitProcess r : runs) {
        results.add(r.await(SubmitProcess.RUN_TIMEOUT));
      }
      return results;
    } finally {
      for (SubmitProcess r : runs) {
        r.close();
      }
    }
  }

  /** Names in {@code dir} other than {@code output}'s: staging leftovers, stray results. */
  private static List<String> besides(Path output) throws Exception {
    try (Stream<Path> s = Files.list(output.getParent())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(output.getFileName().toString()) && !n.equals("logs"))
          .toList();
    }
  }

  private static long errorLines(String stderr) {
    return stderr.lines().filter(l -> l.startsWith("error:")).count();
  }

  @Test
  void parallelRunsIntoDifferentDirectoriesGiveIdenticalResults() throws Exception {
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < PARALLEL_RUNS; i++) {
      outputs.add(tmp.resolve("out-" + i));
    }
    List<SubmitScriptIT.Run> runs = runAtOnce(outputs);
    for (int i = 0; i < PARALLEL_RUNS; i++) {
      assertEquals(0, runs.get(i).status(), runs.get(i).stderr());
    }
    ResultDir first = ResultDir.read(outputs.get(0));
    assertEquals(BLOBS, first.centers().size());
    for (Path out : outputs.subList(1, outputs.size())) {
      ResultDir.assertSameClusters(first, ResultDir.read(out), CENTER_TOLERANCE);
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging leftovers");
    }
  }

  @Test
  void ofTwoRunsIntoTheSameDirectoryExactlyOneWinsAndTheOtherFailsCleanly() throws Exception {
    Path out = tmp.resolve("shared");
    List<SubmitScriptIT.Run> runs = runAtOnce(List.of(out, out));
    List<SubmitScriptIT.Run> won = runs.stream().filter(r -> r.status() == 0).toList();
    List<SubmitScriptIT.Run> lost = runs.stream().filter(r -> r.status() != 0).toList();
    assertEquals(1, won.size(), "exactly one run wins: " + runs);
    SubmitScriptIT.Run loser = lost.get(0);
    assertEquals(Main.EXIT_USAGE, loser.status(), loser.stderr());
    assertEquals(1, errorLines(loser.stderr()), loser.stderr());
    String error =
        loser.stderr().lines().filter(l -> l.startsWith("error:")).findFirst().orElseThrow();
    assertTrue(error.contains("already exists") && error.contains("--overwrite"), error);
    assertEquals(0, errorLines(won.get(0).stderr()), won.get(0).stderr());

    ResultDir result = ResultDir.read(out);
    assertEquals(BLOBS, result.centers().size(), "the winner's directory is complete");
    assertEquals(List.of(), besides(out), "the loser left nothing behind");
  }

  @Test
  void twoOverwritingRunsIntoTheSameDirectoryBothSucceedAndOneCompleteResultStays()
      throws Exception {
    Path out = tmp.resolve("shared");
    Files.createDirectories(out);
    Files.writeString(out.resolve("from-an-earlier-run"), "replaced whole");
    List<SubmitScriptIT.Run> runs = runAtOnce(List.of(out, out), "--overwrite");
    for (SubmitScriptIT.Run r : runs) {
      assertEquals(0, r.status(), r.stderr());
    }
    ResultDir result = ResultDir.read(out);
    assertEquals(BLOBS, result.centers().size());
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(
          ResultDir.FILES.stream().sorted().toList(),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "one run's files, nothing of the earlier result");
    }
    assertEquals(List.of(), besides(out), "nothing left beside it");
  }
}
