package io.github.meanshift.segment;

import java.io.Serializable;

/**
 * One edge row or column of a tile's core: the local region and the mode of each of its pixels, so
 * the driver can link regions across the border with the tile beside it.
 */
final class Strip implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] labels;
  final int[] x;
  final int[] y;
  final int[] rgb;

  private Strip(int n) {
    labels = new int[n];
    x = new int[n];
    y = new int[n];
    rgb = new int[n];
  }

  /** Pixels {@code start, start + stride, ...} ({@code n} of them) of the core. */
  static Strip of(TileRegions regions, Modes modes, int start, int stride, int n) {
    Strip s = new Strip(n);
    for (int k = 0; k < n; k++) {
      int i = start + k * stride;
      s.labels[k] = regions.labels[i];
      s.x[k] = modes.x[i];
      s.y[k] = modes.y[i];
      s.rgb[k] = modes.rgb[i];
    }
    return s;
  }

  static Strip top(TileRegions r, Modes m) {
    return of(r, m, 0, 1, r.core.width());
  }

  static Strip bottom(TileRegions r, Modes m) {
    return of(r, m, (r.core.height() - 1) * r.core.width(), 1, r.core.width());
  }

  static Strip left(TileRegions r, Modes m) {
    return of(r, m, 0, r.core.width(), r.core.height());
  }

  static Strip right(TileRegions r, Modes m) {
    return of(r, m, r.core.width() - 1, r.core.width(), r.core.height());
  }
}
