package io.github.meanshift.segment;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Joins the tiles' regions into the picture's (Orfeo ToolBox's large-scale mean shift): regions of
 * adjacent tiles whose border pixels link ({@link Link}) are one region (union-find), pairs that
 * touch without linking are edges of the region graph, and regions are renumbered in raster order
 * of their first pixel. That is exactly the graph labelling the untiled picture gives, so fusion
 * and pruning on it ({@link RegionGraph}) end in the same regions.
 */
final class TileMerge {
  /** The outcome, small enough to broadcast: per tile, the final region of each local region. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    final int[][] finalOf;

    /** Per tile, the final regions of the column right of its core (null at the right edge). */
    final int[][] rightColumn;

    /** Per tile, the final regions of the row below its core (null at the bottom edge). */
    final int[][] rowBelow;

    final int[] colours;

    transient RegionStats stats;

    Result(int[][] finalOf, int[][] rightColumn, int[][] rowBelow, RegionStats stats) {
      this.finalOf = finalOf;
      this.rightColumn = rightColumn;
      this.rowBelow = rowBelow;
      this.stats = stats;
      this.colours = new int[stats.count()];
      for (int k = 0; k < colours.length; k++) {
        colours[k] = stats.meanColour(k);
      }
    }
  }

  private TileMerge() {}

  /**
   * Merges the tiles' regions, fuses and prunes.
   *
   * @param tiles one summary per tile of {@code grid}, in tile order
   * @param seconds phase timings, added to (merge, fuse, prune)
   * @param counts counts along the way, added to (labelled, fused, rounds)
   */
  static Result merge(
      TileGrid grid,
      List<TileSummary> tiles,
      SegmentParams params,
      Map<String, Double> seconds,
      Map<String, Number> counts) {
    long t = System.nanoTime();
    int n = grid.count();
    int[] offset = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offset[i + 1] = Math.addExact(offset[i], tiles.get(i).count());
    }
    int total = offset[n];
    long[] first = new long[total];
    for (int i = 0; i < n; i++) {
      System.arraycopy(tiles.get(i).stats.first, 0, first, offset[i], tiles.get(i).count());
    }
    UnionFind sets = new UnionFind(total);
    LongList cross = new LongList();
    Link link = new Link(params);
    for (TileGrid.Tile tile : grid.tiles()) {
      TileSummary a = tiles.get(tile.index());
      int right = grid.right(tile);
      if (right >= 0) {
        joinBorder(
            a.right, offset[tile.index()], tiles.get(right).left, offset[right], link, sets, cross);
      }
      int below = grid.below(tile);
      if (below >= 0) {
        joinBorder(
            a.bottom, offset[tile.index()], tiles.get(below).top, offset[below], link, sets, cross);
      }
    }
    // Canonical numbers: sets in raster order of their first pixel.
    long[] setFirst = new long[total];
    Arrays.fill(setFirst, Long.MAX_VALUE);
    for (int g = 0; g < total; g++) {
      int root = sets.find(g);
      setFirst[root] = Math.min(setFirst[root], first[g]);
    }
    int roots = 0;
    for (int g = 0; g < total; g++) {
      roots += sets.find(g) == g ? 1 : 0;
    }
    long[] order = new long[roots];
    int m = 0;
    for (int g = 0; g < total; g++) {
      if (sets.find(g) == g) {
        order[m++] = setFirst[g];
      }
    }
    Arrays.sort(order);
    int[] canon = new int[total];
    for (int g = 0; g < total; g++) {
      if (sets.find(g) == g) {
        canon[g] = Arrays.binarySearch(order, setFirst[g]);
      }
    }
    for (int g = 0; g < total; g++) {
      canon[g] = canon[sets.find(g)];
    }
    RegionStats stats = new RegionStats(roots);
    LongList edges = new LongList();
    for (int i = 0; i < n; i++) {
      TileSummary s = tiles.get(i);
      for (int k = 0; k < s.count(); k++) {
        stats.merge(canon[offset[i] + k], s.stats, k);
      }
      for (long e : s.edges) {
        edges.add(
            LongList.edge(canon[offset[i] + LongList.from(e)], canon[offset[i] + LongList.to(e)]));
      }
    }
    for (long e : cross.sortedUnique()) {
      int a = canon[LongList.from(e)];
      int b = canon[LongList.to(e)];
      if (a != b) {
        edges.add(LongList.edge(a, b));
      }
    }
    RegionGraph graph = new RegionGraph(stats, edges.sortedUnique());
    counts.put("labelled", graph.count());
    t = Segmenter.phase(seconds, "merge", t);
    Segmenter.finish(graph, params, seconds, counts, t);
    int[] regionOf = graph.regionOf();
    int[][] finalOf = new int[n][];
    for (int i = 0; i < n; i++) {
      finalOf[i] = new int[tiles.get(i).count()];
      for (int k = 0; k < finalOf[i].length; k++) {
        finalOf[i][k] = regionOf[canon[offset[i] + k]];
      }
    }
    int[][] rightColumn = new int[n][];
    int[][] rowBelow = new int[n][];
    for (TileGrid.Tile tile : grid.tiles()) {
      int right = grid.right(tile);
      if (right >= 0) {
        rightColumn[tile.index()] = mapped(tiles.get(right).left, finalOf[right]);
      }
      int below = grid.below(tile);
      if (below >= 0) {
        rowBelow[tile.index()] = mapped(tiles.get(below).top, finalOf[below]);
      }
    }
    return new Result(finalOf, rightColumn, rowBelow, graph.stats());
  }

  /** Links facing pixels of two strips, or records the pair of their regions as an edge. */
  private static void joinBorder(
      Strip a, int offsetA, Strip b, int offsetB, Link link, UnionFind sets, LongList cross) {
    for (int k = 0; k < a.labels.length; k++) {
      int ga = offsetA + a.labels[k];
      int gb = offsetB + b.labels[k];
      if (link.linked(a.x[k], a.y[k], a.rgb[k], b.x[k], b.y[k], b.rgb[k])) {
        sets.union(ga, gb);
      } else {
        cross.add(LongList.edge(ga, gb));
      }
    }
  }

  private static int[] mapped(Strip s, int[] finalOf) {
    int[] out = new int[s.labels.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = finalOf[s.labels[k]];
    }
    return out;
  }
}
