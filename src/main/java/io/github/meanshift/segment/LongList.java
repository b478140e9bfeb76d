package io.github.meanshift.segment;

import java.util.Arrays;

/** A growable array of longs, for region-graph edges packed as {@code a << 32 | b}. */
final class LongList {
  private long[] values = new long[16];
  private int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, 2 * size);
    }
    values[size++] = v;
  }

  /** The values sorted, each once. */
  long[] sortedUnique() {
    long[] v = Arrays.copyOf(values, size);
    Arrays.sort(v);
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (n == 0 || v[i] != v[n - 1]) {
        v[n++] = v[i];
      }
    }
    return Arrays.copyOf(v, n);
  }

  /** The edge between regions {@code a} and {@code b}, smaller first. */
  static long edge(int a, int b) {
    return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
  }

  static int from(long edge) {
    return (int) (edge >>> 32);
  }

  static int to(long edge) {
    return (int) edge;
  }
}
