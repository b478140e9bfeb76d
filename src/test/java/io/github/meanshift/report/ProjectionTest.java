package io.github.meanshift.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Projection}: identity for 1-D and 2-D, distance-preserving PCA for planar 3-D data. */
class ProjectionTest {
  /** Pairwise distances of planar points may change at most this much under the projection. */
  static final double DISTANCE_TOLERANCE = 1e-9;

  /** Tolerance on projected coordinates and variance shares computed in floating point. */
  static final double VALUE_TOLERANCE = 1e-12;

  /** Points on the plane z = x + y in the distance test. */
  static final int PLANE_POINTS = 200;

  private static final String[] XY = {"x", "y"};
  private static final String[] XYZ = {"x", "y", "z"};

  @Test
  void twoDimensionsIsIdentity() {
    double[][] points = {{1.5, -2}, {3, 4}, {-7, 0.25}};
    Projection p = Projection.fit(points);

    assertFalse(p.isPca());
    assertEquals(2, p.dimension());
    double[][] out = p.apply(points);
    for (int i = 0; i < points.length; i++) {
      assertArrayEquals(points[i], out[i], 0.0);
    }
    assertEquals("x", p.xLabel(XY));
    assertEquals("y", p.yLabel(XY));
  }

  @Test
  void oneDimensionPutsZeroOnTheSecondAxis() {
    double[][] points = {{1}, {-2}, {5}};
    Projection p = Projection.fit(points);

    double[][] out = p.apply(points);
    for (int i = 0; i < points.length; i++) {
      assertArrayEquals(new double[] {points[i][0], 0}, out[i], 0.0);
    }
    assertEquals("speed", p.xLabel(new String[] {"speed"}));
    assertEquals(Projection.NO_SECOND_AXIS, p.yLabel(new String[] {"speed"}));
  }

  @Test
  void pcaOfPlanarPointsPreservesDistances() {
    double[][] points = plane(new Random(3));
    Projection p = Projection.fit(points);
    double[][] out = p.apply(points);

    assertTrue(p.isPca());
    for (int i = 0; i < points.length; i++) {
      for (int j = i + 1; j < points.length; j++) {
        assertEquals(
            distance(points[i], points[j]),
            distance(out[i], out[j]),
            DISTANCE_TOLERANCE,
            "distance between points " + i + " and " + j);
      }
    }
    assertEquals(1, p.varianceShare(0) + p.varianceShare(1), VALUE_TOLERANCE);
    assertTrue(p.varianceShare(0) >= p.varianceShare(1));
  }

  @Test
  void axisLabelsGiveTheVarianceShare() {
    // Variance 18/4 along x, 2/4 along y, none along z: 90% and 10%.
    double[][] points = {{3, 0, 0}, {-3, 0, 0}, {0, 1, 0}, {0, -1, 0}};
    Projection p = Projection.fit(points);

    assertEquals(0.9, p.varianceShare(0), VALUE_TOLERANCE);
    assertEquals(0.1, p.varianceShare(1), VALUE_TOLERANCE);
    assertEquals("PC1 (90% var)", p.xLabel(XYZ));
    assertEquals("PC2 (10% var)", p.yLabel(XYZ));
  }

  @Test
  void principalAxesHaveAFixedSign() {
    double[][] points = {{3, 0, 0}, {-3, 0, 0}, {0, 1, 0}, {0, -1, 0}};
    List<double[]> shuffled = new ArrayList<>(List.of(points));
    Collections.shuffle(shuffled, new Random(11));

    for (double[][] data : List.of(points, shuffled.toArray(new double[0][]))) {
      double[][] out = Projection.fit(data).apply(new double[][] {{3, 0, 0}, {0, 1, 0}});
      assertArrayEquals(new double[] {3, 0}, out[0], VALUE_TOLERANCE);
      assertArrayEquals(new double[] {0, 1}, out[1], VALUE_TOLERANCE);
    }
  }

  @Test
  void sameDataGivesSameProjectionInAnyOrder() {
    double[][] points = plane(new Random(5));
    List<double[]> shuffled = new ArrayList<>(List.of(points));
    Collections.shuffle(shuffled, new Random(6));

    double[][] a = Projection.fit(points).apply(points);
    double[][] b = Projection.fit(shuffled.toArray(new double[0][])).apply(points);
    for (int i = 0; i < points.length; i++) {
      assertArrayEquals(a[i], b[i], DISTANCE_TOLERANCE);
    }
  }

  @Test
  void rejectsBadArgumentsWithMessages() {
    assertMessage("at least one point", () -> Projection.fit(new double[0][]));
    assertMessage("at least one dimension", () -> Projection.fit(new double[][] {{}}));
    assertMessage("expected 2", () -> Projection.fit(new double[][] {{1, 2}, {3}}));
    assertMessage("NaN", () -> Projection.fit(new double[][] {{1, Double.NaN}}));
    Projection p = Projection.fit(new double[][] {{1, 2, 3}, {4, 5, 7}, {0, 1, 1}});
    assertMessage("expected 3", () -> p.apply(new double[][] {{1, 2}}));
    assertMessage("one name per dimension", () -> p.xLabel(XY));
    assertMessage("axis must be 0", () -> p.varianceShare(2));
  }

  /** Points with x, y uniform in [-5, 5] and z = x + y exactly. */
  private static double[][] plane(Random random) {
    double[][] points = new double[PLANE_POINTS][];
    for (int i = 0; i < PLANE_POINTS; i++) {
      double x = -5 + 10 * random.nextDouble();
      double y = -5 + 10 * random.nextDouble();
      points[i] = new double[] {x, y, x + y};
    }
    return points;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(expected),
        "message \"" + e.getMessage() + "\" should contain \"" + expected + "\"");
  }
}
