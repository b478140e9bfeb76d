package io.github.meanshift.shift;

/**
 * What one mean-shift pass returns for each seed: the kernel weight {@code Σ w·k}, the weighted
 * offset {@code Σ w·k·(y − s)} (per feature), and the support {@code Σ w} over points within one
 * bandwidth. Offsets relative to the seed keep precision when coordinates are large.
 */
public final class ShiftSums {
  private final int dim;
  private final double[] weight;
  private final double[] offset;
  private final double[] support;

  /** Zeroed sums for {@code seeds} seeds of dimension {@code dim}. */
  public ShiftSums(int seeds, int dim) {
    this.dim = dim;
    this.weight = new double[seeds];
    this.offset = new double[seeds * dim];
    this.support = new double[seeds];
  }

  public int seeds() {
    return weight.length;
  }

  public int dim() {
    return dim;
  }

  /** Adds one seed's sums. */
  public void add(int seed, double w, double[] off, double supp) {
    weight[seed] += w;
    for (int j = 0; j < dim; j++) {
      offset[seed * dim + j] += off[j];
    }
    support[seed] += supp;
  }

  /** Adds all of {@code other} into this (a reduce step); returns this. */
  public ShiftSums merge(ShiftSums other) {
    for (int i = 0; i < weight.length; i++) {
      weight[i] += other.weight[i];
      support[i] += other.support[i];
    }
    for (int i = 0; i < offset.length; i++) {
      offset[i] += other.offset[i];
    }
    return this;
  }

  public double weight(int seed) {
    return weight[seed];
  }

  public double offset(int seed, int feature) {
    return offset[seed * dim + feature];
  }

  public double support(int seed) {
    return support[seed];
  }

  /** Raw arrays for engines that fill them in place. */
  double[] weights() {
    return weight;
  }

  double[] offsets() {
    return offset;
  }

  double[] supports() {
    return support;
  }
}
