package io.github.meanshift.segment;

import java.io.Serializable;

/**
 * The regions of one tile's core: connected components of linked 4-neighbours ({@link Link}),
 * numbered in raster order of their first pixel, with their sums and the pairs of regions that
 * touch. Labels, the core's pixels and the modes of its edge rows and columns stay with it for the
 * merge across tile borders and for painting.
 */
final class TileRegions implements Serializable {
  private static final long serialVersionUID = 1L;

  final Rect core;
  final int[] labels;
  final RegionStats stats;

  /** Touching regions, packed {@code a << 32 | b} with {@code a < b}, sorted, each once. */
  final long[] edges;

  private TileRegions(Rect core, int[] labels, RegionStats stats, long[] edges) {
    this.core = core;
    this.labels = labels;
    this.stats = stats;
    this.edges = edges;
  }

  /**
   * Labels the core of {@code modes}.
   *
   * @param raster the original pixels, covering the core
   * @param pictureWidth the picture's width, for the raster order of first pixels
   */
  static TileRegions label(Raster raster, Modes modes, SegmentParams p, int pictureWidth) {
    Rect core = modes.area();
    int w = core.width();
    int h = core.height();
    int n = Math.toIntExact(core.pixels());
    Link link = new Link(p);
    UnionFind sets = new UnionFind(n);
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        int i = row * w + col;
        if (col + 1 < w && link.linked(modes, i, i + 1)) {
          sets.union(i, i + 1);
        }
        if (row + 1 < h && link.linked(modes, i, i + w)) {
          sets.union(i, i + w);
        }
      }
    }
    int[] labels = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int root = sets.find(i);
      labels[i] = root == i ? count++ : labels[root];
    }
    RegionStats stats = new RegionStats(count);
    LongList edges = new LongList();
    for (int row = 0; row < h; row++) {
      long pixelRow = (long) (core.y() + row) * pictureWidth + core.x();
      for (int col = 0; col < w; col++) {
        int i = row * w + col;
        int k = labels[i];
        stats.add(k, pixelRow + col, raster.rgb(core.x() + col, core.y() + row), modes.rgb[i]);
        if (col + 1 < w && labels[i + 1] != k) {
          edges.add(LongList.edge(k, labels[i + 1]));
        }
        if (row + 1 < h && labels[i + w] != k) {
          edges.add(LongList.edge(k, labels[i + w]));
        }
      }
    }
    return new TileRegions(core, labels, stats, edges.sortedUnique());
  }

  /** Regions in the tile. */
  int count() {
    return stats.count();
  }
}
