package io.github.meanshift.segment;

/**
 * Disjoint sets over {@code 0 .. n-1}. The root of a set is always its smallest element, so roots
 * (and the labels numbered from them) do not depend on the order of the unions.
 */
final class UnionFind {
  private final int[] parent;

  UnionFind(int n) {
    parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
  }

  int size() {
    return parent.length;
  }

  /** The smallest element of {@code i}'s set. */
  int find(int i) {
    int p = parent[i];
    while (p != parent[p]) {
      parent[i] = parent[p];
      i = parent[p];
      p = parent[i];
    }
    return p;
  }

  /** Joins the sets of {@code a} and {@code b}; returns whether they were apart. */
  boolean union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return false;
    }
    if (ra < rb) {
      parent[rb] = ra;
    } else {
      parent[ra] = rb;
    }
    return true;
  }
}
