package io.github.meanshift.shift;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops of {@link ShiftLoops.Tiled} written with the Java Vector API ({@code
 * jdk.incubator.vector}), used only when that module is in the JVM's boot layer (the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, which makes it print "WARNING: Using incubator
 * modules" on stderr). This is the only class that refers to the module: {@link
 * ShiftLoops#perKernel} makes its copies, one per kernel as for {@code Tiled}, only when {@link
 * ShiftLoops#VECTOR} says the module is present.
 *
 * <p>A loop for two, three and any number of features: per point, the tile's seeds go by in vectors
 * of the preferred width; a vector with no seed within the kernel's cut-off is skipped after its
 * distances, the others add their weights, supports and offsets. The kernel's profile is the one
 * expression that tests {@link #KERNEL}, a constant of the copy, so C2 compiles only its branch.
 * The loops call nothing but the Vector API and {@link #gaussian} on the Gaussian's hot path, and
 * no vector meets another at a merge point: C2 boxes a vector it cannot keep in a register, which
 * is many times slower. Measured: a test of a kernel that was not a constant (a merge point) made
 * the loops ten times slower, and the weights and sums in a helper method, which C2 left out of
 * line on the rarely taken path past the skip, 0.6 times as fast at d = 5. The arithmetic per pair
 * is that of {@link ShiftLoops} (the same squared distance, the same polynomial Gaussian), so
 * results differ only in summation order.
 */
final class VectorLoops implements ShiftLoops.TileLoops {
  private static final Kernel KERNEL = ShiftLoops.kernelOf(MethodHandles.lookup());
  private static final boolean GAUSS = KERNEL == Kernel.GAUSSIAN;
  private static final boolean EPAN = KERNEL == Kernel.EPANECHNIKOV;
  private static final boolean TRI = KERNEL == Kernel.TRIANGULAR;
  private static final boolean FLAT = KERNEL == Kernel.FLAT;
  private static final double GAUSS_MAX_U = ShiftLoops.GAUSSIAN_MAX_U;
  private static final double MAX_U = GAUSS ? GAUSS_MAX_U : 1.0;
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);

  VectorLoops() {
    if (KERNEL == null) {
      throw new IllegalStateException("not a copy made by ShiftLoops.perKernel");
    }
  }

  /**
   * Returns false (having done nothing) when the tile's capacity is not a multiple of the width.
   */
  @Override
  public boolean run(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv) {
    if (t.capacity % LANES != 0) {
      return false;
    }
    // Whole vectors: lanes past t.size hold stale seeds whose sums are never read.
    final int n = (t.size + LANES - 1) / LANES * LANES;
    if (t.dim == 2) {
      run2(cols, w, ranges, nRanges, t, n, inv);
    } else if (t.dim == 3) {
      run3(cols, w, ranges, nRanges, t, n, inv);
    } else {
      runN(cols, w, ranges, nRanges, t, n, inv);
    }
    return true;
  }

  private static void run2(
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
        final DoubleVector pws = DoubleVector.broadcast(SPECIES, pw);
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1)).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, MAX_U);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k =
              (GAUSS
                      ? gaussian(u.min(GAUSS_MAX_U)).mul(pw)
                      : EPAN ? ONE.sub(u).mul(pw) : TRI ? ONE.sub(u.sqrt()).mul(pw) : pws)
                  .blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          DoubleVector sw = FLAT ? k : pws.blend(0.0, u.compare(VectorOperators.LE, 1.0).not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
        }
      }
    }
  }

  private static void run3(
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
        final DoubleVector pws = DoubleVector.broadcast(SPECIES, pw);
        for (int s = 0; s < n; s += LANES) {
          DoubleVector d0 = p0.sub(DoubleVector.fromArray(SPECIES, s0, s));
          DoubleVector d1 = p1.sub(DoubleVector.fromArray(SPECIES, s1, s));
          DoubleVector d2 = p2.sub(DoubleVector.fromArray(SPECIES, s2, s));
          DoubleVector u = d0.mul(d0).add(d1.mul(d1).add(d2.mul(d2))).mul(inv);
          VectorMask<Double> within = u.compare(VectorOperators.LE, MAX_U);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k =
              (GAUSS
                      ? gaussian(u.min(GAUSS_MAX_U)).mul(pw)
                      : EPAN ? ONE.sub(u).mul(pw) : TRI ? ONE.sub(u.sqrt()).mul(pw) : pws)
                  .blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          DoubleVector sw = FLAT ? k : pws.blend(0.0, u.compare(VectorOperators.LE, 1.0).not());
          DoubleVector.fromArray(SPECIES, as, s).add(sw).intoArray(as, s);
          DoubleVector.fromArray(SPECIES, o0, s).add(k.mul(d0)).intoArray(o0, s);
          DoubleVector.fromArray(SPECIES, o1, s).add(k.mul(d1)).intoArray(o1, s);
          DoubleVector.fromArray(SPECIES, o2, s).add(k.mul(d2)).intoArray(o2, s);
        }
      }
    }
  }

  private static void runN(
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
        final DoubleVector pws = DoubleVector.broadcast(SPECIES, pw);
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
          VectorMask<Double> within = u.compare(VectorOperators.LE, MAX_U);
          if (!within.anyTrue()) {
            continue;
          }
          DoubleVector k =
              (GAUSS
                      ? gaussian(u.min(GAUSS_MAX_U)).mul(pw)
                      : EPAN ? ONE.sub(u).mul(pw) : TRI ? ONE.sub(u.sqrt()).mul(pw) : pws)
                  .blend(0.0, within.not());
          DoubleVector.fromArray(SPECIES, aw, s).add(k).intoArray(aw, s);
          DoubleVector sw = FLAT ? k : pws.blend(0.0, u.compare(VectorOperators.LE, 1.0).not());
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
