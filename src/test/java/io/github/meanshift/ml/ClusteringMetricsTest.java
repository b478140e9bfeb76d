package io.github.meanshift.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.meanshift.SparkTestBase;
import io.github.meanshift.common.Agreement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ARI and NMI against scikit-learn 1.2.1, values recorded with:
 *
 * <pre>
 * /usr/bin/python3 -c "from sklearn.metrics import adjusted_rand_score as ari,
 *   normalized_mutual_info_score as nmi; print(repr(ari(a, b)), repr(nmi(a, b)))"
 * </pre>
 */
class ClusteringMetricsTest extends SparkTestBase {
  static final double METRIC_TOLERANCE = 1e-12;

  /**
   * n points in pairs (truth i / 2) and quadruples (prediction i / 4): n/2 classes against n/4
   * clusters. In closed form ARI = 2(n - 4) / (4n - 10) and NMI = ln(n/4) / ((ln(n/2) + ln(n/4)) /
   * 2), both checked against scikit-learn 1.2.1 at n = 40 (0.48 and 0.8691759793521874, with the
   * command above on {@code [i // 2 for i in range(40)]} and {@code [i // 4 ...]}).
   */
  static final int PAIRS_N = 400_000;

  /** The NMI there sums 200,000 logarithms: rounding grows with the terms. */
  static final double LARGE_SUM_TOLERANCE = 1e-9;

  static double pairsAri(double n) {
    return 2 * (n - 4) / (4 * n - 10);
  }

  static double pairsNmi(double n) {
    return Math.log(n / 4) / ((Math.log(n / 2) + Math.log(n / 4)) / 2);
  }

  static Stream<Arguments> sklearnCases() {
    return Stream.of(
        Arguments.of(
            new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}, 0.5714285714285714, 0.7999999999999999),
        Arguments.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}, 1.0, 1.0),
        Arguments.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}, 0.0, 0.0),
        Arguments.of(
            new int[] {0, 1, 2, 0, 1, 2, 2, 1},
            new int[] {1, 1, 0, 0, 2, 2, -1, -1},
            -0.2222222222222222,
            0.31521162057196894),
        Arguments.of(
            new int[] {0, 0, 1, 1, 2, 2, 2, 3},
            new int[] {0, 0, 0, 1, 1, 1, 2, 2},
            0.15789473684210525,
            0.5577965290899927));
  }

  @ParameterizedTest
  @MethodSource("sklearnCases")
  void matchesScikitLearn(int[] truth, int[] pred, double ari, double nmi) {
    ClusteringMetrics m = ClusteringMetrics.of(contingency(truth, pred));
    assertEquals(ari, m.ari(), METRIC_TOLERANCE, "ARI");
    assertEquals(nmi, m.nmi(), METRIC_TOLERANCE, "NMI");
  }

  @ParameterizedTest
  @MethodSource("sklearnCases")
  void theTableOfNonzeroCellsMatchesScikitLearn(int[] truth, int[] pred, double ari, double nmi) {
    Agreement.Table t = Agreement.Table.of(truth, pred);
    assertEquals(ari, Agreement.ari(t), METRIC_TOLERANCE, "ARI");
    assertEquals(nmi, Agreement.nmi(t), METRIC_TOLERANCE, "NMI");
    assertEquals(ari, Agreement.ari(truth, pred), METRIC_TOLERANCE, "ARI of the labelings");
  }

  @Test
  void theClosedFormAtFortyPointsIsScikitLearns() {
    assertEquals(0.48, pairsAri(40), METRIC_TOLERANCE);
    assertEquals(0.8691759793521874, pairsNmi(40), METRIC_TOLERANCE);
  }

  /**
   * 200,000 classes against 100,000 clusters: the full table would be 2e10 cells (160 GB), the
   * nonzero ones are 200,000 (a blurring run of 20 million points ran out of memory here).
   */
  @Test
  void manyClassesAgainstManyClustersFitInMemory() {
    int[] truth = new int[PAIRS_N];
    int[] pred = new int[PAIRS_N];
    for (int i = 0; i < PAIRS_N; i++) {
      truth[i] = i / 2;
      pred[i] = i / 4;
    }
    assertEquals(pairsAri(PAIRS_N), Agreement.ari(truth, pred), METRIC_TOLERANCE, "ARI");
    ClusteringMetrics m =
        ClusteringMetrics.of(
            spark
                .range(PAIRS_N)
                .select(
                    col("id").divide(2).cast("int").as("t"),
                    col("id").divide(4).cast("int").as("p")),
            col("t"),
            col("p"));
    assertEquals(pairsAri(PAIRS_N), m.ari(), METRIC_TOLERANCE, "ARI");
    assertEquals(pairsNmi(PAIRS_N), m.nmi(), LARGE_SUM_TOLERANCE, "NMI");
  }

  private static long[][] contingency(int[] truth, int[] pred) {
    Map<Integer, Integer> ti = new HashMap<>();
    Map<Integer, Integer> pi = new HashMap<>();
    for (int i = 0; i < truth.length; i++) {
      ti.putIfAbsent(truth[i], ti.size());
      pi.putIfAbsent(pred[i], pi.size());
    }
    long[][] c = new long[ti.size()][pi.size()];
    for (int i = 0; i < truth.length; i++) {
      c[ti.get(truth[i])][pi.get(pred[i])]++;
    }
    return c;
  }
}
