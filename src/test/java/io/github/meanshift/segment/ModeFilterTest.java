package io.github.meanshift.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.shift.Kernel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mean-shift filtering against a plain climb written here from the definition (every pixel of the
 * picture tested against the window, weights from the kernel), the halo's sufficiency, and the
 * speed-up's independence from threads.
 */
class ModeFilterTest {
  /** Weighted kernels sum in another order than the reference: at most this share may differ. */
  static final double MAX_DIFFERING_SHARE = 0.01;

  /** ...and then by at most this much in any coordinate or channel (one rounding step). */
  static final int MAX_DIFFERENCE = 1;

  static final SyntheticScene SCENE = SyntheticScene.parse("shapes:48x40:noise=9");

  @ParameterizedTest
  @EnumSource(
      value = Kernel.class,
      names = {"FLAT", "EPANECHNIKOV", "GAUSSIAN"})
  void everyPixelClimbsToThePlainClimbsMode(Kernel kernel) {
    SegmentParams p =
        new SegmentParams(kernel == Kernel.GAUSSIAN ? 2 : 5, 20, kernel, 8, 0.1, 0, false);
    Raster picture = SCENE.raster();
    Modes modes = ModeFilter.filter(picture, picture.area(), p, true);
    int w = SCENE.width();
    int differing = 0;
    for (int y = 0; y < SCENE.height(); y++) {
      for (int x = 0; x < w; x++) {
        int[] expected = plainClimb(picture, x, y, p);
        int[] actual = {
          modes.x(x, y),
          modes.y(x, y),
          (modes.rgb(x, y) >> 16) & 0xFF,
          (modes.rgb(x, y) >> 8) & 0xFF,
          modes.rgb(x, y) & 0xFF
        };
        if (!Arrays.equals(expected, actual)) {
          differing++;
          for (int c = 0; c < 5; c++) {
            assertTrue(
                Math.abs(expected[c] - actual[c]) <= MAX_DIFFERENCE,
                "pixel ("
                    + x
                    + ", "
                    + y
                    + "): "
                    + Arrays.toString(expected)
                    + " vs "
                    + Arrays.toString(actual));
          }
        }
      }
    }
    double share = (double) differing / (w * SCENE.height());
    if (kernel == Kernel.FLAT) {
      assertEquals(0, differing, "integer sums: exactly the plain climb");
    } else {
      assertTrue(share <= MAX_DIFFERING_SHARE, "share of pixels off by a rounding: " + share);
    }
  }

  @Test
  void aCoreFilteredWithItsHaloHasTheWholePicturesModes() {
    SyntheticScene scene = SyntheticScene.parse("gradients:160x128:noise=8");
    SegmentParams p = new SegmentParams(5, 14, Kernel.FLAT, 12, 0.0, 0, true);
    Raster whole = scene.raster();
    Modes all = ModeFilter.filter(whole, whole.area(), p, true);
    Rect core = new Rect(64, 32, 64, 64);
    Rect withHalo = core.grow(p.halo(), whole.area());
    Modes tile = ModeFilter.filter(scene.raster(withHalo), core, p, false);
    assertModesEqual(all, tile, core, true);
    // Without the halo the climbs near the core's edge see less of the picture: some differ.
    Modes cut = ModeFilter.filter(scene.raster(core), core, p, false);
    assertModesEqual(all, cut, core, false);
  }

  @Test
  void theSpeedUpGivesTheSameModesOnAnyNumberOfThreads() {
    SyntheticScene scene = SyntheticScene.parse("textures:128x96");
    SegmentParams p = SegmentParams.defaults();
    Raster r = scene.raster();
    Modes one = ModeFilter.filter(r, r.area(), p, false);
    Modes many = ModeFilter.filter(r, r.area(), p, true);
    assertModesEqual(one, many, r.area(), true);
    long captured = 0;
    for (byte s : many.steps) {
      captured += s == 0 ? 1 : 0;
    }
    assertTrue(
        captured > r.area().pixels() / 2, "most pixels are captured, not climbed: " + captured);
  }

  @Test
  void aCoreOffTheBlockGridIsRefused() {
    Raster r = SCENE.raster();
    assertFalse(
        catches(
            () -> ModeFilter.filter(r, new Rect(0, 0, 48, 40), SegmentParams.defaults(), false)));
    assertTrue(
        catches(
            () -> ModeFilter.filter(r, new Rect(3, 0, 20, 20), SegmentParams.defaults(), false)));
  }

  private static boolean catches(Runnable r) {
    try {
      r.run();
      return false;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private static void assertModesEqual(Modes expected, Modes actual, Rect core, boolean equal) {
    boolean same = true;
    for (int y = core.y(); y < core.bottom(); y++) {
      for (int x = core.x(); x < core.right(); x++) {
        same &=
            expected.x(x, y) == actual.x(x, y)
                && expected.y(x, y) == actual.y(x, y)
                && expected.rgb(x, y) == actual.rgb(x, y);
      }
    }
    assertEquals(equal, same, equal ? "modes differ" : "modes should differ somewhere");
  }

  /**
   * The climb from pixel (px, py), from the definition: every pixel of the picture weighs
   * k(ds²/hs²)·k(dr²/hr²) from the state; the state moves to the rounded weighted mean (half up)
   * until it moves at most tol joint units or after maxIter steps.
   */
  static int[] plainClimb(Raster picture, int px, int py, SegmentParams p) {
    Kernel k = p.kernel();
    double hs = p.spatialBandwidth();
    double hr = p.rangeBandwidth();
    int[] s = {px, py, r(picture.rgb(px, py)), g(picture.rgb(px, py)), b(picture.rgb(px, py))};
    Rect a = picture.area();
    for (int step = 0; step < p.maxIter(); step++) {
      double n = 0;
      double[] sum = new double[5];
      for (int y = a.y(); y < a.bottom(); y++) {
        for (int x = a.x(); x < a.right(); x++) {
          double ds2 = (double) (x - s[0]) * (x - s[0]) + (double) (y - s[1]) * (y - s[1]);
          int c = picture.rgb(x, y);
          double dr2 = sq(r(c) - s[2]) + sq(g(c) - s[3]) + sq(b(c) - s[4]);
          double wt = k.weight(ds2 / (hs * hs)) * k.weight(dr2 / (hr * hr));
          n += wt;
          sum[0] += wt * (x - s[0]);
          sum[1] += wt * (y - s[1]);
          sum[2] += wt * r(c);
          sum[3] += wt * g(c);
          sum[4] += wt * b(c);
        }
      }
      if (n == 0) {
        break;
      }
      int[] next = {
        s[0] + (int) Math.floor(sum[0] / n + 0.5),
        s[1] + (int) Math.floor(sum[1] / n + 0.5),
        (int) Math.floor(sum[2] / n + 0.5),
        (int) Math.floor(sum[3] / n + 0.5),
        (int) Math.floor(sum[4] / n + 0.5)
      };
      double shift2 =
          (sq(next[0] - s[0]) + sq(next[1] - s[1])) / (hs * hs)
              + (sq(next[2] - s[2]) + sq(next[3] - s[3]) + sq(next[4] - s[4])) / (hr * hr);
      s = next;
      if (shift2 <= p.tol() * p.tol()) {
        break;
      }
    }
    return s;
  }

  private static double sq(double v) {
    return v * v;
  }

  private static int r(int c) {
    return (c >> 16) & 0xFF;
  }

  private static int g(int c) {
    return (c >> 8) & 0xFF;
  }

  private static int b(int c) {
    return c & 0xFF;
  }
}
