package io.github.meanshift.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.meanshift.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The nearest centre of many points, by every strategy of {@link NearestCentres} (one expression,
 * the cell join with its full-scan fallback, the full scan) and by {@link CentreIndex}, against a
 * plain loop over all centres: the same label for every point, ties to the lower index, -1 beyond
 * maxDistance. Some points lie far from every centre, so the cell join must fall back.
 */
class NearestCentresTest extends SparkTestBase {
  /** Points per case. */
  static final int POINTS = 1500;

  @ParameterizedTest(name = "{0} centres in {1}-D, cell side {2}, max distance {3}")
  @CsvSource({
    "20, 2, 0.5, Infinity",
    "1000, 2, 0.2, Infinity",
    "1000, 2, 0.2, 0.15",
    "400, 3, 0.5, 0.8",
    "300, 8, 1.0, 2.0",
  })
  void everyStrategyGivesThePlainLoopsLabels(int m, int d, double cellSide, double maxDistance) {
    Random r = new Random(m * 31L + d);
    double[][] centres = new double[m][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = r.nextDouble() * 10;
      }
    }
    centres[m - 1] = centres[m / 2].clone(); // a tie: the lower index wins
    double[][] points = new double[POINTS][d];
    for (int i = 0; i < POINTS; i++) {
      double[] base = i % 10 == 0 ? new double[d] : centres[r.nextInt(m)];
      for (int j = 0; j < d; j++) {
        // a tenth of the points far out (coordinates up to 40): no centre in their cells
        points[i][j] = i % 10 == 0 ? 40 * r.nextDouble() : base[j] + 0.1 * r.nextGaussian();
      }
    }
    int[] expected = new int[POINTS];
    for (int i = 0; i < POINTS; i++) {
      expected[i] = Labeler.nearest(points[i], centres, maxDistance);
    }
    CentreIndex index = new CentreIndex(centres, cellSide);
    int[] inMemory = new int[POINTS];
    for (int i = 0; i < POINTS; i++) {
      inMemory[i] = index.nearest(points[i], maxDistance);
    }
    assertArrayEquals(expected, inMemory, "CentreIndex");

    StructType schema = new StructType().add("id", DataTypes.IntegerType, false);
    for (int j = 0; j < d; j++) {
      schema = schema.add("x" + j, DataTypes.DoubleType, false);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < POINTS; i++) {
      Object[] v = new Object[d + 1];
      v[0] = i;
      for (int j = 0; j < d; j++) {
        v[j + 1] = points[i][j];
      }
      rows.add(RowFactory.create(v));
    }
    Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(3);
    Column[] features = new Column[d];
    for (int j = 0; j < d; j++) {
      features[j] = Columns.named("x" + j);
    }
    // Both routes: the Java loop per partition (a CPU session) and the plans of a session set up
    // for the RAPIDS Accelerator (its SQL switch set: literal tables, cell join, full scan).
    for (boolean gpuPlans : new boolean[] {false, true}) {
      if (gpuPlans) {
        spark.conf().set("spark.rapids.sql.enabled", "true");
      }
      try {
        int[] sql = new int[POINTS];
        Dataset<Row> labelled =
            NearestCentres.assign(df, features, centres, maxDistance, cellSide, "label");
        assertEquals(List.of(df.columns()), List.of(labelled.columns()).subList(0, d + 1));
        List<Row> out = labelled.select("id", "label").collectAsList();
        assertEquals(POINTS, out.size(), "every row once");
        for (Row row : out) {
          sql[row.getInt(0)] = row.getInt(1);
        }
        assertArrayEquals(expected, sql, "NearestCentres, GPU plans " + gpuPlans);
      } finally {
        spark.conf().unset("spark.rapids.sql.enabled");
      }
    }
  }
}
