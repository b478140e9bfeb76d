package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A point of weight w counts as w points: duplicated rows equal their counts as weights. */
class SampleWeightsTest extends SparkTestBase {
  /** Same sums in another order: centres agree up to rounding (fraction of h). */
  static final double CENTER_TOLERANCE_H = 1e-9;

  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("x0", DataTypes.DoubleType)
          .add("x1", DataTypes.DoubleType)
          .add("w", DataTypes.DoubleType);

  /** 120 distinct points in 3 blobs, each repeated 1 to 4 times: (duplicated, weighted). */
  static Dataset<Row>[] dataSets() {
    Random r = new Random(3);
    List<Row> dup = new ArrayList<>();
    List<Row> weighted = new ArrayList<>();
    double[][] c = {{0, 0}, {4, 0}, {2, 3}};
    long id = 0;
    for (int i = 0; i < 120; i++) {
      double x0 = c[i % 3][0] + 0.6 * r.nextGaussian();
      double x1 = c[i % 3][1] + 0.6 * r.nextGaussian();
      int copies = 1 + r.nextInt(4);
      weighted.add(RowFactory.create((long) i, x0, x1, (double) copies));
      for (int k = 0; k < copies; k++) {
        dup.add(RowFactory.create(id++, x0, x1, 1.0));
      }
    }
    @SuppressWarnings("unchecked")
    Dataset<Row>[] out =
        new Dataset[] {spark.createDataFrame(dup, SCHEMA), spark.createDataFrame(weighted, SCHEMA)};
    return out;
  }

  @ParameterizedTest(
      name = "{0} kernel, bin seeding {1}, algorithm {2}, h {3} (0: auto, -1: quantile)")
  @CsvSource({
    "flat, false, standard, 1.5",
    "gaussian, false, standard, 0",
    "gaussian, false, standard, -1",
    "epanechnikov, true, standard, 1.5",
    "gaussian, false, blurring, 0.7"
  })
  void duplicatedRowsEqualCountsAsWeights(
      String kernel, boolean binSeeding, String algorithm, double bandwidth) {
    Dataset<Row>[] sets = dataSets();
    MeanShift ms =
        new MeanShift()
            .setInputCols(new String[] {"x0", "x1"})
            .setKernel(kernel)
            .setBinSeeding(binSeeding)
            .setAlgorithm(algorithm)
            .setQuantile(0.2);
    if (bandwidth > 0) {
      ms.setBandwidth(bandwidth);
    } else if (bandwidth < 0) {
      ms.setBandwidthMethod("quantile");
    }
    MeanShiftModel dup = ms.fit(sets[0]);
    MeanShiftModel weighted =
        ms.copy(org.apache.spark.ml.param.ParamMap.empty()).setWeightCol("w").fit(sets[1]);
    double h = dup.summary().bandwidth();
    assertEquals(h, weighted.summary().bandwidth(), CENTER_TOLERANCE_H * h, "estimated bandwidth");
    assertEquals(dup.numClusters(), weighted.numClusters());
    assertTrue(dup.numClusters() >= 2);
    for (int k = 0; k < dup.numClusters(); k++) {
      assertArrayEquals(
          dup.clusterCenters()[k], weighted.clusterCenters()[k], CENTER_TOLERANCE_H * h);
    }
    long[] dupSizes = dup.summary().clusterSizes();
    long total = java.util.Arrays.stream(dupSizes).sum();
    assertEquals(sets[0].count(), total + dup.summary().orphans());
  }

  @org.junit.jupiter.api.Test
  void negativeOrMissingWeightsAreRejected() {
    List<Row> rows =
        List.of(RowFactory.create(1L, 0.0, 0.0, 1.0), RowFactory.create(2L, 1.0, 1.0, -2.0));
    MeanShift ms =
        new MeanShift().setInputCols(new String[] {"x0", "x1"}).setBandwidth(1).setWeightCol("w");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ms.fit(spark.createDataFrame(rows, SCHEMA)));
    assertTrue(e.getMessage().contains("'w'"), e.getMessage());
  }
}
