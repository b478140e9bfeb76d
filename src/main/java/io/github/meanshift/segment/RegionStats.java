package io.github.meanshift.segment;

import java.io.Serializable;

/**
 * Per-region sums that merge exactly: pixel count, sums of the original and of the mode colours,
 * and the first pixel in raster order ({@code y · width + x} of the picture). Integer sums, so a
 * region's mean is the same however its pixels were split between tiles.
 */
final class RegionStats implements Serializable {
  private static final long serialVersionUID = 1L;

  final long[] size;
  final long[] colour;
  final long[] mode;
  final long[] first;

  RegionStats(int n) {
    size = new long[n];
    colour = new long[3 * n];
    mode = new long[3 * n];
    first = new long[n];
    java.util.Arrays.fill(first, Long.MAX_VALUE);
  }

  int count() {
    return size.length;
  }

  /** Adds one pixel of packed colour {@code rgb} and mode colour {@code modeRgb}. */
  void add(int region, long pixel, int rgb, int modeRgb) {
    size[region]++;
    colour[3 * region] += (rgb >> 16) & 0xFF;
    colour[3 * region + 1] += (rgb >> 8) & 0xFF;
    colour[3 * region + 2] += rgb & 0xFF;
    mode[3 * region] += (modeRgb >> 16) & 0xFF;
    mode[3 * region + 1] += (modeRgb >> 8) & 0xFF;
    mode[3 * region + 2] += modeRgb & 0xFF;
    first[region] = Math.min(first[region], pixel);
  }

  /** Adds region {@code from} of {@code other} into region {@code to} of this. */
  void merge(int to, RegionStats other, int from) {
    size[to] += other.size[from];
    for (int c = 0; c < 3; c++) {
      colour[3 * to + c] += other.colour[3 * from + c];
      mode[3 * to + c] += other.mode[3 * from + c];
    }
    first[to] = Math.min(first[to], other.first[from]);
  }

  /** The mean mode colour of every region, three channels a region. */
  double[] meanModes() {
    double[] m = new double[mode.length];
    for (int k = 0; k < size.length; k++) {
      for (int c = 0; c < 3; c++) {
        m[3 * k + c] = (double) mode[3 * k + c] / size[k];
      }
    }
    return m;
  }

  /** Squared distance between the colours {@code a} and {@code b} of {@link #meanModes}. */
  static double distance2(double[] means, int a, int b) {
    double dr = means[3 * a] - means[3 * b];
    double dg = means[3 * a + 1] - means[3 * b + 1];
    double db = means[3 * a + 2] - means[3 * b + 2];
    return dr * dr + dg * dg + db * db;
  }

  /** Mean original colour of region {@code k}, packed RGB, each channel rounded. */
  int meanColour(int k) {
    int rgb = 0;
    for (int c = 0; c < 3; c++) {
      rgb = (rgb << 8) | (int) ((2 * colour[3 * k + c] + size[k]) / (2 * size[k]));
    }
    return rgb;
  }
}
