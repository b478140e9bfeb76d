package io.github.meanshift.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.meanshift.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The label column (nearest centre, first on ties, -1 beyond the radius) equals a plain loop over
 * the centres written here, from one centre to many, with ties between centres.
 */
class LabelerTest extends SparkTestBase {
  /** Points labelled per case. */
  static final int POINTS = 500;

  /** Radius beyond which a point is an orphan, in the units of the random points. */
  static final double RADIUS = 0.6;

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 32, 33, 150})
  void labelColumnEqualsPlainNearestCentre(int k) {
    Random random = new Random(k);
    double[][] centres = new double[k][3];
    for (double[] c : centres) {
      for (int j = 0; j < 3; j++) {
        c[j] = random.nextInt(5); // on a lattice, so that exact ties between centres occur
      }
    }
    List<Row> rows = new ArrayList<>();
    double[][] points = new double[POINTS][3];
    for (int i = 0; i < POINTS; i++) {
      for (int j = 0; j < 3; j++) {
        // Half the points sit on lattice nodes or half-way between two: ties in distance.
        points[i][j] = i % 2 == 0 ? random.nextInt(9) / 2.0 : random.nextDouble() * 5;
      }
      rows.add(RowFactory.create(i, points[i][0], points[i][1], points[i][2]));
    }
    StructType schema =
        new StructType()
            .add("i", DataTypes.IntegerType)
            .add("a", DataTypes.DoubleType)
            .add("b", DataTypes.DoubleType)
            .add("c", DataTypes.DoubleType);
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    Column[] features = {functions.col("a"), functions.col("b"), functions.col("c")};
    List<Row> out =
        frame
            .select(
                functions.col("i"),
                Labeler.label(features, centres, Double.POSITIVE_INFINITY).as("all"),
                Labeler.label(features, centres, RADIUS).as("near"))
            .orderBy("i")
            .collectAsList();
    for (Row r : out) {
      int i = r.getInt(0);
      assertEquals(nearest(points[i], centres, Double.POSITIVE_INFINITY), r.getInt(1), "" + i);
      assertEquals(nearest(points[i], centres, RADIUS), r.getInt(2), "point " + i);
    }
  }

  /** The rule written out: the first centre at the smallest squared distance, -1 beyond r. */
  private static int nearest(double[] x, double[][] centres, double r) {
    int best = -1;
    double bestD2 = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centres.length; c++) {
      double d2 = 0;
      for (int j = 0; j < x.length; j++) {
        d2 += (x[j] - centres[c][j]) * (x[j] - centres[c][j]);
      }
      if (d2 < bestD2) {
        bestD2 = d2;
        best = c;
      }
    }
    return bestD2 <= r * r ? best : -1;
  }
}
