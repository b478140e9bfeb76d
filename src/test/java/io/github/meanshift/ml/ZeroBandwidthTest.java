package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import io.github.meanshift.common.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A chosen bandwidth of 0, as scikit-learn's test_mean_shift_zero_bandwidth has it: on X = [1, 1,
 * 1, 2, 2, 2, 3, 3] (one column) estimate_bandwidth is 0, and MeanShift, with or without bin
 * seeding, finds the three distinct values as clusters, labels [0, 0, 0, 1, 1, 1, 2, 2]. Other
 * kernels cannot shift with h = 0: one clear error.
 */
class ZeroBandwidthTest extends SparkTestBase {
  static final double[] X = {1, 1, 1, 2, 2, 2, 3, 3};

  /** scikit-learn's expected labels (the test checks them up to renaming: v_measure 1). */
  static final int[] EXPECTED = {0, 0, 0, 1, 1, 1, 2, 2};

  static Dataset<Row> data() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < X.length; i++) {
      rows.add(RowFactory.create((long) i, X[i]));
    }
    StructType schema =
        new StructType().add("id", DataTypes.LongType, false).add("x", DataTypes.DoubleType, false);
    return spark.createDataFrame(rows, schema);
  }

  @ParameterizedTest(name = "bandwidth method {0}, bin seeding {1}")
  @CsvSource({"quantile, false", "quantile, true", "auto, false", "auto, true"})
  void flatKernelClustersTheDistinctValues(String method, boolean binSeeding) {
    MeanShiftModel model =
        new MeanShift()
            .setInputCols(new String[] {"x"})
            .setKernel("flat")
            .setBandwidthMethod(method)
            .setBinSeeding(binSeeding)
            .fit(data());
    assertEquals(0.0, model.summary().bandwidth());
    assertEquals(3, model.numClusters());
    int[] labels = new int[X.length];
    for (Row r : model.summary().predictions().select("id", "prediction").collectAsList()) {
      labels[(int) r.getLong(0)] = r.getInt(1);
    }
    // Clusters are ranked by support, ties by coordinates descending: 2 and 1 hold 3 points, 3
    // holds 2; so 2 is cluster 0, 1 is cluster 1, 3 is cluster 2. Up to renaming, scikit-learn's.
    int[] rename = new int[3];
    for (int i = 0; i < X.length; i++) {
      rename[labels[i]] = EXPECTED[i];
    }
    for (int i = 0; i < X.length; i++) {
      labels[i] = rename[labels[i]];
    }
    assertArrayEquals(EXPECTED, labels);
    assertArrayEquals(new long[] {3, 3, 2}, model.summary().clusterSizes());
  }

  @Test
  void otherKernelsNeedABandwidth() {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () ->
                new MeanShift()
                    .setInputCols(new String[] {"x"})
                    .setBandwidthMethod("quantile")
                    .fit(data()));
    assertTrue(e.getMessage().contains("bandwidth is 0"), e.getMessage());
  }
}
