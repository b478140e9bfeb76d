package io.github.meanshift.segment;

import java.io.Serializable;

/**
 * What the driver needs of a labelled tile to build the picture's region graph: the tile's region
 * sums and adjacencies, its four edge strips, and how long it took. The pixels stay in the task.
 */
final class TileSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  final int tile;
  final RegionStats stats;
  final long[] edges;
  final Strip top;
  final Strip bottom;
  final Strip left;
  final Strip right;
  final double filterSeconds;
  final double labelSeconds;
  final double readSeconds;
  final long climbs;
  final long steps;

  TileSummary(
      int tile,
      TileRegions regions,
      Modes modes,
      double readSeconds,
      double filterSeconds,
      double labelSeconds) {
    this.tile = tile;
    this.stats = regions.stats;
    this.edges = regions.edges;
    this.top = Strip.top(regions, modes);
    this.bottom = Strip.bottom(regions, modes);
    this.left = Strip.left(regions, modes);
    this.right = Strip.right(regions, modes);
    this.readSeconds = readSeconds;
    this.filterSeconds = filterSeconds;
    this.labelSeconds = labelSeconds;
    long c = 0;
    long s = 0;
    for (byte b : modes.steps) {
      c += b != 0 ? 1 : 0;
      s += b & 0xFF;
    }
    this.climbs = c;
    this.steps = s;
  }

  int count() {
    return stats.count();
  }
}
