package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.SparkTestBase;
import io.github.meanshift.common.Agreement;
import io.github.meanshift.shift.BandwidthSelection;
import io.github.meanshift.shift.BandwidthSelector;
import io.github.meanshift.shift.Kernel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default run on public data sets with ground truth (scikit-learn's noisy circles and moons;
 * iris, wine and breast cancer standardized: breast cancer has no stable partition, the fallback),
 * against the answers of the selector's numpy reference ({@code bench/reference/selector_ref.py}),
 * recorded with their ARI by {@code src/test/resources/public/make_public.py}.
 */
class DefaultBandwidthTest extends SparkTestBase {
  /**
   * The selector picks a plateau of a fixed geometric grid: the same plateau gives the same h up to
   * rounding (relative).
   */
  static final double BANDWIDTH_TOLERANCE = 1e-9;

  /**
   * ARI of the default fit against the truth: at most this below the reference's (the fit's labels
   * may follow basins of attraction where the reference takes the nearest mode).
   */
  static final double ARI_TOLERANCE = 0.01;

  /** The selector's fits stop at tol·h, as the reference's. */
  static final double TOL = 1e-3;

  static final int MAX_ITER = 300;

  static JsonNode expected(String name) throws IOException {
    try (InputStream in = DefaultBandwidthTest.class.getResourceAsStream("/public/expected.json")) {
      return new ObjectMapper().readTree(in).get(name);
    }
  }

  /** The points (all columns but the last) and the truth (the last) of a public CSV. */
  static double[][] points(String name, int[] truth) throws IOException {
    List<String> lines = Files.readAllLines(resource("public/" + name + ".csv"));
    double[][] x = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      x[i - 1] = Arrays.stream(f, 0, f.length - 1).mapToDouble(Double::parseDouble).toArray();
      if (truth != null) {
        truth[i - 1] = Integer.parseInt(f[f.length - 1]);
      }
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"noisy_circles", "noisy_moons", "iris", "wine", "breast_cancer"})
  void selectorMatchesTheReference(String name) throws IOException {
    JsonNode want = expected(name);
    double[][] x = points(name, null);
    double[] w = new double[x.length];
    Arrays.fill(w, 1.0);
    BandwidthSelection got = BandwidthSelector.select(x, w, Kernel.GAUSSIAN, TOL, MAX_ITER, 0L);
    double h = want.get("bandwidth").asDouble();
    assertEquals(h, got.bandwidth(), BANDWIDTH_TOLERANCE * h, got.reason());
    assertEquals(want.get("merge").asBoolean(), got.merge(), got.reason());
    assertEquals("auto", got.method());
    assertTrue(got.candidates().size() > 2, "every scanned scale is a candidate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"noisy_circles", "noisy_moons", "iris", "wine", "breast_cancer"})
  void defaultFitFindsTheReferenceClusters(String name) throws IOException {
    JsonNode want = expected(name);
    Dataset<Row> df = csvResource("public/" + name + ".csv");
    String[] cols =
        Arrays.stream(df.columns()).filter(c -> !c.equals("truth")).toArray(String[]::new);
    MeanShiftModel model = new MeanShift().setInputCols(cols).fit(df);
    double h = want.get("bandwidth").asDouble();
    assertEquals(h, model.summary().bandwidth(), BANDWIDTH_TOLERANCE * h, "bandwidth");
    assertEquals(want.get("clusters").asInt(), model.numClusters(), "clusters");
    assertEquals(want.get("modes").asInt(), model.summary().numModes(), "modes");
    List<Row> rows = model.transform(df).select("truth", "prediction").collectAsList();
    int[] truth = rows.stream().mapToInt(r -> ((Number) r.get(0)).intValue()).toArray();
    int[] predicted = rows.stream().mapToInt(r -> ((Number) r.get(1)).intValue()).toArray();
    double ari = Agreement.ari(truth, predicted);
    assertTrue(
        ari >= want.get("ari").asDouble() - ARI_TOLERANCE,
        name + ": ARI " + ari + " against the reference's " + want.get("ari").asDouble());
  }
}
