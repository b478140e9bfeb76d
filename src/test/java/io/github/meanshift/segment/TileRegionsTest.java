package io.github.meanshift.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.meanshift.shift.Kernel;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Region labelling against a breadth-first flood fill written here: same regions, numbered in
 * raster order of their first pixel, with their sizes and touching pairs.
 */
class TileRegionsTest {
  static final int W = 37;
  static final int H = 23;

  @Test
  void regionsAreTheFloodFillsOfLinkedNeighbours() {
    SegmentParams p = new SegmentParams(3, 20, Kernel.FLAT, 5, 0.1, 0, false);
    Random random = new Random(11);
    Modes m = new Modes(new Rect(0, 0, W, H));
    int[] greys = {40, 45, 52, 90};
    for (int i = 0; i < W * H; i++) {
      int g = greys[random.nextInt(greys.length)];
      m.rgb[i] = (g << 16) | (g << 8) | g;
      m.x[i] = i % W + random.nextInt(3) - 1;
      m.y[i] = i / W + (random.nextInt(10) == 0 ? 5 : 0);
    }
    Raster original = new Raster(new Rect(0, 0, W, H), m.rgb.clone());
    TileRegions r = TileRegions.label(original, m, p, W);

    int[] expected =
        floodFill(m, 3 * 3, (int) Math.floor(Math.pow(SegmentParams.LINK_RANGE * 20, 2)));
    assertArrayEquals(expected, r.labels);
    int regions = 0;
    for (int l : expected) {
      regions = Math.max(regions, l + 1);
    }
    assertEquals(regions, r.count());
    long[] sizes = new long[regions];
    Set<Long> touching = new HashSet<>();
    for (int i = 0; i < W * H; i++) {
      sizes[expected[i]]++;
      if (i % W + 1 < W && expected[i + 1] != expected[i]) {
        touching.add(LongList.edge(expected[i], expected[i + 1]));
      }
      if (i + W < W * H && expected[i + W] != expected[i]) {
        touching.add(LongList.edge(expected[i], expected[i + W]));
      }
    }
    assertArrayEquals(sizes, r.stats.size);
    assertEquals(touching, toSet(r.edges));
  }

  /** Flood fill over 4-neighbours whose modes are within the squared bounds. */
  private static int[] floodFill(Modes m, int spatial2, int range2) {
    int[] label = new int[W * H];
    java.util.Arrays.fill(label, -1);
    int next = 0;
    for (int start = 0; start < W * H; start++) {
      if (label[start] >= 0) {
        continue;
      }
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(start);
      label[start] = next;
      while (!queue.isEmpty()) {
        int i = queue.poll();
        int x = i % W;
        int y = i / W;
        int[][] around = {{x + 1, y}, {x - 1, y}, {x, y + 1}, {x, y - 1}};
        for (int[] q : around) {
          if (q[0] < 0 || q[0] >= W || q[1] < 0 || q[1] >= H) {
            continue;
          }
          int j = q[1] * W + q[0];
          int dx = m.x[i] - m.x[j];
          int dy = m.y[i] - m.y[j];
          int dc = grey(m.rgb[i]) - grey(m.rgb[j]);
          if (label[j] < 0 && dx * dx + dy * dy <= spatial2 && 3 * dc * dc <= range2) {
            label[j] = next;
            queue.add(j);
          }
        }
      }
      next++;
    }
    return label;
  }

  private static int grey(int rgb) {
    return rgb & 0xFF;
  }

  private static Set<Long> toSet(long[] edges) {
    Set<Long> s = new HashSet<>();
    for (long e : edges) {
      s.add(e);
    }
    return s;
  }
}
