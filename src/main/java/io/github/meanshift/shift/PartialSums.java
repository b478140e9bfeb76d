package io.github.meanshift.shift;

import java.io.Serializable;

/**
 * The sums of one pass over some of the points, as one flat array that a Spark task returns and a
 * reduce adds up: {@code [Σ w·k per seed | Σ w·k·(y−s) per seed and feature | support per seed]}.
 */
final class PartialSums implements Serializable {
  private static final long serialVersionUID = 1L;

  final int seeds;
  final int dim;
  final int offsetBase;
  final int supportBase;
  final double[] values;

  PartialSums(int seeds, int dim) {
    long size = (long) seeds * (dim + 2);
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "too many seeds for one pass: " + seeds + " seeds of dimension " + dim);
    }
    this.seeds = seeds;
    this.dim = dim;
    this.offsetBase = seeds;
    this.supportBase = seeds + seeds * dim;
    this.values = new double[(int) size];
  }

  /** Adds {@code other} into this (a reduce step); returns this. */
  PartialSums merge(PartialSums other) {
    if (other.values.length != values.length) {
      throw new IllegalArgumentException("partial sums of different shapes");
    }
    for (int i = 0; i < values.length; i++) {
      values[i] += other.values[i];
    }
    return this;
  }

  /** The sums as the engine interface returns them. */
  /** Copies these sums into {@code out} as its seeds {@code [first, first + seeds)}. */
  void copyInto(ShiftSums out, int first) {
    System.arraycopy(values, 0, out.weights(), first, seeds);
    System.arraycopy(values, offsetBase, out.offsets(), first * dim, seeds * dim);
    System.arraycopy(values, supportBase, out.supports(), first, seeds);
  }

  ShiftSums toShiftSums() {
    ShiftSums out = new ShiftSums(seeds, dim);
    System.arraycopy(values, 0, out.weights(), 0, seeds);
    System.arraycopy(values, offsetBase, out.offsets(), 0, seeds * dim);
    System.arraycopy(values, supportBase, out.supports(), 0, seeds);
    return out;
  }
}
