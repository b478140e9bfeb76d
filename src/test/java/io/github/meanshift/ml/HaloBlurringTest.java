package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import io.github.meanshift.common.Agreement;
import io.github.meanshift.common.BadInputException;
import io.github.meanshift.kmeans.Blobs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blurring mean shift past the broadcast budget: on 200,000 2-D points (more than localMaxPoints,
 * so partitioned) a 1 MB budget sends the run down the halo path, which must give the broadcast
 * path's clusters.
 */
class HaloBlurringTest extends SparkTestBase {
  /** Least agreement of the halo path's labels with the broadcast path's. */
  static final double MIN_ARI = 0.999;

  /** The halo path's budget: 1 MB, a third of the 3.2 MB point set. */
  static final long BUDGET = 1L << 20;

  static final int N = 200_000;

  /** 2,000 tight blobs of 100 points on a grid of spacing 0.5; h = 0.05 (ten h apart). */
  static final double H = 0.05;

  static double[][] x;
  static Dataset<Row> df;

  @BeforeAll
  static void data() {
    double[][] centres = new double[2000][];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = new double[] {0.5 * (i % 50), 0.5 * (i / 50)};
    }
    x = Blobs.points(centres, N, 0.02, 17);
    df = Blobs.frame(spark, x, null);
  }

  @Test
  void theHaloPathGivesTheBroadcastPathsClusters() {
    MeanShiftModel broadcast = blurring().fit(df);
    assertEquals("broadcast", broadcast.summary().route().blurringPath());
    String collapsed = broadcast.summary().route().reason();
    assertTrue(collapsed.contains("distinct positions"), collapsed);
    MeanShiftModel halo = blurring().setMaxBroadcastBytes(BUDGET).fit(df);
    MeanShiftSummary.Route route = halo.summary().route();
    assertEquals("halo", route.blurringPath());
    assertTrue(route.reason().contains("more than maxBroadcastBytes"), route.reason());
    assertEquals(broadcast.numClusters(), halo.numClusters());
    int[] a = labels(broadcast);
    int[] b = labels(halo);
    double ari = Agreement.ari(a, b);
    assertTrue(ari >= MIN_ARI, "halo against broadcast ARI " + ari);
    int[] truth = new int[N];
    for (int i = 0; i < N; i++) {
      truth[i] = i % 2000;
    }
    assertTrue(Agreement.ari(truth, b) >= MIN_ARI, "halo against the truth");
  }

  @Test
  void aHaloRunThatCannotCollapseWithinMaxIterSaysWhatToRaise() {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> blurring().setMaxBroadcastBytes(BUDGET).setMaxIter(1).fit(df));
    assertTrue(e.getMessage().contains("raise maxIter or maxBroadcastBytes"), e.getMessage());
  }

  private static MeanShift blurring() {
    return new MeanShift().setInputCols(Blobs.names(2)).setBandwidth(H).setAlgorithm("blurring");
  }

  private static int[] labels(MeanShiftModel model) {
    List<Row> rows = model.summary().predictions().select("x0", "x1", "prediction").collectAsList();
    Map<List<Double>, Integer> byPoint = new HashMap<>();
    for (Row r : rows) {
      byPoint.put(List.of(r.getDouble(0), r.getDouble(1)), r.getInt(2));
    }
    assertEquals(N, rows.size(), "one prediction a point");
    int[] out = new int[N];
    for (int i = 0; i < N; i++) {
      out[i] = byPoint.get(List.of(x[i][0], x[i][1]));
    }
    return out;
  }
}
