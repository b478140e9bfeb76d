package io.github.meanshift.shift;

import java.util.Arrays;

/** A growable list of {@code int}, for the grid's neighbour ranges (no boxing). */
final class IntList {
  private int[] items = new int[16];
  private int size;

  int size() {
    return size;
  }

  /** The backing array: items {@code [0, size())} are the list. */
  int[] array() {
    return items;
  }

  int get(int i) {
    return items[i];
  }

  void set(int i, int value) {
    items[i] = value;
  }

  void add(int value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = value;
  }

  void clear() {
    size = 0;
  }
}
