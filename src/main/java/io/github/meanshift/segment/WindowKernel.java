package io.github.meanshift.segment;

import io.github.meanshift.shift.Kernel;

/**
 * The filtering window on the pixel grid, tabulated once: for each row offset {@code dy} the
 * half-width of the disc of radius {@link SegmentParams#radius}, and for weighted kernels the
 * spatial weight of every offset (the Gaussian or Epanechnikov profile sampled on the grid) and the
 * range weight of every integer squared colour distance. The flat kernel needs no weights.
 */
final class WindowKernel {
  final int radius;
  final int[] halfWidth;

  /** Spatial weight of offset (dx, dy) at {@code (dy + radius) * (2 radius + 1) + dx + radius}. */
  final double[] spatial;

  /** Range weight of squared colour distance d² at index d², up to {@link #range2}. */
  final double[] range;

  /** Largest squared colour distance inside the window. */
  final int range2;

  final boolean flat;

  WindowKernel(SegmentParams p) {
    Kernel k = p.kernel();
    radius = p.radius();
    double hs2 = p.spatial2();
    double hr2 = p.rangeBandwidth() * p.rangeBandwidth();
    double reach2 = hs2 * k.maxU();
    halfWidth = new int[2 * radius + 1];
    for (int dy = -radius; dy <= radius; dy++) {
      halfWidth[dy + radius] = (int) Math.floor(Math.sqrt(Math.max(0, reach2 - (double) dy * dy)));
      halfWidth[dy + radius] = Math.min(radius, halfWidth[dy + radius]);
    }
    range2 = p.rangeWindow2();
    flat = k == Kernel.FLAT;
    if (flat) {
      spatial = null;
      range = null;
    } else {
      int side = 2 * radius + 1;
      spatial = new double[side * side];
      for (int dy = -radius; dy <= radius; dy++) {
        for (int dx = -radius; dx <= radius; dx++) {
          spatial[(dy + radius) * side + dx + radius] = k.weight((dx * dx + dy * dy) / hs2);
        }
      }
      range = new double[range2 + 1];
      for (int d2 = 0; d2 <= range2; d2++) {
        range[d2] = k.weight(d2 / hr2);
      }
    }
  }
}
