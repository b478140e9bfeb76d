package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML face: params, Pipeline stage, vector input, persistence, summary. */
class MeanShiftApiTest extends SparkTestBase {
  /**
   * Centres read back from Parquet are bit-identical; a fit on a vector column may differ by
   * rounding.
   */
  static final double CENTER_TOLERANCE = 1e-9;

  @TempDir Path tmp;

  private static Dataset<Row> blobs() {
    return csvResource("sklearn/blobs300.csv");
  }

  private static int[] predictions(Dataset<Row> transformed) {
    return transformed.orderBy("id").select("prediction").collectAsList().stream()
        .mapToInt(r -> r.getInt(0))
        .toArray();
  }

  @Test
  void paramsHaveDocsDefaultsAndValidators() {
    MeanShift ms = new MeanShift();
    assertEquals("gaussian", ms.getKernel());
    assertEquals(300, ms.getMaxIter());
    assertEquals(1e-3, ms.getTol());
    assertTrue(Double.isNaN(ms.getBandwidth()), "unset bandwidth means auto");
    assertTrue(ms.explainParams().contains("Default: 0.3."), ms.explainParams());
    assertThrows(IllegalArgumentException.class, () -> ms.setBandwidth(0));
    assertThrows(IllegalArgumentException.class, () -> ms.setKernel("cosine"));
    assertThrows(IllegalArgumentException.class, () -> ms.setQuantile(1.5));
    MeanShift copy = ms.copy(ParamMap.empty().put(ms.kernel(), "flat"));
    assertEquals("flat", copy.getKernel());
    assertEquals("gaussian", ms.getKernel());
    assertEquals(ms.uid(), copy.uid());
  }

  @Test
  void pipelineWithVectorAssemblerFitsAndTransformsLikeNumericColumns() throws IOException {
    VectorAssembler assembler =
        new VectorAssembler().setInputCols(new String[] {"x0", "x1"}).setOutputCol("features");
    MeanShift ms = new MeanShift().setKernel("flat").setBandwidth(1.2);
    PipelineModel pipeline =
        new Pipeline().setStages(new PipelineStage[] {assembler, ms}).fit(blobs());
    MeanShiftModel direct =
        new MeanShift()
            .setKernel("flat")
            .setBandwidth(1.2)
            .setInputCols(new String[] {"x0", "x1"})
            .fit(blobs());
    assertArrayEquals(
        predictions(direct.transform(blobs())), predictions(pipeline.transform(blobs())));
    MeanShiftModel fromPipeline = (MeanShiftModel) pipeline.stages()[1];
    for (int k = 0; k < direct.numClusters(); k++) {
      assertArrayEquals(
          direct.clusterCenters()[k], fromPipeline.clusterCenters()[k], CENTER_TOLERANCE);
    }
    String path = tmp.resolve("pipeline").toString();
    pipeline.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertArrayEquals(
        predictions(pipeline.transform(blobs())), predictions(loaded.transform(blobs())));
  }

  @Test
  void savedModelLoadsAndPredictsIdentically() throws IOException {
    MeanShiftModel model =
        new MeanShift()
            .setInputCols(new String[] {"x0", "x1"})
            .setKernel("flat")
            .setBandwidth(1.2)
            .setClusterAll(false)
            .fit(blobs());
    String path = tmp.resolve("model").toString();
    model.write().save(path);
    MeanShiftModel loaded = MeanShiftModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals(1.2, loaded.getBandwidth());
    assertFalse(loaded.getClusterAll());
    assertEquals("flat", loaded.getKernel());
    assertFalse(loaded.hasSummary());
    for (int k = 0; k < model.numClusters(); k++) {
      assertArrayEquals(model.clusterCenters()[k], loaded.clusterCenters()[k], 0.0);
    }
    int[] before = predictions(model.transform(blobs()));
    assertArrayEquals(before, predictions(loaded.transform(blobs())));
    assertTrue(
        java.util.Arrays.stream(before).anyMatch(l -> l == -1), "orphans survive the round trip");
  }

  @Test
  void estimatorSavesAndLoadsItsParams() throws IOException {
    MeanShift ms = new MeanShift().setBandwidth(2.5).setKernel("epanechnikov").setBinSeeding(true);
    String path = tmp.resolve("estimator").toString();
    ms.write().save(path);
    MeanShift loaded = MeanShift.load(path);
    assertEquals(2.5, loaded.getBandwidth());
    assertEquals("epanechnikov", loaded.getKernel());
    assertTrue(loaded.getBinSeeding());
  }

  @Test
  void summaryReportsIterationsTimingsAndSizes() {
    MeanShiftModel model =
        new MeanShift().setInputCols(new String[] {"x0", "x1"}).setBandwidth(0.8).fit(blobs());
    MeanShiftSummary s = model.summary();
    assertEquals(model.numClusters(), s.clusterSizes().length);
    assertEquals(300, java.util.Arrays.stream(s.clusterSizes()).sum() + s.orphans());
    assertTrue(s.numIter() > 1);
    List<io.github.meanshift.shift.IterationStats> its = s.iterations();
    assertTrue(its.get(0).maxShift() > its.get(its.size() - 1).maxShift());
    assertTrue(s.phaseSeconds().containsKey("shift"));
    assertTrue(s.fitSeconds() > 0);
    assertEquals(300, s.predictions().count());
    assertTrue(List.of(s.predictions().columns()).contains("prediction"));
  }

  @Test
  void badSchemaIsRejectedWithTheColumnName() {
    MeanShift ms = new MeanShift().setInputCols(new String[] {"x0", "nope"}).setBandwidth(1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ms.fit(blobs()));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    MeanShift vec = new MeanShift().setBandwidth(1);
    IllegalArgumentException e2 =
        assertThrows(IllegalArgumentException.class, () -> vec.fit(blobs()));
    assertTrue(e2.getMessage().contains("'features'"), e2.getMessage());
  }
}
