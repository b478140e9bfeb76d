package io.github.meanshift.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.meanshift.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kernel agrees with the plain Java reference implementation in this test package. */
class MeanShiftKernelTest extends SparkTestBase {
  /** Convergence tolerance used on both sides, small so that stopping points agree. */
  static final double TOL = 1e-7;

  /** Bounded kernels: centres agree up to float rounding (as a fraction of h). */
  static final double CENTER_TOLERANCE_H = 1e-5;

  /**
   * The Gaussian is cut off at 4.5h in the product and uncut in the reference: the weight beyond
   * the cut is below 4e-5, so centres may move by a small fraction of h, no more.
   */
  static final double GAUSSIAN_CUTOFF_TOLERANCE_H = 1e-3;

  static double[][] blobs() {
    return io.github.meanshift.TestPoints.threeBlobs();
  }

  static Dataset<Row> frame(double[][] x) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(RowFactory.create((long) i, x[i][0], x[i][1]));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("a", DataTypes.DoubleType)
            .add("b", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }

  @ParameterizedTest(name = "{0} h={1} on {2}")
  @CsvSource({
    "gaussian, 0.5, local/exact",
    "flat, 1.2, local/exact",
    "epanechnikov, 1.5, local/exact",
    "triangular, 1.5, local/exact",
    "gaussian, 0.5, local/grid",
    "triangular, 1.5, local/grid",
    "gaussian, 0.5, jvm/grid",
    "epanechnikov, 1.5, jvm/exact",
    "gaussian, 0.5, sql/exact",
    "flat, 1.2, sql/grid",
    "triangular, 1.5, sql/exact",
    "epanechnikov, 1.5, sql/grid"
  })
  void kernelMatchesPlainJavaReference(String kernel, double h, String engine) {
    double[][] x = blobs();
    double[][] expected = ReferenceMeanShift.centers(x, kernel, h, TOL, 1000);
    MeanShiftModel model =
        Engines.use(
                new MeanShift()
                    .setInputCols(new String[] {"a", "b"})
                    .setKernel(kernel)
                    .setBandwidth(h)
                    .setTol(TOL)
                    .setMaxIter(1000),
                engine)
            .fit(frame(x));
    assertEquals(engine, model.summary().engine());
    double[][] actual = model.clusterCenters();
    double tolerance =
        (kernel.equals("gaussian") ? GAUSSIAN_CUTOFF_TOLERANCE_H : CENTER_TOLERANCE_H) * h;
    assertEquals(3, expected.length, "the reference finds the three blobs");
    assertEquals(expected.length, actual.length, "number of clusters");
    for (int k = 0; k < expected.length; k++) {
      assertArrayEquals(expected[k], actual[k], tolerance, "centre " + k);
    }
    int[] labels =
        model.transform(frame(x)).orderBy("id").select("prediction").collectAsList().stream()
            .mapToInt(r -> r.getInt(0))
            .toArray();
    assertArrayEquals(ReferenceMeanShift.labels(x, expected), labels);
  }
}
