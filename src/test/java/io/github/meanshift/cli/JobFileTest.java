package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job files: the same run as the equivalent command line; the command line overrides them. */
class JobFileTest extends SparkTestBase {
  @TempDir Path tmp;

  private List<Row> labels(Path out) {
    return spark.read().parquet(out.resolve("labels").toString()).orderBy("id").collectAsList();
  }

  private static JsonNode report(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("report.json").toFile());
  }

  @Test
  void jobFileAndCommandLineGiveTheSameResult() throws IOException {
    Path viaJob = tmp.resolve("job");
    Path viaArgs = tmp.resolve("args");
    CliRun job = CliRun.of("--job", "jobs/blobs-meanshift.conf", "--output", viaJob.toString());
    assertEquals(0, job.status, job.toString());
    CliRun args =
        CliRun.of(
            "meanshift",
            "--input",
            "data-samples/blobs.csv",
            "--label-col",
            "truth",
            "--bandwidth",
            "2.5",
            "--kernel",
            "gaussian",
            "--output",
            viaArgs.toString());
    assertEquals(0, args.status, args.toString());
    assertEquals(labels(viaArgs), labels(viaJob));
    assertEquals(report(viaArgs).get("centers"), report(viaJob).get("centers"));
    assertEquals(report(viaArgs).get("parameters"), report(viaJob).get("parameters"));
  }

  @Test
  void commandLineOptionsOverrideTheJobFile() throws IOException {
    Path out = tmp.resolve("override");
    CliRun run =
        CliRun.of(
            "--job",
            "jobs/blobs-meanshift.conf",
            "--output",
            out.toString(),
            "--bandwidth",
            "4",
            "--kernel",
            "flat");
    assertEquals(0, run.status, run.toString());
    JsonNode params = report(out).get("parameters");
    assertEquals(4.0, params.get("bandwidth").asDouble());
    assertEquals("flat", params.get("kernel").asText());
  }

  @Test
  void unknownKeysAndMalformedLinesAreErrorsNamingTheFile() throws IOException {
    Path bad = tmp.resolve("bad.conf");
    Files.writeString(bad, "command = meanshift\ninput = x.csv\nbandwith = 2\n");
    CliRun run = CliRun.of("--job", bad.toString(), "--output", tmp.resolve("o").toString());
    assertEquals(2, run.status);
    assertTrue(run.stderr.startsWith("error: job file " + bad), run.stderr);
    assertTrue(run.stderr.contains("'bandwith'"), run.stderr);
    Files.writeString(bad, "command = meanshift\nthis is not a key value line\n");
    run = CliRun.of("--job", bad.toString());
    assertEquals(2, run.status);
    assertTrue(run.stderr.contains("line 2"), run.stderr);
    Files.writeString(bad, "input = x.csv\n");
    run = CliRun.of("--job", bad.toString());
    assertEquals(2, run.status);
    assertTrue(run.stderr.contains("command"), run.stderr);
    assertFalse(Files.exists(tmp.resolve("o")));
  }
}
