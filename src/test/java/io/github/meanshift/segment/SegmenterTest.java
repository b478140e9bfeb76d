package io.github.meanshift.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.common.Agreement;
import io.github.meanshift.ml.ClusteringMetrics;
import io.github.meanshift.shift.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The segmentation finds the known regions of synthetic pictures: flat shapes on a graded
 * background, shaded regions, textures, two noise levels, the four quadrants; with and without the
 * speed-up.
 */
class SegmenterTest {
  /** Least agreement with the known regions (adjusted Rand index). */
  static final double MIN_ARI = 0.95;

  /** Noisier pictures need a wider range window: hr about 2.5 times the noise's deviation. */
  @ParameterizedTest
  @CsvSource({
    "shapes:256x256, 16",
    "shapes:256x256:noise=14, 24",
    "shapes:256x256:noise=20, 32",
    "gradients:256x256, 16",
    "textures:256x256, 16",
  })
  void syntheticPicturesAreSegmentedIntoTheirRegions(String spec, double hr) {
    SyntheticScene scene = SyntheticScene.parse(spec);
    for (boolean basin : new boolean[] {true, false}) {
      SegmentParams p =
          new SegmentParams(
              SegmentParams.DEFAULT_SPATIAL_BANDWIDTH,
              hr,
              Kernel.FLAT,
              SegmentParams.DEFAULT_MAX_ITER,
              SegmentParams.DEFAULT_TOL,
              SegmentParams.DEFAULT_MIN_REGION,
              basin);
      Raster r = scene.raster();
      Regions regions = Segmenter.segment(r, p, true);
      double ari = ari(scene.regionsOf(r.area()), regions.labels());
      assertTrue(ari >= MIN_ARI, spec + (basin ? " basin" : " none") + ": ARI " + ari);
      assertTrue(regions.count() >= scene.regions(), spec + ": " + regions.count() + " regions");
    }
  }

  @Test
  void theFourQuadrantsAreFourRegions() {
    SyntheticImage four = SyntheticImage.fourRegions(96, 64, SyntheticImage.DEFAULT_NOISE, 42);
    Regions regions = Segmenter.segment(Raster.of(four.image()), SegmentParams.defaults(), true);
    assertEquals(4, regions.count());
    assertEquals(1.0, ari(four.regions(), regions.labels()), 1e-12);
  }

  @Test
  void regionsAreNumberedInRasterOrderAndPaintedWithTheirMeanColour() {
    SyntheticScene scene = SyntheticScene.parse("shapes:96x80");
    Raster r = scene.raster();
    Regions regions = Segmenter.segment(r, SegmentParams.defaults(), false);
    int[] labels = regions.labels();
    int next = 0;
    long[][] sums = new long[regions.count()][4];
    for (int i = 0; i < labels.length; i++) {
      assertTrue(labels[i] <= next, "first seen in raster order");
      next = Math.max(next, labels[i] + 1);
      int c = r.rgb(i % 96, i / 96);
      sums[labels[i]][0] += (c >> 16) & 0xFF;
      sums[labels[i]][1] += (c >> 8) & 0xFF;
      sums[labels[i]][2] += c & 0xFF;
      sums[labels[i]][3]++;
    }
    int[] colours = regions.colours();
    for (int k = 0; k < regions.count(); k++) {
      assertEquals(sums[k][3], regions.sizes()[k]);
      for (int c = 0; c < 3; c++) {
        double mean = (double) sums[k][c] / sums[k][3];
        int painted = (colours[k] >> (16 - 8 * c)) & 0xFF;
        assertTrue(Math.abs(painted - mean) <= 0.5, "region " + k + " channel " + c);
      }
      assertTrue(regions.sizes()[k] >= SegmentParams.DEFAULT_MIN_REGION, "pruned");
    }
  }

  static double ari(int[] truth, int[] labels) {
    return ClusteringMetrics.of(Agreement.contingency(truth, labels)).ari();
  }
}
