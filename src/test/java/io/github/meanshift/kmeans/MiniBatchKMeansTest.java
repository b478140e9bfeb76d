package io.github.meanshift.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import java.util.Arrays;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest extends SparkTestBase {
  /** Largest relative difference between the mini-batch cost and MLlib KMeans' (Lloyd's). */
  static final double COST_TOLERANCE = 0.01;

  /** Steps: every centre then averages about STEPS × FRACTION × n / k points. */
  static final int STEPS = 30;

  /** Batch fraction: about 300 of the 3 000 points per step. */
  static final double FRACTION = 0.1;

  static final long SEED = 42L;

  static double[][] points2d;
  static Dataset<Row> blobs2d;
  static Dataset<Row> blobs5d;

  @BeforeAll
  static void data() {
    points2d = Blobs.points(ColumnarKMeansTest.CENTRES_2D, 3000, 1.0, 7L);
    blobs2d = Blobs.frame(spark, points2d, null);
    blobs5d =
        Blobs.frame(spark, Blobs.points(Blobs.randomCentres(4, 5, 11L), 3000, 1.5, 13L), null);
  }

  private static void assertCostNearMllib(Dataset<Row> df, int dim, int k, String what) {
    KMeansResult ours =
        new MiniBatchKMeans(df, Blobs.names(dim))
            .setK(k)
            .setSeed(SEED)
            .setMaxIter(STEPS)
            .setBatchFraction(FRACTION)
            .fit();
    KMeansModel theirs = Blobs.mllib(df, dim, k, SEED, 20, "k-means||");
    double mllibCost = theirs.summary().trainingCost();
    double ratio = ours.cost() / mllibCost;
    System.out.printf(
        "%s: MiniBatchKMeans cost %.6f (%d steps), MLlib %.6f, ratio %.6f%n",
        what, ours.cost(), ours.iterations(), mllibCost, ratio);
    assertEquals(k, ours.k());
    assertEquals(1.0, ratio, COST_TOLERANCE, what + ": cost ratio to MLlib");
    assertEquals(ours.iterations(), ours.iterationSeconds().length);
  }

  @Test
  void costMatchesMllibOn2dBlobs() {
    assertCostNearMllib(blobs2d, 2, 5, "2-D blobs");
  }

  @Test
  void costMatchesMllibOn5dBlobs() {
    assertCostNearMllib(blobs5d, 5, 4, "5-D blobs");
  }

  @Test
  void firstStepMovesCentresToTheirBatchMeans() {
    // Counts start at 0, so the first step's rate is 1 for every centre that gets points: the
    // centres become the batch means, which the step plan gives directly.
    double[][] start = {points2d[0], points2d[1], points2d[2], points2d[3], points2d[4]};
    MiniBatchKMeans km =
        new MiniBatchKMeans(blobs2d, Blobs.names(2))
            .setInitialCentres(start)
            .setSeed(SEED)
            .setBatchFraction(0.2)
            .setMaxIter(1);
    ClusterSums batch = ClusterSums.collect(km.stepPlan(start, 0), 5, 2);
    KMeansResult r = km.fit();
    for (int c = 0; c < 5; c++) {
      double[] expected = batch.weight(c) > 0 ? batch.mean(c) : start[c];
      assertArrayEquals(expected, r.centres()[c], 1e-9, "centre " + c);
    }
    // The batch is about a fifth of the points, and another step draws another batch.
    double w0 = batch.totalWeight();
    assertTrue(w0 > 450 && w0 < 750, "batch weight " + w0);
    ClusterSums next = ClusterSums.collect(km.stepPlan(start, 1), 5, 2);
    assertTrue(
        next.totalWeight() != w0 || !Arrays.equals(next.mean(0), batch.mean(0)),
        "step 1 draws another batch");
  }

  @Test
  void randomInitAndWeightsWork() {
    double[] weights = new double[points2d.length];
    Arrays.fill(weights, 2.0);
    KMeansResult r =
        new MiniBatchKMeans(Blobs.frame(spark, points2d, weights), Blobs.names(2))
            .setWeightCol("w")
            .setK(5)
            .setSeed(SEED)
            .setInitMode("random")
            .setMaxIter(10)
            .fit();
    assertEquals(5, r.k());
    // Weight 2 everywhere doubles the cost of the same centres.
    double unweighted = KMeansCost.of(blobs2d, Blobs.names(2), null, r.centres());
    assertEquals(2 * unweighted, r.cost(), 1e-9 * r.cost());
  }

  @Test
  void stepPlanIsPlainSql() {
    MiniBatchKMeans km = new MiniBatchKMeans(blobs2d, Blobs.names(2));
    ColumnarKMeansTest.assertPlainSql(km.stepPlan(ColumnarKMeansTest.CENTRES_2D, 3));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> km.setBatchFraction(0))
            .getMessage()
            .contains("batchFraction"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> km.stepPlan(null, 0))
            .getMessage()
            .contains("centres"));
  }
}
