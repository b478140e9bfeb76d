package io.github.meanshift.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output directory's commit when several runs write the same target. */
class OutputDirTest {
  /** Runs committing at the same instant, and how many times that race is repeated. */
  static final int RACERS = 4;

  static final int ROUNDS = 25;

  /** Files each fake result holds: a partial or mixed result would show a wrong count. */
  static final int FILES_PER_RESULT = 5;

  static final long RACE_TIMEOUT_SECONDS = 60;

  private static ExecutorService pool;

  @TempDir Path tmp;

  private final Configuration conf = new Configuration();

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(RACERS);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /** Writes a complete fake result naming its run in every file. */
  private static void writeResult(OutputDir dir, String run) throws IOException {
    for (int i = 0; i < FILES_PER_RESULT; i++) {
      try (OutputStream out = dir.create("part-" + i)) {
        out.write(run.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** The run whose complete result the target holds; fails if it is partial or mixed. */
  private static String ownerOf(Path target) throws IOException {
    List<String> contents;
    try (Stream<Path> files = Files.list(target)) {
      contents =
          files
              .map(
                  f -> {
                    try {
                      return Files.readString(f);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .collect(Collectors.toList());
    }
    assertEquals(FILES_PER_RESULT, contents.size(), "files in " + target + ": " + contents);
    assertEquals(1, contents.stream().distinct().count(), "one run's files only: " + contents);
    return contents.get(0);
  }

  /** Names in {@code dir} other than {@code keep}: staging leftovers and stray results. */
  private static List<String> othersIn(Path dir, String keep) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(keep))
          .collect(Collectors.toList());
    }
  }

  @Test
  void commitMovesTheCompleteResultIntoPlaceAndRemovesTheStaging() throws Exception {
    Path target = tmp.resolve("out");
    try (OutputDir dir = OutputDir.create(target.toString(), false, conf)) {
      writeResult(dir, "a");
      assertFalse(Files.exists(target), "nothing under the target's name before the commit");
      dir.commit();
    }
    assertEquals("a", ownerOf(target));
    assertEquals(List.of(), othersIn(tmp, "out"));
  }

  @Test
  void aRunThatFindsTheTargetCreatedMeanwhileFailsAndLeavesTheWinnerUntouched() throws Exception {
    Path target = tmp.resolve("out");
    OutputDir first = OutputDir.create(target.toString(), false, conf);
    OutputDir second = OutputDir.create(target.toString(), false, conf);
    writeResult(first, "first");
    writeResult(second, "second");
    first.commit();
    first.close();
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, second::commit);
    second.close();
    assertTrue(e.getMessage().startsWith("output "), e.getMessage());
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    assertEquals("first", ownerOf(target));
    assertEquals(List.of(), othersIn(tmp, "out"), "the loser's staging is gone");
  }

  @Test
  void overwriteReplacesAnExistingResultWhole() throws Exception {
    Path target = tmp.resolve("out");
    try (OutputDir dir = OutputDir.create(target.toString(), false, conf)) {
      writeResult(dir, "old");
      dir.commit();
    }
    Files.writeString(target.resolve("stray-file-of-the-old-result"), "old");
    try (OutputDir dir = OutputDir.create(target.toString(), true, conf)) {
      writeResult(dir, "new");
      dir.commit();
    }
    assertEquals("new", ownerOf(target), "no file of the old result survives");
    assertEquals(List.of(), othersIn(tmp, "out"), "the old result is deleted");
  }

  @Test
  void ofRunsCommittingAtOnceExactlyOneWins() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Path target = tmp.resolve("race-" + round);
      List<OutputDir> dirs = new ArrayList<>();
      for (int r = 0; r < RACERS; r++) {
        OutputDir dir = OutputDir.create(target.toString(), false, conf);
        writeResult(dir, "run" + r);
        dirs.add(dir);
      }
      List<Boolean> won = race(dirs);
      assertEquals(1, won.stream().filter(w -> w).count(), "round " + round + ": " + won);
      assertEquals("run" + won.indexOf(true), ownerOf(target), "round " + round);
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging leftovers");
    }
  }

  @Test
  void overwritingRunsCommittingAtOnceAllSucceedAndTheLastOneStays() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Path target = tmp.resolve("race-" + round);
      Files.createDirectories(target);
      Files.writeString(target.resolve("previous"), "an earlier result");
      List<OutputDir> dirs = new ArrayList<>();
      for (int r = 0; r < RACERS; r++) {
        OutputDir dir = OutputDir.create(target.toString(), true, conf);
        writeResult(dir, "run" + r);
        dirs.add(dir);
      }
      List<Boolean> won = race(dirs);
      assertEquals(RACERS, won.stream().filter(w -> w).count(), "round " + round + ": " + won);
      assertTrue(ownerOf(target).startsWith("run"), "round " + round);
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging leftovers");
    }
  }

  @Test
  void aSingleFileResultIsNeverReplacedWithoutOverwrite() throws Exception {
    Path target = tmp.resolve("points.csv");
    OutputDir first = OutputDir.create(target.toString(), false, conf);
    OutputDir second = OutputDir.create(target.toString(), false, conf);
    for (OutputDir d : List.of(first, second)) {
      // like generate: the result is one file, not a directory
      Files.delete(Path.of(d.result().toUri()));
      Files.writeString(
          Path.of(d.result().toUri()), d == first ? "first" : "second", StandardCharsets.UTF_8);
    }
    first.commit();
    first.close();
    assertThrows(FileAlreadyExistsException.class, second::commit);
    second.close();
    assertEquals("first", Files.readString(target));
    assertEquals(List.of(), othersIn(tmp, "points.csv"));
  }

  /** Commits every dir at the same instant; whether each commit succeeded. */
  private static List<Boolean> race(List<OutputDir> dirs) throws Exception {
    CyclicBarrier start = new CyclicBarrier(dirs.size());
    List<Future<Boolean>> results = new ArrayList<>();
    for (OutputDir dir : dirs) {
      results.add(
          pool.submit(
              () -> {
                start.await(RACE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                try (dir) {
                  dir.commit();
                  return true;
                } catch (FileAlreadyExistsException e) {
                  return false;
                }
              }));
    }
    List<Boolean> won = new ArrayList<>();
    for (Future<Boolean> f : results) {
      won.add(f.get(RACE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
    return won;
  }
}
