package io.github.meanshift.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Fusion and pruning on small region graphs whose outcome is worked out by hand. Modes are greys (r
 * = g = b), so a grey difference d is a colour distance d·√3: fusion bounds are given as 3·d².
 */
class RegionGraphTest {
  /**
   * A chain 0-1-2-3 with mode greys 100, 105, 110, 200: fusion within 8 merges 0, 1 and 2 (0 and 2
   * are 10 apart, but each is within 8 of 1: a transitive closure); 3 stays.
   */
  @Test
  void fusionMergesChainsOfCloseNeighbours() {
    RegionGraph g =
        graph(new int[] {100, 105, 110, 200}, new long[] {50, 50, 50, 50}, 0, 1, 1, 2, 2, 3);
    assertEquals(1, g.fuse(3 * 8 * 8));
    assertEquals(2, g.count());
    assertArrayEquals(new int[] {0, 0, 0, 1}, g.regionOf());
    assertArrayEquals(new long[] {150, 50}, g.stats().size);
  }

  /**
   * Fusion rounds use the merged means: 0 (grey 0, 100 px) and 1 (grey 6, 100 px) merge in round
   * one into mean 3, which is within 8 of 2 (grey 10) only then.
   */
  @Test
  void fusionRepeatsOnTheMergedMeans() {
    RegionGraph g = graph(new int[] {0, 6, 10}, new long[] {100, 100, 100}, 0, 1, 0, 2);
    // Before merging, 0 and 2 (10 apart) are too far; after, mean 3 is 7 from 10.
    assertEquals(2, g.fuse(3 * 8 * 8));
    assertArrayEquals(new int[] {0, 0, 0}, g.regionOf());
  }

  /**
   * A 5-pixel region 1 between 0 (grey 50) and 2 (grey 90), at grey 80: it joins 2, the closer
   * mode. Region 3 (grey 20, 5 px) touches only 0 and 2 at equal distance 30 from... 0 is 30 away,
   * 2 70: it joins 0.
   */
  @Test
  void pruningMergesSmallRegionsIntoTheirClosestNeighbour() {
    RegionGraph g =
        graph(new int[] {50, 80, 90, 20}, new long[] {100, 5, 100, 5}, 0, 1, 1, 2, 0, 3, 2, 3);
    assertEquals(1, g.prune(20));
    assertArrayEquals(new int[] {0, 1, 1, 0}, g.regionOf());
    assertArrayEquals(new long[] {105, 105}, g.stats().size);
  }

  /** Equal distances go to the smaller region number; a lone small region stays. */
  @Test
  void pruningBreaksTiesByNumberAndKeepsALoneRegion() {
    RegionGraph tie = graph(new int[] {40, 50, 60}, new long[] {100, 3, 100}, 0, 1, 1, 2);
    tie.prune(20);
    assertArrayEquals(new int[] {0, 0, 1}, tie.regionOf());
    RegionGraph alone = graph(new int[] {40}, new long[] {3});
    assertEquals(0, alone.prune(20));
    assertEquals(1, alone.count());
  }

  /** Two small neighbours that pick each other merge, then join a large one in the next round. */
  @Test
  void pruningRepeatsUntilNoRegionIsSmall() {
    RegionGraph g = graph(new int[] {10, 12, 100}, new long[] {4, 4, 100}, 0, 1, 1, 2);
    assertEquals(2, g.prune(20));
    assertArrayEquals(new int[] {0, 0, 0}, g.regionOf());
    assertEquals(108, g.stats().size[0]);
  }

  /** Regions of the given mode greys (r = g = b) and sizes, and the given touching pairs. */
  private static RegionGraph graph(int[] grey, long[] size, int... pairs) {
    RegionStats s = new RegionStats(grey.length);
    for (int k = 0; k < grey.length; k++) {
      int rgb = (grey[k] << 16) | (grey[k] << 8) | grey[k];
      for (long i = 0; i < size[k]; i++) {
        s.add(k, 1000L * k + i, rgb, rgb);
      }
    }
    LongList edges = new LongList();
    for (int i = 0; i < pairs.length; i += 2) {
      edges.add(LongList.edge(pairs[i], pairs[i + 1]));
    }
    return new RegionGraph(s, edges.sortedUnique());
  }
}
