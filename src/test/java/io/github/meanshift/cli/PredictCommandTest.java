package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.SparkTestBase;
import io.github.meanshift.ml.MeanShiftModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fit once, predict later: saved models reproduce their labels in batch and streaming runs. */
class PredictCommandTest extends SparkTestBase {
  @TempDir Path tmp;

  private List<Row> labels(Path out) {
    return spark.read().parquet(out.resolve("labels").toString()).orderBy("id").collectAsList();
  }

  private static String blobs300() {
    return resource("sklearn/blobs300.csv").toString();
  }

  @Test
  void savedMeanShiftModelPredictsTheLabelsOfItsOwnRunOrphansIncluded() throws Exception {
    Path fit = tmp.resolve("fit");
    Path model = tmp.resolve("model");
    CliRun first =
        CliRun.of(
            "meanshift",
            "--input",
            blobs300(),
            "--features",
            "x0,x1",
            "--kernel",
            "flat",
            "--bandwidth",
            "1.2",
            "--cluster-all",
            "false",
            "--output",
            fit.toString(),
            "--save-model",
            model.toString());
    assertEquals(0, first.status, first.toString());
    assertTrue(Files.isDirectory(model.resolve("metadata")));
    Path predicted = tmp.resolve("predicted");
    CliRun second =
        CliRun.of(
            "predict",
            "--model",
            model.toString(),
            "--input",
            blobs300(),
            "--output",
            predicted.toString());
    assertEquals(0, second.status, second.toString());
    assertEquals(labels(fit), labels(predicted));
    JsonNode report = new ObjectMapper().readTree(predicted.resolve("report.json").toFile());
    assertEquals(2, report.get("orphans").asInt());
    assertEquals("meanshift", report.get("model_kind").asText());
    assertEquals(3, report.get("cluster_sizes").size());
  }

  @Test
  void savedKMeansModelPredictsTheLabelsOfItsOwnRun() throws Exception {
    Path fit = tmp.resolve("kfit");
    Path model = tmp.resolve("kmodel");
    CliRun first =
        CliRun.of(
            "kmeans",
            "--input",
            blobs300(),
            "--features",
            "x0,x1",
            "--k",
            "3",
            "--output",
            fit.toString(),
            "--save-model",
            model.toString());
    assertEquals(0, first.status, first.toString());
    Path predicted = tmp.resolve("kpredicted");
    CliRun second =
        CliRun.of(
            "predict",
            "--model",
            model.toString(),
            "--input",
            blobs300(),
            "--output",
            predicted.toString());
    assertEquals(0, second.status, second.toString());
    assertEquals(labels(fit), labels(predicted));
  }

  @Test
  void featureMismatchIsAClearError() throws Exception {
    Path model = tmp.resolve("m2");
    assertEquals(
        0,
        CliRun.of(
                "meanshift",
                "--input",
                blobs300(),
                "--features",
                "x0,x1",
                "--bandwidth",
                "1.2",
                "--output",
                tmp.resolve("f2").toString(),
                "--save-model",
                model.toString())
            .status);
    Path other = tmp.resolve("other.csv");
    Files.writeString(other, "id,a,b\n1,10.0,10.0\n");
    Path out = tmp.resolve("p2");
    CliRun run =
        CliRun.of(
            "predict",
            "--model",
            model.toString(),
            "--input",
            other.toString(),
            "--output",
            out.toString());
    assertEquals(2, run.status, run.toString());
    assertTrue(
        run.stderr.startsWith("error: ")
            && run.stderr.contains("'x0'")
            && run.stderr.contains("model's features are x0, x1"),
        run.stderr);
    CliRun count =
        CliRun.of(
            "predict",
            "--model",
            model.toString(),
            "--input",
            other.toString(),
            "--features",
            "a",
            "--output",
            out.toString());
    assertEquals(2, count.status, count.toString());
    assertTrue(count.stderr.contains("fitted on 2"), count.stderr);
    CliRun renamed =
        CliRun.of(
            "predict",
            "--model",
            model.toString(),
            "--input",
            other.toString(),
            "--features",
            "a,b",
            "--output",
            out.toString());
    assertEquals(0, renamed.status, renamed.toString());
    CliRun notAModel =
        CliRun.of(
            "predict",
            "--model",
            tmp.toString(),
            "--input",
            other.toString(),
            "--output",
            tmp.resolve("p3").toString());
    assertEquals(2, notAModel.status);
    assertFalse(Files.exists(tmp.resolve("p3")));
  }

  @Test
  void loadedModelLabelsAStreamOfCsvFilesLikeTheBatchRun() throws Exception {
    Path fit = tmp.resolve("sfit");
    Path model = tmp.resolve("smodel");
    assertEquals(
        0,
        CliRun.of(
                "meanshift",
                "--input",
                blobs300(),
                "--features",
                "x0,x1",
                "--kernel",
                "flat",
                "--bandwidth",
                "1.2",
                "--cluster-all",
                "false",
                "--output",
                fit.toString(),
                "--save-model",
                model.toString())
            .status);
    Dataset<Row> all = csvResource("sklearn/blobs300.csv");
    Path incoming = tmp.resolve("incoming");
    List<Row> rows = all.orderBy("id").collectAsList();
    for (int part = 0; part < 3; part++) {
      StringBuilder sb = new StringBuilder("id,x0,x1,truth\n");
      for (int i = part * 100; i < (part + 1) * 100; i++) {
        Row r = rows.get(i);
        sb.append(r.get(0))
            .append(',')
            .append(r.get(1))
            .append(',')
            .append(r.get(2))
            .append(',')
            .append(r.get(3))
            .append('\n');
      }
      Files.createDirectories(incoming);
      Files.writeString(incoming.resolve("part-" + part + ".csv"), sb.toString());
    }
    MeanShiftModel loaded = MeanShiftModel.load(model.toString());
    Dataset<Row> stream =
        spark.readStream().schema(all.schema()).option("header", "true").csv(incoming.toString());
    Path sink = tmp.resolve("stream-out");
    StreamingQuery q =
        loaded
            .transform(stream)
            .select("id", "prediction")
            .writeStream()
            .format("parquet")
            .option("checkpointLocation", tmp.resolve("stream-ckpt").toString())
            .trigger(Trigger.AvailableNow())
            .start(sink.toString());
    awaitQuietly(q);
    List<Row> streamed = spark.read().parquet(sink.toString()).orderBy("id").collectAsList();
    assertEquals(300, streamed.size());
    List<Row> batch = labels(fit);
    for (int i = 0; i < 300; i++) {
      assertEquals(
          ((Number) batch.get(i).get(0)).longValue(),
          ((Number) streamed.get(i).get(0)).longValue());
      assertEquals(batch.get(i).getInt(1), streamed.get(i).getInt(1), "point " + i);
    }
  }

  private static void awaitQuietly(StreamingQuery q)
      throws StreamingQueryException, TimeoutException {
    q.awaitTermination();
  }
}
