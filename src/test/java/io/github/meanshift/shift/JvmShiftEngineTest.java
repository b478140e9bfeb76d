package io.github.meanshift.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import io.github.meanshift.common.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JVM engine on Spark against the SQL engine, and its grid against its exact pass. */
class JvmShiftEngineTest extends SparkTestBase {
  /** JVM and SQL sums differ by summation order and the polynomial Gaussian (relative 2e-14). */
  static final double ENGINE_TOLERANCE = 1e-9;

  /**
   * Convergence tolerance of the end-to-end runs. Both engines take the same steps up to rounding,
   * so they stop at the same iteration unless a shift lands within rounding of {@code tol·h}.
   */
  static final double TOL = 1e-4;

  /** Passes of the end-to-end runs (each is a Spark job on the SQL side). */
  static final int MAX_ITER = 12;

  /** Modes of the end-to-end runs agree to this fraction of h (they follow the same path). */
  static final double MODE_TOLERANCE_H = 1e-9;

  static final double H = 0.5;

  static final Kernel GAUSS = Kernel.GAUSSIAN;

  /** No pair-count bound that matters for the SQL engine at these sizes. */
  static final long MAX_PAIRS = 100_000_000L;

  @Test
  void exactAndGridMatchTheSqlEngine() {
    double[][] x = ShiftLoopsTest.uniform(300, 2, 4.0, 1);
    double[] w = ShiftLoopsTest.weights(x.length, 2);
    double[][] seeds = ShiftLoopsTest.seedsFrom(x, 100, 3);
    PointSet points = pointSet(x, w, 3);
    for (Kernel kernel : Kernel.values()) {
      ShiftSums expected = new SqlShiftEngine(points, kernel, H, MAX_PAIRS).sums(seeds);
      for (boolean grid : new boolean[] {false, true}) {
        try (JvmShiftEngine engine = new JvmShiftEngine(points, kernel, H, grid)) {
          assertEquals(grid ? "jvm/grid" : "jvm/exact", engine.name());
          ShiftLoopsTest.assertSums(
              expected, engine.sums(seeds), H, ENGINE_TOLERANCE, kernel + " " + engine.name());
        }
      }
    }
  }

  /** The full kernel × dimension matrix runs without Spark in {@link ShiftLoopsTest}. */
  @Test
  void gridMatchesExactIn2dAnd5dOnBothEnginesAndFarSeedsGetNothing() {
    for (int d : new int[] {2, 5}) {
      double[][] x = ShiftLoopsTest.uniform(400, d, 6.0, 10 + d);
      double[] w = ShiftLoopsTest.weights(x.length, 20 + d);
      double[][] seeds = ShiftLoopsTest.withFarSeeds(ShiftLoopsTest.seedsFrom(x, 60, 30 + d));
      PointSet points = pointSet(x, w, 2);
      for (Kernel kernel : new Kernel[] {Kernel.GAUSSIAN, Kernel.FLAT}) {
        try (JvmShiftEngine exact = new JvmShiftEngine(points, kernel, H, false);
            JvmShiftEngine grid = new JvmShiftEngine(points, kernel, H, true)) {
          ShiftSums e = exact.sums(seeds);
          ShiftSums g = grid.sums(seeds);
          ShiftSums sqlGrid = SqlShiftEngine.grid(points, kernel, H, MAX_PAIRS).sums(seeds);
          String what = "d=" + d + " " + kernel;
          ShiftLoopsTest.assertSums(e, g, H, ENGINE_TOLERANCE, what);
          ShiftLoopsTest.assertSums(e, sqlGrid, H, ENGINE_TOLERANCE, what + " (SQL grid join)");
          ShiftLoopsTest.assertFarSeedsGetNothing(g, ShiftLoopsTest.FAR_SEEDS, what);
          ShiftLoopsTest.assertFarSeedsGetNothing(sqlGrid, ShiftLoopsTest.FAR_SEEDS, what + " SQL");
          assertTrue(e.weight(0) > 0, what + ": a seed on a data point has weight");
        }
      }
    }
  }

  /** All kernels run without Spark in {@link ShiftLoopsTest}. */
  @Test
  void aPointOfWeightThreeEqualsThreeCopies() {
    double[][] x = ShiftLoopsTest.uniform(60, 2, 2.0, 7);
    double[][][] twin = ShiftLoopsTest.weightedTwin(x, new int[] {5, 17});
    double[][] seeds = {x[5].clone(), x[17].clone(), x[30].clone(), {1.0, 1.0}};
    for (boolean grid : new boolean[] {false, true}) {
      try (JvmShiftEngine a = new JvmShiftEngine(pointSet(x, twin[2][0], 2), GAUSS, H, grid);
          JvmShiftEngine b = new JvmShiftEngine(pointSet(twin[0], twin[1][0], 2), GAUSS, H, grid)) {
        ShiftLoopsTest.assertSums(
            b.sums(seeds), a.sums(seeds), H, ENGINE_TOLERANCE, "grid=" + grid);
      }
    }
  }

  @Test
  void emptyPartitionsAndZeroWeightsAreFine() {
    double[][] x = {{0.0, 0.0}, {0.3, 0.1}, {5.0, 5.0}, {0.1, 0.2}};
    double[] w = {1.0, 2.0, 1.0, 0.0};
    PointSet points = pointSet(x, w, 8);
    double[][] seeds = {{0.0, 0.0}, {5.0, 5.1}, {-20.0, 3.0}};
    ShiftSums expected = new SqlShiftEngine(points, Kernel.GAUSSIAN, H, MAX_PAIRS).sums(seeds);
    for (boolean grid : new boolean[] {false, true}) {
      try (JvmShiftEngine engine = new JvmShiftEngine(points, Kernel.GAUSSIAN, H, grid)) {
        ShiftLoopsTest.assertSums(
            expected, engine.sums(seeds), H, ENGINE_TOLERANCE, "grid=" + grid);
        assertEquals(0, engine.sums(new double[0][]).seeds(), "no seeds, no sums");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Kernel.class,
      names = {"GAUSSIAN", "FLAT"})
  void endToEndModesMatchTheSqlEngine(Kernel kernel) {
    double[][] x = blobs();
    double[] w = new double[x.length];
    java.util.Arrays.fill(w, 1.0);
    PointSet points = pointSet(x, w, 2);
    double[][] seeds = new double[15][];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = x[i * 10].clone();
    }
    double h = kernel == Kernel.GAUSSIAN ? 0.5 : 1.2;
    StandardMeanShift.Result expected =
        StandardMeanShift.run(
            new SqlShiftEngine(points, kernel, h, MAX_PAIRS), seeds, h, TOL, MAX_ITER, s -> {});
    for (boolean grid : new boolean[] {false, true}) {
      try (JvmShiftEngine engine = new JvmShiftEngine(points, kernel, h, grid)) {
        StandardMeanShift.Result actual =
            StandardMeanShift.run(engine, seeds, h, TOL, MAX_ITER, s -> {});
        for (int i = 0; i < seeds.length; i++) {
          assertArrayEquals(
              expected.modes()[i],
              actual.modes()[i],
              MODE_TOLERANCE_H * h,
              engine.name() + " mode " + i);
        }
        assertArrayEquals(
            expected.support(), actual.support(), ENGINE_TOLERANCE, engine.name() + " support");
      }
    }
  }

  @Test
  void badArgumentsAreRejected() {
    PointSet points = pointSet(new double[][] {{0, 0}, {1, 1}}, new double[] {1, 1}, 1);
    assertThrows(
        IllegalArgumentException.class, () -> new JvmShiftEngine(points, Kernel.FLAT, 0, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new JvmShiftEngine(points, Kernel.FLAT, Double.NaN, false));
    assertThrows(IllegalArgumentException.class, () -> new JvmShiftEngine(points, null, 1, true));
    JvmShiftEngine engine = new JvmShiftEngine(points, Kernel.FLAT, 1, true);
    assertThrows(IllegalArgumentException.class, () -> engine.sums(new double[][] {{1, 2, 3}}));
    assertThrows(IllegalArgumentException.class, () -> engine.sums(null));
    assertThrows(
        IllegalArgumentException.class, () -> engine.sums(new double[][] {{1, Double.NaN}}));
    assertThrows(IllegalArgumentException.class, () -> engine.sums(new double[][] {{1, 1e200}}));
    engine.close();
    engine.close();
    assertThrows(IllegalStateException.class, () -> engine.sums(new double[][] {{1, 2}}));
  }

  @Test
  void neighbourFractionCountsAdjacentCells() {
    double[][] twoClusters = new double[100][];
    Random r = new Random(4);
    for (int i = 0; i < 100; i++) {
      double c = i < 50 ? 0 : 100;
      twoClusters[i] = new double[] {c + 0.1 * r.nextDouble(), c + 0.1 * r.nextDouble()};
    }
    assertEquals(0.5, JvmShiftEngine.neighbourFraction(twoClusters, 1.0), 1e-12);
    assertEquals(1.0, JvmShiftEngine.neighbourFraction(twoClusters, 1000.0), 1e-12);
    double[][] spread = ShiftLoopsTest.uniform(200, 8, 10.0, 5);
    double f = JvmShiftEngine.neighbourFraction(spread, 0.5);
    assertTrue(f > 0 && f < 0.05, "8-D points far apart: about 1/n each, got " + f);
    assertThrows(IllegalArgumentException.class, () -> JvmShiftEngine.neighbourFraction(spread, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> JvmShiftEngine.neighbourFraction(new double[][] {{1, 2}, {1}}, 1));
  }

  // ---- helpers --------------------------------------------------------------------------------

  static double[][] blobs() {
    return io.github.meanshift.TestPoints.threeBlobs();
  }

  /** A point set of the internal columns, in {@code partitions} partitions. */
  static PointSet pointSet(double[][] x, double[] w, int partitions) {
    int d = x[0].length;
    StructType schema = new StructType().add(Columns.PID, DataTypes.LongType, false);
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      schema = schema.add(Columns.feature(j), DataTypes.DoubleType, false);
      names[j] = "x" + j;
    }
    schema = schema.add(Columns.WEIGHT, DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      Object[] v = new Object[d + 2];
      v[0] = (long) i;
      for (int j = 0; j < d; j++) {
        v[j + 1] = x[i][j];
      }
      v[d + 1] = w[i];
      rows.add(RowFactory.create(v));
    }
    Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(partitions);
    return new PointSet(df, names, PointStats.compute(df, names, "weight"));
  }
}
