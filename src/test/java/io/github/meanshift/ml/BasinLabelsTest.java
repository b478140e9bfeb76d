package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

/**
 * Labels by basin of attraction ({@code assign mode}) against a plain Java mean shift that records
 * which centre each point's own seed ended in: on two elongated, slanted clusters, where the basin
 * boundary follows the density's valley and the nearest-centre boundary (a straight line between
 * the modes) cuts through the tips, so the two rules must differ.
 */
class BasinLabelsTest extends SparkTestBase {
  static final double TOL = 1e-4;
  static final int MAX_ITER = 300;

  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("x0", DataTypes.DoubleType, false)
          .add("x1", DataTypes.DoubleType, false);

  /** Two long clusters side by side, slanted, which mean shift splits into a few modes each. */
  static double[][] slanted() {
    Random r = new Random(3);
    double[][] x = new double[240][];
    for (int i = 0; i < x.length; i++) {
      double t = 4 * r.nextDouble() - 2;
      double side = i % 2 == 0 ? -1 : 1;
      x[i] =
          new double[] {
            side * 1.2 + 1.5 * t + 0.15 * r.nextGaussian(), side * 0.3 + t + 0.15 * r.nextGaussian()
          };
    }
    return x;
  }

  @ParameterizedTest(name = "{0} kernel, h {1}")
  @CsvSource({"flat, 1.0", "gaussian, 0.5", "gaussian, 0.6", "epanechnikov, 1.0"})
  void everyPointGetsTheClusterItsOwnSeedClimbedTo(String kernel, double h) {
    double[][] x = slanted();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(RowFactory.create((long) i, x[i][0], x[i][1]));
    }
    Dataset<Row> df = spark.createDataFrame(rows, SCHEMA);
    MeanShiftModel model =
        new MeanShift()
            .setInputCols(new String[] {"x0", "x1"})
            .setKernel(kernel)
            .setBandwidth(h)
            .setTol(TOL)
            .setAssign("mode")
            .fit(df);
    int[] expected = ReferenceMeanShift.basins(x, kernel, h, TOL, MAX_ITER);
    int[] nearest =
        ReferenceMeanShift.labels(x, ReferenceMeanShift.centers(x, kernel, h, TOL, MAX_ITER));
    int[] actual = new int[x.length];
    for (Row r : model.summary().predictions().select("id", "prediction").collectAsList()) {
      actual[(int) r.getLong(0)] = r.getInt(1);
    }
    assertArrayEquals(expected, actual, "basin labels");
    assertNotEquals(
        java.util.Arrays.toString(nearest),
        java.util.Arrays.toString(expected),
        "the data must tell the two rules apart");
    long[] sizes = model.summary().clusterSizes();
    for (int c = 0; c < sizes.length; c++) {
      int k = c;
      assertEquals(
          java.util.Arrays.stream(expected).filter(l -> l == k).count(), sizes[c], "size " + c);
    }
  }
}
