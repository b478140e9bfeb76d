package io.github.meanshift.shift;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hot loop of {@link ShiftLoops} written with the Java Vector API ({@code
 * jdk.incubator.vector}), used only when that module is in the JVM's boot layer (the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, which makes it print "WARNING: Using incubator
 * modules" on stderr). This is the only class that refers to the module: it is loaded only when
 * {@link ShiftLoops#VECTOR} says the module is present.
 *
 * <p>One loop per kernel, for two, three and any number of features: per point, the tile's seeds go
 * by in vectors of the preferred width; a vector with no seed within the kernel's cut-off is
 * skipped after its distances, the others add their weights, supports and offsets. Everything stays
 * in methods small enough for C2 to inline, so that no vector is ever boxed. The arithmetic per
 * pair is that of {@link ShiftLoops} (the same squared distance, the same polynomial Gaussian), so
 * results differ only in summation order.
 */
final class VectorLoops {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);

  private VectorLoops() {}

  /**
   * Adds the sums of the points in {@code ranges} against every seed of {@code t}, as {@link
   * ShiftLoops#run}; returns false (having done nothing) when the tile's capacity is not a multiple
   * of the vector width.
   */
  static boolean run(
      double[][] cols,
      double[] w,
      int[] ranges,
      int nRanges,
      SeedTile t,
      Kernel kernel,
      double inv) {
    if (t.capacity % LANES != 0) {
      return false;
    }
    // Whole vectors: lanes past t.size hold stale seeds whose sums are never read.
    final int n = (t.size + LANES - 1) / LANES * LANES;
    final int d = t.dim;
    switch (kernel) {
      case GAUSSIAN:
        if (d == 2) {
          gaussian2(cols, w, ranges, nRanges, t, n, inv);
        } else if (d == 3) {
          gaussian3(cols, w, ranges, nRanges, t, n, inv);
        } else {
          gaussianN(cols, w, ranges, nRanges, t, n, inv);
        }
        break;
      case FLAT:
        if (d == 2) {
          flat2(cols, w, ranges, nRanges, t, n, inv);
        } else if (d == 3) {
          flat3(cols, w, ranges, nRanges, t, n, inv);
        } else {
          flatN(cols, w, ranges, nRanges, t, n, inv);
        }
        break;
      case EPANECHNIKOV:
        if (d == 2) {
          epanechnikov2(cols, w, ranges, nRanges, t, n, inv);
        } else if (d == 3) {
          epanechnikov3(cols, w, ranges, nRanges, t, n, inv);
        } else {
          epanechnikovN(cols, w, ranges, nRanges, t, n, inv);
        }
        break;
      case TRIANGULAR:
        if (d == 2) {
          triangular2(cols, w, ranges, nRanges, t, n, inv);
        } else if (d == 3) {
          triangular3(cols, w, ranges, nRanges, t, n, inv);
        } else {
          triangularN(cols, w, ranges, nRanges, t, n, inv);
        }
        break;
      default:
        throw new AssertionError(kernel);
    }
    return true;
  }

  private static void gaussian2(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final double[] s0 = t.pos[0];
    final double[] o0 = t.offset[0];
    final double[] c0 = cols[0];
    final double[] s1 = t.pos[1];
    final double[] o1 = t.offset[1];
    final double[] c1 = cols[1];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final DoubleVector p0 = DoubleVector.broadcast(SPECIES, c0[i]);
        final DoubleVector p1 = DoubleVector.broadcast(SPECIES, c1[i]);
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1)).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, ShiftLoops.GAUSSIAN_MAX_U);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k =
              gaussian(u.min(ShiftLoops.GAUSSIAN_MAX_U)).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
        }
      }
    }
  }

  private static void gaussian3(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final double[] s0 = t.pos[0];
    final double[] o0 = t.offset[0];
    final double[] c0 = cols[0];
    final double[] s1 = t.pos[1];
    final double[] o1 = t.offset[1];
    final double[] c1 = cols[1];
    final double[] s2 = t.pos[2];
    final double[] o2 = t.offset[2];
    final double[] c2 = cols[2];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final DoubleVector p0 = DoubleVector.broadcast(SPECIES, c0[i]);
        final DoubleVector p1 = DoubleVector.broadcast(SPECIES, c1[i]);
        final DoubleVector p2 = DoubleVector.broadcast(SPECIES, c2[i]);
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector d2 = p2.sub(DoubleVector.fromArray(SPECIES, s2, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1).add(d2.mul(d2))).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, ShiftLoops.GAUSSIAN_MAX_U);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k =
              gaussian(u.min(ShiftLoops.GAUSSIAN_MAX_U)).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
          DoubleVector.fromArray(SPECIES, o2, s).add(k.mul(d2)).intoArray(o2, s);
        }
      }
    }
  }

  private static void gaussianN(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final int d = t.dim;
    final double[] p = new double[d];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        for (int j = 0; j < d; j++) {
          p[j] = cols[j][i];
        }
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector dx =
              DoubleVector.broadcast(SPECIES, p[0])
                  .sub(DoubleVector.fromArray(SPECIES, t.pos[0], s));
          DoubleVector d2 = dx.mul(dx);
          for (int j = 1; j < d; j++) {
            dx =
                DoubleVector.broadcast(SPECIES, p[j])
                    .sub(DoubleVector.fromArray(SPECIES, t.pos[j], s));
            d2 = d2.add(dx.mul(dx));
          }
          DoubleVector u = d2.mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, ShiftLoops.GAUSSIAN_MAX_U);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k =
              gaussian(u.min(ShiftLoops.GAUSSIAN_MAX_U)).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          for (int j = 0; j < d; j++) {
            DoubleVector dj =
                DoubleVector.broadcast(SPECIES, p[j])
                    .sub(DoubleVector.fromArray(SPECIES, t.pos[j], s));
            DoubleVector.fromArray(SPECIES, t.offset[j], s)
                .add(k.mul(dj))
                .intoArray(t.offset[j], s);
          }
        }
      }
    }
  }

  private static void flat2(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final double[] s0 = t.pos[0];
    final double[] o0 = t.offset[0];
    final double[] c0 = cols[0];
    final double[] s1 = t.pos[1];
    final double[] o1 = t.offset[1];
    final double[] c1 = cols[1];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final DoubleVector p0 = DoubleVector.broadcast(SPECIES, c0[i]);
        final DoubleVector p1 = DoubleVector.broadcast(SPECIES, c1[i]);
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1)).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = DoubleVector.broadcast(SPECIES, pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          DoubleVector.fromArray(SPECIES, as, s).add(k).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
        }
      }
    }
  }

  private static void flat3(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final double[] s0 = t.pos[0];
    final double[] o0 = t.offset[0];
    final double[] c0 = cols[0];
    final double[] s1 = t.pos[1];
    final double[] o1 = t.offset[1];
    final double[] c1 = cols[1];
    final double[] s2 = t.pos[2];
    final double[] o2 = t.offset[2];
    final double[] c2 = cols[2];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final DoubleVector p0 = DoubleVector.broadcast(SPECIES, c0[i]);
        final DoubleVector p1 = DoubleVector.broadcast(SPECIES, c1[i]);
        final DoubleVector p2 = DoubleVector.broadcast(SPECIES, c2[i]);
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector d2 = p2.sub(DoubleVector.fromArray(SPECIES, s2, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1).add(d2.mul(d2))).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = DoubleVector.broadcast(SPECIES, pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          DoubleVector.fromArray(SPECIES, as, s).add(k).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
          DoubleVector.fromArray(SPECIES, o2, s).add(k.mul(d2)).intoArray(o2, s);
        }
      }
    }
  }

  private static void flatN(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final int d = t.dim;
    final double[] p = new double[d];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        for (int j = 0; j < d; j++) {
          p[j] = cols[j][i];
        }
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector dx =
              DoubleVector.broadcast(SPECIES, p[0])
                  .sub(DoubleVector.fromArray(SPECIES, t.pos[0], s));
          DoubleVector d2 = dx.mul(dx);
          for (int j = 1; j < d; j++) {
            dx =
                DoubleVector.broadcast(SPECIES, p[j])
                    .sub(DoubleVector.fromArray(SPECIES, t.pos[j], s));
            d2 = d2.add(dx.mul(dx));
          }
          DoubleVector u = d2.mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = DoubleVector.broadcast(SPECIES, pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          DoubleVector.fromArray(SPECIES, as, s).add(k).intoArray(as, s);
          for (int j = 0; j < d; j++) {
            DoubleVector dj =
                DoubleVector.broadcast(SPECIES, p[j])
                    .sub(DoubleVector.fromArray(SPECIES, t.pos[j], s));
            DoubleVector.fromArray(SPECIES, t.offset[j], s)
                .add(k.mul(dj))
                .intoArray(t.offset[j], s);
          }
        }
      }
    }
  }

  private static void epanechnikov2(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final double[] s0 = t.pos[0];
    final double[] o0 = t.offset[0];
    final double[] c0 = cols[0];
    final double[] s1 = t.pos[1];
    final double[] o1 = t.offset[1];
    final double[] c1 = cols[1];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final DoubleVector p0 = DoubleVector.broadcast(SPECIES, c0[i]);
        final DoubleVector p1 = DoubleVector.broadcast(SPECIES, c1[i]);
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1)).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = ONE.sub(u).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
        }
      }
    }
  }

  private static void epanechnikov3(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final double[] s0 = t.pos[0];
    final double[] o0 = t.offset[0];
    final double[] c0 = cols[0];
    final double[] s1 = t.pos[1];
    final double[] o1 = t.offset[1];
    final double[] c1 = cols[1];
    final double[] s2 = t.pos[2];
    final double[] o2 = t.offset[2];
    final double[] c2 = cols[2];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final DoubleVector p0 = DoubleVector.broadcast(SPECIES, c0[i]);
        final DoubleVector p1 = DoubleVector.broadcast(SPECIES, c1[i]);
        final DoubleVector p2 = DoubleVector.broadcast(SPECIES, c2[i]);
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector d2 = p2.sub(DoubleVector.fromArray(SPECIES, s2, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1).add(d2.mul(d2))).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = ONE.sub(u).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
          DoubleVector.fromArray(SPECIES, o2, s).add(k.mul(d2)).intoArray(o2, s);
        }
      }
    }
  }

  private static void epanechnikovN(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final int d = t.dim;
    final double[] p = new double[d];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        for (int j = 0; j < d; j++) {
          p[j] = cols[j][i];
        }
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector dx =
              DoubleVector.broadcast(SPECIES, p[0])
                  .sub(DoubleVector.fromArray(SPECIES, t.pos[0], s));
          DoubleVector d2 = dx.mul(dx);
          for (int j = 1; j < d; j++) {
            dx =
                DoubleVector.broadcast(SPECIES, p[j])
                    .sub(DoubleVector.fromArray(SPECIES, t.pos[j], s));
            d2 = d2.add(dx.mul(dx));
          }
          DoubleVector u = d2.mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = ONE.sub(u).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          for (int j = 0; j < d; j++) {
            DoubleVector dj =
                DoubleVector.broadcast(SPECIES, p[j])
                    .sub(DoubleVector.fromArray(SPECIES, t.pos[j], s));
            DoubleVector.fromArray(SPECIES, t.offset[j], s)
                .add(k.mul(dj))
                .intoArray(t.offset[j], s);
          }
        }
      }
    }
  }

  private static void triangular2(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final double[] s0 = t.pos[0];
    final double[] o0 = t.offset[0];
    final double[] c0 = cols[0];
    final double[] s1 = t.pos[1];
    final double[] o1 = t.offset[1];
    final double[] c1 = cols[1];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final DoubleVector p0 = DoubleVector.broadcast(SPECIES, c0[i]);
        final DoubleVector p1 = DoubleVector.broadcast(SPECIES, c1[i]);
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1)).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = ONE.sub(u.sqrt()).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
        }
      }
    }
  }

  private static void triangular3(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final double[] s0 = t.pos[0];
    final double[] o0 = t.offset[0];
    final double[] c0 = cols[0];
    final double[] s1 = t.pos[1];
    final double[] o1 = t.offset[1];
    final double[] c1 = cols[1];
    final double[] s2 = t.pos[2];
    final double[] o2 = t.offset[2];
    final double[] c2 = cols[2];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final DoubleVector p0 = DoubleVector.broadcast(SPECIES, c0[i]);
        final DoubleVector p1 = DoubleVector.broadcast(SPECIES, c1[i]);
        final DoubleVector p2 = DoubleVector.broadcast(SPECIES, c2[i]);
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector d2 = p2.sub(DoubleVector.fromArray(SPECIES, s2, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1).add(d2.mul(d2))).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = ONE.sub(u.sqrt()).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
          DoubleVector.fromArray(SPECIES, o2, s).add(k.mul(d2)).intoArray(o2, s);
        }
      }
    }
  }

  private static void triangularN(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, int n, double inv) {
    final int d = t.dim;
    final double[] p = new double[d];
    final double[] aw = t.weight;
    final double[] as = t.support;
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        for (int j = 0; j < d; j++) {
          p[j] = cols[j][i];
        }
        final double pw = w[i];
        for (int s = 0; s < n; s += LANES) {
          DoubleVector dx =
              DoubleVector.broadcast(SPECIES, p[0])
                  .sub(DoubleVector.fromArray(SPECIES, t.pos[0], s));
          DoubleVector d2 = dx.mul(dx);
          for (int j = 1; j < d; j++) {
            dx =
                DoubleVector.broadcast(SPECIES, p[j])
                    .sub(DoubleVector.fromArray(SPECIES, t.pos[j], s));
            d2 = d2.add(dx.mul(dx));
          }
          DoubleVector u = d2.mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, 1.0);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k = ONE.sub(u.sqrt()).mul(pw).blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          VectorMask<Double> inside = u.compare(VectorOperators.LE, 1.0);
          DoubleVector sw = DoubleVector.broadcast(SPECIES, pw).blend(0.0, inside.not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          for (int j = 0; j < d; j++) {
            DoubleVector dj =
                DoubleVector.broadcast(SPECIES, p[j])
                    .sub(DoubleVector.fromArray(SPECIES, t.pos[j], s));
            DoubleVector.fromArray(SPECIES, t.offset[j], s)
                .add(k.mul(dj))
                .intoArray(t.offset[j], s);
          }
        }
      }
    }
  }

  /** {@link ShiftLoops#gaussian}, lane by lane, with the same operations. */
  private static DoubleVector gaussian(DoubleVector u) {
    DoubleVector t = u.mul(ShiftLoops.GAUSS_SCALE);
    DoubleVector t2 = t.mul(t);
    DoubleVector t4 = t2.mul(t2);
    DoubleVector t8 = t4.mul(t4);
    DoubleVector pv;
    if (ShiftLoops.FMA) {
      DoubleVector r0 = t.fma(ShiftLoops.C3, ShiftLoops.C2).fma(t2, t.add(1.0));
      DoubleVector r1 =
          t.fma(ShiftLoops.C7, ShiftLoops.C6).fma(t2, t.fma(ShiftLoops.C5, ShiftLoops.C4));
      DoubleVector r2 =
          t2.fma(
              DoubleVector.broadcast(SPECIES, ShiftLoops.C10), t.fma(ShiftLoops.C9, ShiftLoops.C8));
      pv = r2.fma(t8, r1.fma(t4, r0));
    } else {
      DoubleVector r0 = t.add(1.0).add(t.mul(ShiftLoops.C3).add(ShiftLoops.C2).mul(t2));
      DoubleVector r1 =
          t.mul(ShiftLoops.C5)
              .add(ShiftLoops.C4)
              .add(t.mul(ShiftLoops.C7).add(ShiftLoops.C6).mul(t2));
      DoubleVector r2 = t.mul(ShiftLoops.C9).add(ShiftLoops.C8).add(t2.mul(ShiftLoops.C10));
      pv = r0.add(r1.mul(t4)).add(r2.mul(t8));
    }
    pv = pv.mul(pv);
    pv = pv.mul(pv);
    pv = pv.mul(pv);
    pv = pv.mul(pv);
    pv = pv.mul(pv);
    return pv.mul(pv);
  }
}
