package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmeans and compare: the same outputs as meanshift, and an honest side-by-side report. */
class CompareCommandTest extends SparkTestBase {
  /** Both methods recover round, well-separated blobs. */
  static final double BLOBS_MIN_ARI = 0.95;

  @TempDir Path tmp;

  private static JsonNode report(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("report.json").toFile());
  }

  /** Our k-means defaults run MLlib exactly: centres agree to rounding. */
  static final double MLLIB_CENTER_TOLERANCE = 1e-9;

  @Test
  void kmeansWritesTheSameOutputsAsMeanShiftAndEqualsAPlainMllibFit() throws IOException {
    Path out = tmp.resolve("kmeans");
    CliRun run =
        CliRun.of(
            "kmeans",
            "--input",
            "data-samples/blobs.csv",
            "--k",
            "6",
            "--label-col",
            "truth",
            "--output",
            out.toString());
    assertEquals(0, run.status, run.toString());
    JsonNode r = report(out);
    assertEquals("kmeans", r.get("command").asText());
    assertEquals(6, r.get("n_clusters").asInt());
    assertTrue(r.get("metrics").get("ari").asDouble() >= BLOBS_MIN_ARI, r.toString());
    assertTrue(r.get("training_cost").asDouble() > 0);
    assertEquals("cluster,x0,x1,size", Files.readAllLines(out.resolve("centers.csv")).get(0));
    org.apache.spark.ml.clustering.KMeansModel plain =
        new org.apache.spark.ml.clustering.KMeans()
            .setK(6)
            .fit(
                new org.apache.spark.ml.feature.VectorAssembler()
                    .setInputCols(new String[] {"x0", "x1"})
                    .setOutputCol("features")
                    .transform(
                        spark
                            .read()
                            .option("header", "true")
                            .option("inferSchema", "true")
                            .csv("data-samples/blobs.csv")));
    JsonNode centers = r.get("centers");
    for (int k = 0; k < 6; k++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(
            plain.clusterCenters()[k].apply(j),
            centers.get(k).get(j).asDouble(),
            MLLIB_CENTER_TOLERANCE,
            "defaults equal a plain MLlib KMeans fit");
      }
    }
    assertEquals(1500, spark.read().parquet(out.resolve("labels").toString()).count());
    assertTrue(Files.exists(out.resolve("clusters.png")));
    CliRun missingK =
        CliRun.of(
            "kmeans", "--input", "data-samples/blobs.csv", "--output", tmp.resolve("x").toString());
    assertEquals(2, missingK.status);
    assertTrue(missingK.stderr.startsWith("error: --k"), missingK.stderr);
  }

  /** Columnar and mini-batch k-means reach MLlib's cost within this fraction. */
  static final double COST_TOLERANCE = 0.01;

  @Test
  void columnarAndMiniBatchEnginesMatchMllibCost() throws IOException {
    double[] cost = new double[3];
    String[] engines = {"mllib", "columnar", "minibatch"};
    for (int e = 0; e < engines.length; e++) {
      Path out = tmp.resolve("k-" + engines[e]);
      CliRun run =
          CliRun.of(
              "kmeans",
              "--input",
              "data-samples/blobs.csv",
              "--features",
              "x0,x1",
              "--k",
              "6",
              "--engine",
              engines[e],
              "--max-iter",
              engines[e].equals("minibatch") ? "40" : "20",
              "--output",
              out.toString(),
              "--save-model",
              tmp.resolve("m-" + engines[e]).toString());
      assertEquals(0, run.status, run.toString());
      JsonNode r = report(out);
      assertEquals(engines[e], r.get("parameters").get("engine").asText());
      cost[e] = r.get("training_cost").asDouble();
    }
    assertEquals(cost[0], cost[1], COST_TOLERANCE * cost[0], "columnar vs MLlib cost");
    assertEquals(cost[0], cost[2], COST_TOLERANCE * cost[0], "mini-batch vs MLlib cost");
    Path predicted = tmp.resolve("predicted");
    CliRun predict =
        CliRun.of(
            "predict",
            "--model",
            tmp.resolve("m-columnar").toString(),
            "--input",
            "data-samples/blobs.csv",
            "--output",
            predicted.toString());
    assertEquals(0, predict.status, predict.toString());
    assertEquals(
        spark
            .read()
            .parquet(tmp.resolve("k-columnar").resolve("labels").toString())
            .orderBy("id")
            .collectAsList(),
        spark.read().parquet(predicted.resolve("labels").toString()).orderBy("id").collectAsList());
  }

  @Test
  void compareOnRoundBlobsShowsBothDoingWell() throws IOException {
    Path out = tmp.resolve("blobs");
    CliRun run = CliRun.of("--job", "jobs/blobs-compare.conf", "--output", out.toString());
    assertEquals(0, run.status, run.toString());
    JsonNode r = report(out);
    assertEquals(6, r.get("meanshift").get("n_clusters").asInt());
    assertEquals(
        6, r.get("kmeans").get("n_clusters").asInt(), "--k defaults to mean shift's count");
    for (String method : List.of("meanshift", "kmeans")) {
      JsonNode m = r.get(method).get("metrics");
      assertTrue(m.get("ari").asDouble() >= BLOBS_MIN_ARI, method + " " + m);
      assertTrue(m.has("nmi") && m.has("silhouette"), method + " " + m);
      assertTrue(r.get(method).get("seconds").get("fit").asDouble() > 0);
    }
    Dataset<Row> labels = spark.read().parquet(out.resolve("labels").toString());
    assertEquals(List.of("id", "meanshift", "kmeans"), List.of(labels.columns()));
    assertEquals(1500, labels.count());
    assertEquals(1800, ImageIO.read(out.resolve("comparison.png").toFile()).getWidth());
    assertTrue(Files.exists(out.resolve("centers-meanshift.csv")));
    assertTrue(Files.exists(out.resolve("centers-kmeans.csv")));
  }

  @Test
  void compareOnARingAroundABlobShowsWhereKMeansFails() throws IOException {
    Path out = tmp.resolve("ring");
    CliRun run = CliRun.of("--job", "jobs/ring-compare.conf", "--output", out.toString());
    assertEquals(0, run.status, run.toString());
    JsonNode r = report(out);
    double ms = r.get("meanshift").get("metrics").get("ari").asDouble();
    double km = r.get("kmeans").get("metrics").get("ari").asDouble();
    assertEquals(2, r.get("kmeans").get("n_clusters").asInt(), "the job gives k-means the true k");
    assertTrue(ms > km + 0.1, "mean shift keeps the blob whole: ARI " + ms + " vs k-means " + km);
  }
}
