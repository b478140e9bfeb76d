package io.github.meanshift.segment;

/** Contingency tables of known regions against segments, for ARI and NMI. */
public final class Contingency {
  private Contingency() {}

  /**
   * Known regions (rows) against segments (columns), pixel by pixel.
   *
   * @throws IllegalArgumentException if the arrays differ in length or hold a negative label
   */
  public static long[][] of(int[] truth, int[] labels) {
    if (truth.length != labels.length) {
      throw new IllegalArgumentException(
          truth.length + " known regions for " + labels.length + " labels");
    }
    int rows = 0;
    int cols = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] < 0 || labels[i] < 0) {
        throw new IllegalArgumentException("negative label at pixel " + i);
      }
      rows = Math.max(rows, truth[i] + 1);
      cols = Math.max(cols, labels[i] + 1);
    }
    long[][] table = new long[rows][cols];
    for (int i = 0; i < truth.length; i++) {
      table[truth[i]][labels[i]]++;
    }
    return table;
  }
}
