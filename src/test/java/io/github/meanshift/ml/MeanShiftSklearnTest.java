package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.meanshift.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** With the flat kernel, mean shift reproduces scikit-learn's MeanShift on its own test data. */
class MeanShiftSklearnTest extends SparkTestBase {
  /** Centres must lie within this fraction of h of scikit-learn's. */
  static final double CENTER_TOLERANCE_H = 1e-3;

  private static MeanShift flat(double h) {
    return new MeanShift()
        .setInputCols(new String[] {"x0", "x1"})
        .setKernel("flat")
        .setBandwidth(h);
  }

  private static void assertMatches(
      JsonNode ref, MeanShiftModel model, Dataset<Row> data, double h) {
    double[][] expected = SklearnReference.matrix(ref.get("centers"));
    double[][] actual = model.clusterCenters();
    assertEquals(expected.length, actual.length, "number of clusters");
    for (int k = 0; k < expected.length; k++) {
      for (int j = 0; j < expected[k].length; j++) {
        assertEquals(
            expected[k][j], actual[k][j], CENTER_TOLERANCE_H * h, "centre " + k + "[" + j + "]");
      }
    }
    int[] labels = SklearnReference.ints(ref.get("labels"));
    List<Row> rows = model.transform(data).orderBy("id").select("prediction").collectAsList();
    int[] got = rows.stream().mapToInt(r -> r.getInt(0)).toArray();
    assertArrayEquals(labels, got, "labels");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void flatKernelMatchesScikitLearnOnThreeBlobs(String engine) {
    Dataset<Row> data = csvResource("sklearn/blobs300.csv");
    MeanShiftModel model = Engines.use(flat(1.2), engine).fit(data);
    assertEquals(engine, model.summary().engine());
    assertMatches(SklearnReference.get("blobs300", "cluster_all_true"), model, data, 1.2);
    assertTrue(model.summary().converged());
    assertEquals(300, model.summary().numPoints());
  }

  @Test
  void clusterAllFalseGivesTheSameOrphans() {
    Dataset<Row> data = csvResource("sklearn/blobs300.csv");
    MeanShiftModel model = flat(1.2).setClusterAll(false).fit(data);
    assertMatches(SklearnReference.get("blobs300", "cluster_all_false"), model, data, 1.2);
    assertEquals(2, model.summary().orphans());
  }

  static String[] engines() {
    return Engines.ALL;
  }

  @ParameterizedTest
  @MethodSource("engines")
  void binSeedingMatchesScikitLearn(String engine) {
    Dataset<Row> data = csvResource("sklearn/blobs300.csv");
    assertMatches(
        SklearnReference.get("blobs300", "bin_seeding"),
        Engines.use(flat(1.2).setBinSeeding(true), engine).fit(data),
        data,
        1.2);
    assertMatches(
        SklearnReference.get("blobs300", "bin_seeding_min_freq_5"),
        Engines.use(flat(1.2).setBinSeeding(true).setMinBinFreq(5), engine).fit(data),
        data,
        1.2);
    assertMatches(
        SklearnReference.get("blobs300", "bin_seeding_h08_min_freq_3_orphans"),
        Engines.use(flat(0.8).setBinSeeding(true).setMinBinFreq(3).setClusterAll(false), engine)
            .fit(data),
        data,
        0.8);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void supportTiesAreBrokenByCoordinatesLikeScikitLearn(String engine) {
    for (String name : new String[] {"tie1", "tie2"}) {
      Dataset<Row> data = csvResource("sklearn/" + name + ".csv");
      assertMatches(SklearnReference.get(name), Engines.use(flat(2), engine).fit(data), data, 2);
    }
  }

  @Test
  void explicitSeedsMatchScikitLearn() {
    Dataset<Row> data = csvResource("sklearn/blobs300.csv");
    JsonNode ref = SklearnReference.get("blobs300", "explicit_seeds");
    double[][] seeds = SklearnReference.matrix(ref.get("params").get("seeds"));
    assertMatches(ref, flat(1.2).setSeeds(seeds).fit(data), data, 1.2);
  }
}
