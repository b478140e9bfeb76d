package io.github.meanshift.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnarKMeansTest extends SparkTestBase {
  /** Largest relative difference between our final cost and MLlib KMeans' on the same data. */
  static final double COST_TOLERANCE = 0.01;

  static final long SEED = 42L;
  static final int MAX_ITER = 20;

  static final double[][] CENTRES_2D = {{0, 0}, {8, 0}, {0, 8}, {8, 8}, {4, -7}};

  static double[][] points2d;
  static double[][] points5d;
  static Dataset<Row> blobs2d;
  static Dataset<Row> blobs5d;

  @TempDir static Path work;

  @BeforeAll
  static void data() {
    points2d = Blobs.points(CENTRES_2D, 3000, 1.0, 7L);
    points5d = Blobs.points(Blobs.randomCentres(4, 5, 11L), 3000, 1.5, 13L);
    blobs2d = Blobs.frame(spark, points2d, null);
    blobs5d = Blobs.frame(spark, points5d, null);
  }

  private static void assertCostNearMllib(Dataset<Row> df, int dim, int k, String what) {
    KMeansResult ours =
        new ColumnarKMeans(df, Blobs.names(dim))
            .setK(k)
            .setSeed(SEED)
            .setMaxIter(MAX_ITER)
            .setCheckpointPath(work.resolve(what).toString())
            .fit();
    KMeansModel theirs = Blobs.mllib(df, dim, k, SEED, MAX_ITER, "k-means||");
    double mllibCost = theirs.summary().trainingCost();
    double ratio = ours.cost() / mllibCost;
    System.out.printf(
        "%s: ColumnarKMeans cost %.6f (%d iterations), MLlib %.6f (%d iterations), ratio %.6f%n",
        what, ours.cost(), ours.iterations(), mllibCost, theirs.summary().numIter(), ratio);
    assertEquals(k, ours.k());
    assertEquals(1.0, ratio, COST_TOLERANCE, what + ": cost ratio to MLlib");
    // The cost is the training cost of the last iteration; it matches a fresh pass once converged.
    assertTrue(ours.converged(), what + " converged");
    double fresh = KMeansCost.of(df, Blobs.names(dim), null, ours.centres());
    assertEquals(fresh, ours.cost(), 1e-6 * fresh);
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
  void randomInitDrawsDistinctDataPointsAndConverges() {
    KMeansData data = KMeansData.of(blobs2d, Blobs.names(2), null);
    double[][] drawn = KMeansInit.weightedSample(data, 5, 3L);
    assertEquals(5, drawn.length);
    for (double[] c : drawn) {
      assertTrue(
          Arrays.stream(points2d).anyMatch(p -> Arrays.equals(p, c)), "a drawn centre is a point");
    }
    assertEquals(5, KMeansInit.distinct(drawn).length);
    assertTrue(
        Arrays.deepEquals(drawn, KMeansInit.weightedSample(data, 5, 3L)), "same seed, same draw");

    ColumnarKMeans km =
        new ColumnarKMeans(blobs2d, Blobs.names(2)).setK(5).setSeed(SEED).setInitMode("random");
    double firstCost = km.setMaxIter(1).fit().cost(); // cost against the drawn centres
    KMeansResult r = km.setMaxIter(MAX_ITER).fit();
    assertEquals(5, r.k());
    assertTrue(r.cost() < firstCost, "Lloyd lowers the cost of the random centres");
    double finalCost = KMeansCost.of(blobs2d, Blobs.names(2), null, r.centres());
    assertTrue(
        r.cost() >= finalCost * (1 - 1e-9),
        "the last iteration's cost is at least that of the final centres");
  }

  @Test
  void weightsActLikeDuplicatedRows() {
    double[][] base = Blobs.points(CENTRES_2D, 600, 1.0, 21L);
    double[] weights = new double[base.length];
    java.util.Random rnd = new java.util.Random(5L);
    List<double[]> dup = new java.util.ArrayList<>();
    for (int i = 0; i < base.length; i++) {
      weights[i] = 1 + rnd.nextInt(3);
      for (int r = 0; r < weights[i]; r++) {
        dup.add(base[i]);
      }
    }
    Dataset<Row> weighted = Blobs.frame(spark, base, weights);
    Dataset<Row> duplicated = Blobs.frame(spark, dup.toArray(new double[0][]), null);
    double[][] start = {base[0], base[1], base[2], base[3], base[4]};

    KMeansResult w =
        new ColumnarKMeans(weighted, Blobs.names(2))
            .setWeightCol("w")
            .setInitialCentres(start)
            .setMaxIter(5)
            .setTol(0)
            .fit();
    KMeansResult d =
        new ColumnarKMeans(duplicated, Blobs.names(2))
            .setInitialCentres(start)
            .setMaxIter(5)
            .setTol(0)
            .fit();
    assertCentresEqual(d.centres(), w.centres(), 1e-9);
    assertEquals(d.cost(), w.cost(), 1e-9 * d.cost());
  }

  @Test
  void lloydMatchesPlainJavaReference() {
    double[][] start = {points5d[0], points5d[1], points5d[2], {1000, 1000, 1000, 1000, 1000}};
    for (int iterations : new int[] {1, 4}) {
      KMeansResult r =
          new ColumnarKMeans(blobs5d, Blobs.names(5))
              .setInitialCentres(start)
              .setMaxIter(iterations)
              .setTol(0)
              .fit();
      double[] cost = new double[1];
      double[][] expected = ReferenceLloyd.run(points5d, null, start, iterations, cost);
      assertEquals(iterations, r.iterations());
      assertEquals(iterations, r.iterationSeconds().length);
      assertCentresEqual(expected, r.centres(), 1e-9);
      assertEquals(cost[0], r.cost(), 1e-9 * cost[0]);
      assertArrayEquals(start[3], r.centres()[3], 0.0, "an empty cluster keeps its centre");
    }
  }

  @Test
  void assignmentLabelsNewDataByNearestCentre() {
    KMeansResult r =
        new ColumnarKMeans(blobs2d, "x0", "x1").setInitialCentres(CENTRES_2D).setMaxIter(3).fit();
    double[][] c = r.centres();
    List<Row> rows =
        blobs2d
            .select(blobs2d.col("x0"), blobs2d.col("x1"), r.assignment("x0", "x1"))
            .limit(200)
            .collectAsList();
    for (Row row : rows) {
      double[] p = {row.getDouble(0), row.getDouble(1)};
      assertEquals(
          io.github.meanshift.common.Labeler.nearest(p, c, Double.POSITIVE_INFINITY),
          row.getInt(2));
    }
  }

  @Test
  void iterationPlanIsPlainSqlWithoutExecuting() {
    ColumnarKMeans km = new ColumnarKMeans(blobs2d, Blobs.names(2)).setK(5);
    Dataset<Row> plan = km.iterationPlan(CENTRES_2D);
    assertPlainSql(plan);
    assertEquals(
        Arrays.asList("_ms_cluster", "_ms_sw", "_ms_s0", "_ms_s1", "_ms_cost"),
        Arrays.asList(plan.columns()));
    assertEquals(5, plan.count());
  }

  /**
   * No UDF, object (RDD-style) operator or cache in the physical plan, no keyed join, and one
   * exchange only: the aggregate's, of at most k partial rows per task (the points are never
   * shuffled). The one join is the broadcast of the one-row centre table.
   */
  static void assertPlainSql(Dataset<Row> plan) {
    String physical = plan.queryExecution().executedPlan().toString();
    for (String banned :
        new String[] {
          "UDF",
          "MapPartitions",
          "DeserializeToObject",
          "SerializeFromObject",
          "InMemory",
          "SortMergeJoin",
          "HashJoin"
        }) {
      assertFalse(physical.contains(banned), banned + " in plan:\n" + physical);
    }
    assertEquals(1, physical.split("Exchange hashpartitioning", -1).length - 1, physical);
    assertEquals(1, physical.split("BroadcastNestedLoopJoin", -1).length - 1, physical);
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ColumnarKMeans(blobs2d, "x0", "y"));
    assertTrue(e.getMessage().contains("featureCols"), e.getMessage());
    ColumnarKMeans km = new ColumnarKMeans(blobs2d, "x0", "x1");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> km.setK(0)).getMessage().contains("k"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> km.setInitMode("k-means++"))
            .getMessage()
            .contains("initMode"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> km.setTol(-1))
            .getMessage()
            .contains("tol"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> km.setWeightCol("nope"))
            .getMessage()
            .contains("weightCol"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> km.iterationPlan(new double[][] {{1}}))
            .getMessage()
            .contains("centres"));
  }

  static void assertCentresEqual(double[][] expected, double[][] actual, double eps) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], eps, "centre " + i);
    }
  }
}
