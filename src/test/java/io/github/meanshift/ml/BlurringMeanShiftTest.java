package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import io.github.meanshift.shift.BlurringMeanShift;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Blurring mean shift: stops once the clusters have collapsed, and agrees with a plain loop. */
class BlurringMeanShiftTest extends SparkTestBase {
  /** Agreement of the clustering with the generating blobs (two stray points sit elsewhere). */
  static final double MIN_ARI = 0.98;

  /** Positions after the same number of iterations: only the 4.5h Gaussian cut differs. */
  static final double POSITION_TOLERANCE_H = 1e-4;

  private static MeanShift blurring(double h) {
    return new MeanShift()
        .setInputCols(new String[] {"x0", "x1"})
        .setAlgorithm("blurring")
        .setBandwidth(h);
  }

  private static double ari(MeanShiftModel model, String truth) {
    return ClusteringMetrics.of(
            model.summary().predictions(),
            org.apache.spark.sql.functions.col(truth),
            org.apache.spark.sql.functions.col("prediction"))
        .ari();
  }

  @ParameterizedTest(name = "h = {0}")
  @ValueSource(doubles = {0.3, 0.4, 0.5, 0.6})
  void findsScikitLearnsThreeBlobsAcrossBandwidths(double h) {
    MeanShiftModel model = blurring(h).fit(csvResource("sklearn/blobs300.csv"));
    assertEquals(3, model.numClusters());
    assertTrue(model.summary().converged(), "stopped by the collapse rule");
    assertTrue(model.summary().numIter() < 30, "stops soon after collapsing");
    assertTrue(ari(model, "truth") >= MIN_ARI);
  }

  /** Same iterations on another engine: only summation order differs. */
  static final double ENGINE_TOLERANCE_H = 1e-6;

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"jvm/exact", "sql/exact", "sql/grid"})
  void distributedEnginesAgreeWithTheDriverLoop(String engine) {
    double h = 0.5;
    MeanShiftModel local = blurring(h).fit(csvResource("sklearn/blobs300.csv"));
    MeanShiftModel other =
        Engines.use(blurring(h), engine).fit(csvResource("sklearn/blobs300.csv"));
    assertEquals("local/exact", local.summary().engine().replace("grid", "exact"));
    assertEquals(engine, other.summary().engine());
    assertEquals(local.numClusters(), other.numClusters());
    assertEquals(local.summary().numIter(), other.summary().numIter());
    for (int k = 0; k < local.numClusters(); k++) {
      assertArrayEquals(
          local.clusterCenters()[k], other.clusterCenters()[k], ENGINE_TOLERANCE_H * h);
    }
  }

  @Test
  void findsTheSeedNotebooksSixBlobs() {
    Dataset<Row> data =
        spark
            .read()
            .option("header", "true")
            .option("inferSchema", "true")
            .csv("data-samples/blobs.csv");
    MeanShiftModel model = blurring(2.5).fit(data);
    assertEquals(6, model.numClusters());
    assertTrue(ari(model, "truth") >= MIN_ARI);
    assertEquals(1500, Arrays.stream(model.summary().clusterSizes()).sum());
  }

  @Test
  void agreesWithAPlainJavaBlurringLoop() {
    Dataset<Row> data = csvResource("sklearn/blobs300.csv").orderBy("id");
    double h = 0.5;
    MeanShiftModel model = blurring(h).fit(data);
    // Points that met moved on as one position: the plain loop below moves every point.
    String reason = model.summary().route().reason();
    assertTrue(reason.contains("distinct positions"), reason);
    int iterations = model.summary().numIter();
    List<Row> rows = data.select("x0", "x1").collectAsList();
    double[][] x = new double[rows.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {rows.get(i).getDouble(0), rows.get(i).getDouble(1)};
    }
    for (int t = 0; t < iterations; t++) {
      x = referenceStep(x, h);
    }
    double[][] expected = distinctCentres(x, BlurringMeanShift.COLLAPSE_FRACTION * h);
    double[][] actual = model.clusterCenters();
    Arrays.sort(actual, Comparator.comparingDouble((double[] c) -> c[0]));
    assertEquals(expected.length, actual.length);
    for (int k = 0; k < expected.length; k++) {
      assertArrayEquals(expected[k], actual[k], POSITION_TOLERANCE_H * h, "centre " + k);
    }
    int[] labels =
        model.summary().predictions().orderBy("id").select("prediction").collectAsList().stream()
            .mapToInt(r -> r.getInt(0))
            .toArray();
    for (int i = 0; i < x.length; i++) {
      double[] c = actual[0];
      int best = 0;
      for (int k = 1; k < actual.length; k++) {
        if (ReferenceMeanShift.dist2(x[i], actual[k]) < ReferenceMeanShift.dist2(x[i], c)) {
          c = actual[k];
          best = k;
        }
      }
      assertArrayEquals(
          model.clusterCenters()[labels[i]], actual[best], POSITION_TOLERANCE_H * h, "point " + i);
    }
  }

  /** One blurring step with the uncut Gaussian: every point to its kernel mean. */
  static double[][] referenceStep(double[][] x, double h) {
    double[][] next = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      double den = 0;
      for (double[] y : x) {
        double w = Math.exp(-0.5 * ReferenceMeanShift.dist2(x[i], y) / (h * h));
        den += w;
        next[i][0] += w * y[0];
        next[i][1] += w * y[1];
      }
      next[i][0] /= den;
      next[i][1] /= den;
    }
    return next;
  }

  /** One position per group of points within eps, sorted by first coordinate. */
  static double[][] distinctCentres(double[][] x, double eps) {
    java.util.List<double[]> out = new java.util.ArrayList<>();
    for (double[] p : x) {
      boolean seen = false;
      for (double[] c : out) {
        seen |= Math.sqrt(ReferenceMeanShift.dist2(p, c)) <= 10 * eps;
      }
      if (!seen) {
        out.add(p);
      }
    }
    out.sort(Comparator.comparingDouble((double[] c) -> c[0]));
    return out.toArray(new double[0][]);
  }
}
