package io.github.meanshift.common;

import java.util.Arrays;

/**
 * The integer coordinates {@code ⌊x_j / side⌋} of the grid cell holding a point, as a hash key for
 * in-memory cell indexes (the centres of {@link CentreIndex}, the kept modes of the mode merge).
 */
public record CellKey(long[] coords) {
  /** The cell of side {@code side} holding {@code x}. */
  public static CellKey of(double[] x, double side) {
    long[] c = new long[x.length];
    for (int j = 0; j < x.length; j++) {
      c[j] = (long) Math.floor(x[j] / side);
    }
    return new CellKey(c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CellKey c && Arrays.equals(coords, c.coords);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(coords);
  }
}
