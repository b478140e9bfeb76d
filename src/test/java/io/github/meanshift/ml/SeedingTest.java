package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import io.github.meanshift.common.Agreement;
import io.github.meanshift.kmeans.Blobs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bounded seeding: a weighted sample of the points, or k-means|| centres, in place of every
 * distinct point, must find the clusters the exhaustive run finds (issue: ARI at least 0.99 on
 * 20,000 x 16-D and 5,000 x 64-D blobs); the automatic cap follows from the seed cost budget and
 * the summary says how many seeds ran and why.
 */
class SeedingTest extends SparkTestBase {
  /** Least agreement of a bounded seeding's labels with every-point seeding's. */
  static final double MIN_ARI = 0.99;

  /** Blobs of standard deviation 1 around centres uniform in [-10, 10)^d. */
  static final double SIGMA = 1.0;

  /**
   * h is about the blobs' radius (σ√d: 4 in 16-D, 8 in 64-D), so that points lie within h of their
   * mode, and a tenth of the distance between centres.
   */
  @ParameterizedTest(name = "{0} points x {1} features, {2} blobs, h {3}, k-means seeds {4}")
  @CsvSource({"20000, 16, 8, 5.0, false", "5000, 64, 10, 10.0, true"})
  void boundedSeedsFindTheClustersOfEveryPointSeeding(
      int n, int d, int k, double h, boolean kmeansToo) {
    double[][] x = Blobs.points(Blobs.randomCentres(k, d, 7), n, SIGMA, 11);
    Dataset<Row> df = Blobs.frame(spark, x, null);
    MeanShiftModel every = fit(df, d, h).setSeeding("points").fit(df);
    assertEquals("points", every.summary().route().seeding());
    assertEquals(n, every.summary().numSeeds());
    int[] exhaustive = labels(every, x);
    int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      truth[i] = i % k;
    }
    assertTrue(Agreement.ari(truth, exhaustive) >= MIN_ARI, "every point against the truth");

    // auto with a budget that caps the seeds below n: the cap's floor, a weighted sample
    MeanShiftModel capped = fit(df, d, h).setSeedCostBudget(1).fit(df);
    MeanShiftSummary.Route route = capped.summary().route();
    assertEquals("sample", route.seeding());
    assertEquals(SeedPlan.MIN_CAP, route.seedCap());
    assertEquals(n, route.seedCandidates());
    assertEquals(SeedPlan.MIN_CAP, capped.summary().numSeeds());
    assertTrue(route.reason().contains("more seeds than the cap"), route.reason());
    double sampled = Agreement.ari(exhaustive, labels(capped, x));
    assertTrue(sampled >= MIN_ARI, "sample seeding ARI " + sampled);

    if (!kmeansToo) {
      return;
    }
    MeanShiftModel kmeans = fit(df, d, h).setSeeding("kmeans").setMaxSeeds(4 * k).fit(df);
    assertEquals("kmeans", kmeans.summary().route().seeding());
    assertTrue(kmeans.summary().numSeeds() <= 4 * k);
    double centres = Agreement.ari(exhaustive, labels(kmeans, x));
    assertTrue(centres >= MIN_ARI, "k-means seeding ARI " + centres);
  }

  @Test
  void theDefaultBudgetKeepsEveryPointOnSmallDataAndMaxSeedsCapsIt() {
    double[][] x = Blobs.points(Blobs.randomCentres(3, 2, 5), 600, 0.3, 3);
    Dataset<Row> df = Blobs.frame(spark, x, null);
    MeanShiftModel all = fit(df, 2, 1.0).fit(df);
    assertEquals("points", all.summary().route().seeding());
    assertEquals(600, all.summary().numSeeds());
    assertNull(all.summary().route().blurringPath());

    MeanShiftModel capped = fit(df, 2, 1.0).setMaxSeeds(50).fit(df);
    assertEquals("sample", capped.summary().route().seeding());
    assertEquals(50, capped.summary().numSeeds());
    assertEquals(50, capped.summary().route().seedCap());
    assertTrue(Agreement.ari(labels(all, x), labels(capped, x)) >= MIN_ARI);

    MeanShiftModel bins = fit(df, 2, 1.0).setBinSeeding(true).setMaxSeeds(5).fit(df);
    assertEquals("sample", bins.summary().route().seeding());
    assertTrue(bins.summary().route().reason().contains("bins"), bins.summary().route().reason());
  }

  @Test
  void aWeightedSampleFollowsTheWeights() {
    double[][] x = new double[1000][];
    double[] w = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {i};
      w[i] = i < 100 ? 9 : i < 500 ? 0 : 1; // 900 of the 1300 weight in the first 100 points
    }
    double[][] s = DriverPoints.weightedSample(x, w, 200, 1);
    assertEquals(200, s.length);
    long heavy = java.util.Arrays.stream(s).filter(p -> p[0] < 100).count();
    long zero = java.util.Arrays.stream(s).filter(p -> p[0] >= 100 && p[0] < 500).count();
    assertEquals(0, zero, "zero weights are never drawn");
    // Keys -ln(u)/w are exponential of rate w: the 200 smallest lie below t with
    // 100(1 - e^{-9t}) + 500(1 - e^{-t}) = 200, t = 0.25, so about 89 heavy points are drawn
    // (a uniform sample of the positive weights would draw 33); the standard deviation is about 4.
    assertTrue(heavy >= 77 && heavy <= 100, "heavy points drawn: " + heavy);
  }

  private static MeanShift fit(Dataset<Row> df, int d, double h) {
    return new MeanShift().setInputCols(Blobs.names(d)).setBandwidth(h);
  }

  /** The fit's training labels, in the order of {@code x} (keyed by the first coordinate). */
  private static int[] labels(MeanShiftModel model, double[][] x) {
    List<Row> rows = model.summary().predictions().select("x0", "prediction").collectAsList();
    Map<Double, Integer> byX0 = new HashMap<>();
    for (Row r : rows) {
      byX0.put(r.getDouble(0), r.getInt(1));
    }
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = byX0.get(x[i][0]);
    }
    return out;
  }
}
