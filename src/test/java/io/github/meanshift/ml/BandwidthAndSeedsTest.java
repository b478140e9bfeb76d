package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.meanshift.SparkTestBase;
import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Rows;
import io.github.meanshift.shift.BandwidthEstimator;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.Seeding;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bandwidth estimation and bin seeding against scikit-learn's numbers. */
class BandwidthAndSeedsTest extends SparkTestBase {
  /** The estimate is an exact mean of exact distances: only summation order differs. */
  static final double BANDWIDTH_TOLERANCE = 1e-12;

  /** scikit-learn's bin seeds are float32; ours are double. */
  static final double SEED_TOLERANCE = 1e-6;

  private static PointSet points(String csv) {
    Dataset<Row> df = csvResource(csv);
    Dataset<Row> hot =
        df.select(
            functions.monotonically_increasing_id().as(Columns.PID),
            functions.col("x0").cast("double").as(Columns.feature(0)),
            functions.col("x1").cast("double").as(Columns.feature(1)),
            functions.lit(1.0).as(Columns.WEIGHT));
    String[] names = {"x0", "x1"};
    return new PointSet(hot, names, PointStats.compute(hot, names, "weight"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.1", "0.2", "0.3", "0.5"})
  void bandwidthMatchesEstimateBandwidth(String quantile) {
    double expected = SklearnReference.get("blobs300", "estimate_bandwidth", quantile).asDouble();
    List<Row> rows = points("sklearn/blobs300.csv").hot().collectAsList();
    double actual =
        BandwidthEstimator.estimate(
            Rows.matrix(rows, 1, 2), Rows.column(rows, 3), Double.parseDouble(quantile));
    assertEquals(expected, actual, BANDWIDTH_TOLERANCE * expected);
  }

  @ParameterizedTest
  @CsvSource({
    "sklearn/blobs300.csv, 1.2, 1, blobs300, bin_seeds_h12_min1",
    "sklearn/blobs300.csv, 1.2, 5, blobs300, bin_seeds_h12_min5",
    "sklearn/six.csv, 1, 1, six, bin_seeds_h1_min1",
    "sklearn/six.csv, 1, 2, six, bin_seeds_h1_min2"
  })
  void binSeedsMatchGetBinSeeds(
      String csv, double binSize, double minFreq, String set, String key) {
    double[][] expected = sorted(SklearnReference.matrix(SklearnReference.get(set, key)));
    PointSet points = points(csv);
    double[][] fromPlan =
        Rows.matrix(Seeding.binSeedPlan(points, binSize, minFreq).collectAsList(), 0, 2);
    List<Row> rows = points.hot().collectAsList();
    double[][] fromLoop =
        Seeding.binSeeds(Rows.matrix(rows, 1, 2), Rows.column(rows, 3), binSize, minFreq);
    for (double[][] seeds : List.of(fromPlan, fromLoop)) {
      double[][] actual = sorted(seeds);
      assertEquals(expected.length, actual.length, "number of seeds");
      for (int i = 0; i < expected.length; i++) {
        for (int j = 0; j < expected[i].length; j++) {
          assertEquals(expected[i][j], actual[i][j], SEED_TOLERANCE, "seed " + i);
        }
      }
    }
  }

  private static double[][] sorted(double[][] m) {
    double[][] c = m.clone();
    Arrays.sort(c, Comparator.comparingDouble((double[] r) -> r[0]).thenComparingDouble(r -> r[1]));
    return c;
  }
}
