package io.github.meanshift.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JVM loops (no Spark) against a plain double loop over {@link Kernel#weight(double)}: every
 * dimension path (fused two and three features, generic), tiles below the vector threshold and
 * above the tile capacity, exact and grid blocks. With the Vector API module in the test JVM (see
 * {@link #vectorLoopRunsExactlyWhenItsModuleIsPresent}) the same tests check {@link VectorLoops};
 * {@link #everyLoopMatchesThePlainLoop} runs each kind of loop directly, so that both the
 * auto-vectorised and (with the module) the Vector API loops run in either JVM.
 */
class ShiftLoopsTest {
  /** The polynomial Gaussian against {@code StrictMath.exp}, relative. */
  static final double GAUSSIAN_POLY_TOLERANCE = 5e-14;

  /** Sums of a few hundred terms, each within the polynomial's error: relative to the scale. */
  static final double SUM_TOLERANCE = 1e-11;

  static final double BANDWIDTH = 0.6;

  @Test
  void gaussianPolynomialMatchesExp() {
    for (int i = 0; i <= 100_000; i++) {
      double u = ShiftLoops.GAUSSIAN_MAX_U * i / 100_000;
      double expected = StrictMath.exp(-0.5 * u);
      assertEquals(expected, ShiftLoops.gaussian(u), GAUSSIAN_POLY_TOLERANCE * expected, "u=" + u);
    }
  }

  @Test
  void stepIsExactAtTheBoundary() {
    assertEquals(1.0, ShiftLoops.step(0.0));
    assertEquals(1.0, ShiftLoops.step(Math.ulp(1.0)));
    assertEquals(0.0, ShiftLoops.step(1.0 - (1.0 + Math.ulp(1.0))));
    assertEquals(1.0, ShiftLoops.step(1.0 - Math.nextDown(1.0)));
    assertEquals(0.0, ShiftLoops.step(ShiftLoops.GAUSSIAN_MAX_U - Math.nextUp(20.25)));
    assertEquals(0.0, ShiftLoops.step(-1e280));
    assertEquals(1.0, ShiftLoops.step(1e280));
    assertEquals(0.0, ShiftLoops.relu(-3.5));
    assertEquals(2.5, ShiftLoops.relu(2.5));
  }

  @ParameterizedTest
  @EnumSource(Kernel.class)
  void everyPathMatchesThePlainLoop(Kernel kernel) {
    for (int d : new int[] {1, 2, 3, 4, 5, 6, 16}) {
      double[][] x = uniform(300, d, 4.0, 10 + d);
      double[] w = weights(x.length, 20 + d);
      for (int m : new int[] {3, 40, 700}) {
        double[][] seeds = seedsFrom(x, m, 30 + d);
        ShiftSums expected = reference(x, w, seeds, kernel, BANDWIDTH);
        for (boolean grid : new boolean[] {false, true}) {
          ShiftSums actual = pass(x, w, seeds, kernel, BANDWIDTH, grid);
          assertSums(
              expected, actual, BANDWIDTH, SUM_TOLERANCE, "d=" + d + " m=" + m + " grid=" + grid);
        }
      }
    }
  }

  /** Tile sizes of {@link #everyLoopMatchesThePlainLoop}: scalar, a partial vector, a full tile. */
  static final int[] TILE_SIZES = {1, ShiftLoops.MIN_VECTOR_SEEDS - 1, 37, -1};

  /**
   * Each kind of loop run directly on tiles (not through {@link ShiftLoops#run}'s choice) against
   * the plain loop: the scalar loop of small tiles, the auto-vectorised loops and, when the JVM has
   * the Vector API module, the Vector API loops, for the fused two- and three-feature loops and the
   * generic one (1, 4, 5 and 16 features), over two ranges of points with a gap.
   */
  @ParameterizedTest
  @EnumSource(Kernel.class)
  void everyLoopMatchesThePlainLoop(Kernel kernel) {
    for (int d : new int[] {1, 2, 3, 4, 5, 16}) {
      double[][] x = clustered(300, d, 70 + d);
      double[] w = weights(x.length, 80 + d);
      int[] ranges = {0, 110, 150, 300};
      double[][] inRanges = new double[260][];
      double[] wInRanges = new double[260];
      for (int i = 0, k = 0; i < x.length; i++) {
        if (i < 110 || i >= 150) {
          inRanges[k] = x[i];
          wInRanges[k++] = w[i];
        }
      }
      for (int size : TILE_SIZES) {
        SeedTile tile = new SeedTile(d);
        int m = size < 0 ? tile.capacity : size;
        double[][] seeds = seedsFrom(x, m, 90 + d + m);
        ShiftSums expected = reference(inRanges, wInRanges, seeds, kernel, BANDWIDTH);
        String what = kernel + " d=" + d + " seeds=" + m;
        assertSums(
            expected,
            onTile(tile, x, w, ranges, seeds, kernel, false),
            BANDWIDTH,
            SUM_TOLERANCE,
            what + (m < ShiftLoops.MIN_VECTOR_SEEDS ? " scalar" : " auto-vectorised"));
        if (vectorModule()) {
          assertSums(
              expected,
              onTile(tile, x, w, ranges, seeds, kernel, true),
              BANDWIDTH,
              SUM_TOLERANCE,
              what + " Vector API");
        }
      }
    }
  }

  /** The Vector API loops run, so that a build with the module tests them for certain. */
  @ParameterizedTest
  @EnumSource(Kernel.class)
  void vectorLoopsRunWithTheirModule(Kernel kernel) {
    assumeTrue(vectorModule(), "no jdk.incubator.vector in this JVM");
    for (int d : new int[] {2, 3, 5}) {
      SeedTile tile = new SeedTile(d);
      tile.load(new double[8 * d], null, 0, 8);
      double[][] cols = new double[d][1];
      assertTrue(
          ShiftLoops.vector(kernel).run(cols, new double[] {1.0}, new int[] {0, 1}, 2, tile, 1.0),
          "d=" + d);
      assertEquals(1.0, tile.weight[0], "d=" + d + ": a point on the seed has weight 1");
      assertEquals(1.0, tile.support[0], "d=" + d);
    }
  }

  static boolean vectorModule() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /**
   * The sums of {@code seeds}, loaded into {@code tile}, over the points of {@code ranges}, from
   * the auto-vectorised loops (the scalar one for small tiles) or the Vector API ones.
   */
  static ShiftSums onTile(
      SeedTile tile,
      double[][] x,
      double[] w,
      int[] ranges,
      double[][] seeds,
      Kernel kernel,
      boolean vectorApi) {
    int d = tile.dim;
    double[][] cols = new double[d][x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        cols[j][i] = x[i][j];
      }
    }
    double[] flat = new double[seeds.length * d];
    for (int i = 0; i < seeds.length; i++) {
      System.arraycopy(seeds[i], 0, flat, i * d, d);
    }
    tile.load(flat, null, 0, seeds.length);
    double inv = 1.0 / (BANDWIDTH * BANDWIDTH);
    ShiftLoops.TileLoops loops = vectorApi ? ShiftLoops.vector(kernel) : ShiftLoops.tiled(kernel);
    assertTrue(loops.run(cols, w, ranges, ranges.length, tile, inv), "the loops ran the tile");
    PartialSums out = new PartialSums(seeds.length, d);
    tile.addTo(out);
    return out.toShiftSums();
  }

  /**
   * Points in a few tight clusters (so that many pairs are within every kernel's reach, in any
   * dimension) and, one in three, spread over the whole range (so that many are not).
   */
  static double[][] clustered(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] centres = uniform(6, d, 4.0, seed + 1);
    double spread = 0.4 * BANDWIDTH / Math.sqrt(d);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] c = centres[r.nextInt(centres.length)];
      for (int j = 0; j < d; j++) {
        x[i][j] = i % 3 == 0 ? 4.0 * r.nextDouble() : c[j] + spread * r.nextGaussian();
      }
    }
    return x;
  }

  @ParameterizedTest
  @EnumSource(Kernel.class)
  void gridMatchesExactAndFarSeedsGetNothing(Kernel kernel) {
    for (int d : new int[] {2, 5}) {
      double[][] x = uniform(400, d, 6.0, 40 + d);
      double[] w = weights(x.length, 50 + d);
      double[][] seeds = withFarSeeds(seedsFrom(x, 60, 60 + d));
      ShiftSums exact = pass(x, w, seeds, kernel, BANDWIDTH, false);
      ShiftSums grid = pass(x, w, seeds, kernel, BANDWIDTH, true);
      assertSums(exact, grid, BANDWIDTH, SUM_TOLERANCE, "d=" + d);
      assertFarSeedsGetNothing(grid, FAR_SEEDS, "d=" + d);
    }
  }

  @ParameterizedTest
  @EnumSource(Kernel.class)
  void aPointOfWeightThreeEqualsThreeCopies(Kernel kernel) {
    double[][] x = uniform(60, 2, 2.0, 7);
    double[][][] twin = weightedTwin(x, new int[] {5, 17});
    double[][] seeds = {x[5].clone(), x[17].clone(), x[30].clone(), {1.0, 1.0}};
    for (boolean grid : new boolean[] {false, true}) {
      assertSums(
          pass(twin[0], twin[1][0], seeds, kernel, BANDWIDTH, grid),
          pass(x, twin[2][0], seeds, kernel, BANDWIDTH, grid),
          BANDWIDTH,
          SUM_TOLERANCE,
          "grid=" + grid);
    }
  }

  /**
   * Run with {@code -Dsurefire.extraArgLine="--add-modules jdk.incubator.vector"}, every test of
   * this class goes through {@link VectorLoops} instead.
   */
  @Test
  void vectorLoopRunsExactlyWhenItsModuleIsPresent() {
    assertEquals(
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty(ShiftLoops.VECTOR_PROPERTY)),
        ShiftLoops.VECTOR);
  }

  @Test
  void seedTileRejectsOverflow() {
    SeedTile t = new SeedTile(2, 8);
    assertThrows(IllegalArgumentException.class, () -> t.load(new double[40], null, 0, 20));
  }

  // ---- helpers shared with the other tests of this package ----------------------------------

  /** Seeds appended by {@link #withFarSeeds}. */
  static final int FAR_SEEDS = 3;

  /** {@code seeds} followed by {@link #FAR_SEEDS} seeds far from every point. */
  static double[][] withFarSeeds(double[][] seeds) {
    int d = seeds[0].length;
    double[][] out = java.util.Arrays.copyOf(seeds, seeds.length + FAR_SEEDS);
    for (int f = 0; f < FAR_SEEDS; f++) {
      out[seeds.length + f] = new double[d];
      java.util.Arrays.fill(out[seeds.length + f], 1000.0 * (f + 1) * (f % 2 == 0 ? 1 : -1));
    }
    return out;
  }

  /** The last {@code far} seeds have no weight, support or offset at all. */
  static void assertFarSeedsGetNothing(ShiftSums sums, int far, String what) {
    for (int s = sums.seeds() - far; s < sums.seeds(); s++) {
      assertEquals(0.0, sums.weight(s), what + ": far seed " + s + " weight");
      assertEquals(0.0, sums.support(s), what + ": far seed " + s + " support");
      for (int j = 0; j < sums.dim(); j++) {
        assertEquals(0.0, sums.offset(s, j), what + ": far seed " + s + " offset");
      }
    }
  }

  /**
   * Two views of the same weighted data: {@code [0]} the points with each point of {@code heavy}
   * repeated three times, {@code [1][0]} their unit weights, {@code [2][0]} the weights of {@code
   * x} itself with 3 at {@code heavy} and 1 elsewhere.
   */
  static double[][][] weightedTwin(double[][] x, int[] heavy) {
    double[] weighted = new double[x.length];
    java.util.Arrays.fill(weighted, 1.0);
    java.util.List<double[]> copies = new java.util.ArrayList<>(java.util.Arrays.asList(x));
    for (int i : heavy) {
      weighted[i] = 3.0;
      copies.add(x[i].clone());
      copies.add(x[i].clone());
    }
    double[][] xc = copies.toArray(new double[0][]);
    double[] ones = new double[xc.length];
    java.util.Arrays.fill(ones, 1.0);
    return new double[][][] {xc, {ones}, {weighted}};
  }

  static double[][] uniform(int n, int d, double range, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = range * r.nextDouble();
      }
    }
    return x;
  }

  static double[] weights(int n, long seed) {
    Random r = new Random(seed);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + r.nextInt(3);
    }
    return w;
  }

  /** Every third seed a data point, the others random positions around the data. */
  static double[][] seedsFrom(double[][] x, int m, long seed) {
    Random r = new Random(seed);
    int d = x[0].length;
    double[][] s = new double[m][];
    for (int i = 0; i < m; i++) {
      if (i % 3 == 0) {
        s[i] = x[r.nextInt(x.length)].clone();
      } else {
        s[i] = new double[d];
        for (int j = 0; j < d; j++) {
          s[i][j] = 5.0 * r.nextDouble() - 0.5;
        }
      }
    }
    return s;
  }

  static ShiftSums pass(
      double[][] x, double[] w, double[][] seeds, Kernel kernel, double h, boolean grid) {
    int n = x.length;
    int d = x[0].length;
    double[][] cols = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        cols[j][i] = x[i][j];
      }
    }
    double side = grid ? JvmShiftEngine.cellSide(kernel, h) : Double.NaN;
    PointBlock block = PointBlock.of(cols, w, n, side);
    double[] flat = new double[seeds.length * d];
    for (int i = 0; i < seeds.length; i++) {
      System.arraycopy(seeds[i], 0, flat, i * d, d);
    }
    return block.pass(flat, seeds.length, kernel, h).toShiftSums();
  }

  /** The definition: a double loop over {@link Kernel#weight(double)}. */
  static ShiftSums reference(double[][] x, double[] w, double[][] seeds, Kernel kernel, double h) {
    int d = x[0].length;
    double inv = 1.0 / (h * h);
    ShiftSums out = new ShiftSums(seeds.length, d);
    double[] off = new double[d];
    for (int s = 0; s < seeds.length; s++) {
      double sw = 0;
      double sp = 0;
      java.util.Arrays.fill(off, 0);
      for (int i = 0; i < x.length; i++) {
        double d2 = 0;
        for (int j = 0; j < d; j++) {
          double dx = x[i][j] - seeds[s][j];
          d2 += dx * dx;
        }
        double u = d2 * inv;
        double k = w[i] * kernel.weight(u);
        sw += k;
        for (int j = 0; j < d; j++) {
          off[j] += k * (x[i][j] - seeds[s][j]);
        }
        if (u <= 1.0) {
          sp += w[i];
        }
      }
      out.add(s, sw, off, sp);
    }
    return out;
  }

  /**
   * Weights and supports relative to themselves, offsets relative to {@code weight·h} (an offset is
   * a weighted sum of differences within the kernel's reach, and may cancel to about 0).
   */
  static void assertSums(
      ShiftSums expected, ShiftSums actual, double h, double tolerance, String what) {
    assertEquals(expected.seeds(), actual.seeds(), what + ": seeds");
    for (int s = 0; s < expected.seeds(); s++) {
      double w = expected.weight(s);
      assertEquals(w, actual.weight(s), tolerance * Math.abs(w), what + " weight " + s);
      assertEquals(
          expected.support(s),
          actual.support(s),
          tolerance * Math.abs(expected.support(s)),
          what + " support " + s);
      double scale = Math.abs(w) * Kernel.GAUSSIAN_CUTOFF * h;
      for (int j = 0; j < expected.dim(); j++) {
        assertEquals(
            expected.offset(s, j),
            actual.offset(s, j),
            tolerance * scale,
            what + " offset " + s + "," + j);
      }
    }
  }
}
