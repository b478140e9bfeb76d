package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
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
class ClusteringMetricsTest {
  static final double METRIC_TOLERANCE = 1e-12;

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
