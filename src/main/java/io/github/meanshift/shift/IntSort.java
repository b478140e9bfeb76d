package io.github.meanshift.shift;

/** Sorting of {@code int} indices by a comparator, without boxing (a stable merge sort). */
final class IntSort {
  private IntSort() {}

  /** Compares the items two indices stand for. */
  @FunctionalInterface
  interface IndexComparator {
    int compare(int a, int b);
  }

  /** The indices {@code 0 … n−1} in the order of {@code cmp}, equal items in index order. */
  static int[] order(int n, IndexComparator cmp) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(n, lo + width);
        int hi = Math.min(n, lo + 2 * width);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          b[k++] = cmp.compare(a[j], a[i]) < 0 ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }
}
