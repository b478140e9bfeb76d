package io.github.meanshift.segment;

/**
 * The region adjacency graph of a whole picture, and the two steps that merge its regions: fusion
 * of adjacent regions with close mean modes (EDISON's transitive closure) and pruning of small
 * regions into their closest neighbour.
 *
 * <p>Regions are kept numbered in raster order of their first pixel, and every merging round
 * decides all its merges from the state before the round (a union-find whose root is the smallest
 * number), so the outcome depends on the graph alone: not on tiles, threads or visiting order.
 */
final class RegionGraph {
  private RegionStats stats;
  private long[] edges;

  /** The current region of every initial region. */
  private final int[] regionOf;

  /**
   * @param stats initial regions, numbered in raster order of their first pixel
   * @param edges touching pairs, packed by {@link LongList#edge}, sorted, each once
   */
  RegionGraph(RegionStats stats, long[] edges) {
    this.stats = stats;
    this.edges = edges;
    this.regionOf = new int[stats.count()];
    for (int i = 0; i < regionOf.length; i++) {
      regionOf[i] = i;
    }
  }

  int count() {
    return stats.count();
  }

  int edgeCount() {
    return edges.length;
  }

  RegionStats stats() {
    return stats;
  }

  /** The current region of each initial region (shared, not copied). */
  int[] regionOf() {
    return regionOf;
  }

  /**
   * Merges adjacent regions whose mean mode colours lie within {@code sqrt(distance2)}, round after
   * round (each round on the means before it) until no adjacent pair is that close.
   *
   * @return the number of rounds that merged something
   */
  int fuse(double distance2) {
    int rounds = 0;
    while (true) {
      UnionFind sets = new UnionFind(count());
      double[] means = stats.meanModes();
      boolean merged = false;
      for (long e : edges) {
        int a = LongList.from(e);
        int b = LongList.to(e);
        if (RegionStats.distance2(means, a, b) <= distance2) {
          merged |= sets.union(a, b);
        }
      }
      if (!merged) {
        return rounds;
      }
      contract(sets);
      rounds++;
    }
  }

  /**
   * Merges every region of fewer than {@code minRegion} pixels into the adjacent region with the
   * closest mean mode colour (the smaller number on ties), round after round until no region is
   * that small or one region is left.
   *
   * @return the number of rounds that merged something
   */
  int prune(int minRegion) {
    int rounds = 0;
    while (true) {
      int n = count();
      int[] best = new int[n];
      double[] bestDistance = new double[n];
      java.util.Arrays.fill(best, -1);
      double[] means = stats.meanModes();
      for (long e : edges) {
        int a = LongList.from(e);
        int b = LongList.to(e);
        boolean smallA = stats.size[a] < minRegion;
        boolean smallB = stats.size[b] < minRegion;
        if (!smallA && !smallB) {
          continue;
        }
        double d = RegionStats.distance2(means, a, b);
        if (smallA) {
          consider(best, bestDistance, a, b, d);
        }
        if (smallB) {
          consider(best, bestDistance, b, a, d);
        }
      }
      UnionFind sets = new UnionFind(n);
      boolean merged = false;
      for (int k = 0; k < n; k++) {
        if (best[k] >= 0) {
          merged |= sets.union(k, best[k]);
        }
      }
      if (!merged) {
        return rounds;
      }
      contract(sets);
      rounds++;
    }
  }

  private static void consider(int[] best, double[] bestDistance, int k, int other, double d) {
    if (best[k] < 0 || d < bestDistance[k] || (d == bestDistance[k] && other < best[k])) {
      best[k] = other;
      bestDistance[k] = d;
    }
  }

  /**
   * Replaces every set of {@code sets} by one region. Roots are the smallest numbers, which are the
   * earliest first pixels, so the new numbers keep the raster order.
   */
  private void contract(UnionFind sets) {
    int n = count();
    int[] renumber = new int[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int root = sets.find(k);
      renumber[k] = root == k ? m++ : renumber[root];
    }
    RegionStats merged = new RegionStats(m);
    for (int k = 0; k < n; k++) {
      merged.merge(renumber[k], stats, k);
    }
    LongList next = new LongList();
    for (long e : edges) {
      int a = renumber[LongList.from(e)];
      int b = renumber[LongList.to(e)];
      if (a != b) {
        next.add(LongList.edge(a, b));
      }
    }
    for (int i = 0; i < regionOf.length; i++) {
      regionOf[i] = renumber[regionOf[i]];
    }
    stats = merged;
    edges = next.sortedUnique();
  }
}
