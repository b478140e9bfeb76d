package io.github.meanshift.shift;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The hot loops of the JVM engine: every point of some ranges against every seed of a {@link
 * SeedTile}, adding {@code w·k}, {@code w·k·(y−s)} and the support into the tile's sums.
 *
 * <p>The loops run points outer and seeds inner: the point sits in registers and the inner loops
 * stream through the tile's arrays, which stay in the L1 cache. The inner loops are branch-free so
 * that HotSpot's C2 compiler turns them into SIMD code (SuperWord auto-vectorisation), which is
 * where the speed comes from: the kernel's cut-off is a 0/1 factor ({@link #step}) built from
 * additions and {@code Math.abs}, and the Gaussian is a polynomial ({@link #gaussian}) rather than
 * {@code Math.exp}. C2 vectorises only loops that are small, that write arrays it can prove
 * distinct, and whose loaded values feed it in simple ways; the loops of {@link Tiled} are shaped
 * for that, and {@code JvmShiftBench} measures them. There is a fused loop for two and for three
 * features and a generic one, in passes per feature, for other dimensions. Tiles of only a few
 * seeds go through a scalar loop with the seed in registers that skips pairs beyond the cut-off.
 *
 * <p>One source, compiled per kernel: the kernels differ only in {@code Tiled.profile}, and each
 * kernel runs its own copy of the loop classes ({@link Tiled}, and {@link VectorLoops}), made by
 * {@link #perKernel} with the kernel as a constant of the copy. C2 then compiles each copy for its
 * one kernel, as it did the hand-written loop per kernel and dimension this replaces: a kernel test
 * left in a shared loop (a {@code switch}, or tests C2 pruned by its profile) kept that loop or the
 * loops after it scalar, and a JVM that had run several kernels (a test run, the benchmark, a user
 * trying kernels) ran them all several times slower.
 *
 * <p>The weight of a pair is {@code w·k(u)} with {@code u = d²·(1/h²)} as in {@link
 * Kernel#weight(double)}, and the support counts {@code w} when {@code u ≤ 1}. Every path computes
 * a pair's terms with the same arithmetic, so the paths differ only in summation order.
 */
final class ShiftLoops {
  private ShiftLoops() {}

  /** System property that turns the Vector API loop off ({@code -Dmeanshift.vector=false}). */
  static final String VECTOR_PROPERTY = "meanshift.vector";

  /**
   * Whether {@link VectorLoops} (the Java Vector API) runs the tiles: only when the JVM has the
   * incubator module {@code jdk.incubator.vector} in its boot layer (it was started with {@code
   * --add-modules jdk.incubator.vector}) and {@link #VECTOR_PROPERTY} is not {@code false}.
   * Otherwise {@code VectorLoops} is never loaded and {@link Tiled} runs.
   */
  static final boolean VECTOR =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !"false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY));

  /** Tiles with fewer seeds than this take the scalar loop. */
  static final int MIN_VECTOR_SEEDS = 8;

  /** Largest {@code u} with a non-zero Gaussian weight. */
  static final double GAUSSIAN_MAX_U = Kernel.GAUSSIAN_CUTOFF * Kernel.GAUSSIAN_CUTOFF;

  /**
   * Scale of {@link #step}: any non-zero {@code a} it sees is {@code c − u} for {@code c} of 1 or
   * {@link #GAUSSIAN_MAX_U}, so at least 2⁻⁵³ in magnitude, and {@code a·BIG} is then at least 128
   * in magnitude; it stays finite while {@code |a| < 1e290} (see {@link #MAX_SCALED_COORDINATE}).
   */
  private static final double BIG = 0x1p60;

  /**
   * Largest {@code |x|/h} of a coordinate the loops accept: it keeps every {@code u} below 1e290,
   * so that no intermediate of {@link #step} overflows to infinity (which would make a weight NaN).
   */
  static final double MAX_SCALED_COORDINATE = 1e100;

  /**
   * Whether the JVM computes {@code Math.fma} in hardware (HotSpot's {@code UseFMA}). Without it
   * {@code Math.fma} is a slow software routine, so {@link #gaussian} then uses plain products and
   * sums. A constant, so C2 keeps only one branch.
   */
  static final boolean FMA = hardwareFma();

  /** Range reduction of {@link #gaussian}: {@code exp(x) = exp(x/2^6)^(2^6)}. */
  static final double GAUSS_SCALE = -0.5 / 64;

  // Taylor coefficients 1/k! of exp, k = 0..10.
  static final double C2 = 1.0 / 2;
  static final double C3 = 1.0 / 6;
  static final double C4 = 1.0 / 24;
  static final double C5 = 1.0 / 120;
  static final double C6 = 1.0 / 720;
  static final double C7 = 1.0 / 5040;
  static final double C8 = 1.0 / 40320;
  static final double C9 = 1.0 / 362880;
  static final double C10 = 1.0 / 3628800;

  /**
   * {@code max(0, x)}, exactly, from an addition and {@code Math.abs}. Not {@code Math.max}: loops
   * using it vectorised or not depending on what else the JVM had run (C2 seems to choose between
   * its intrinsic and a branch from {@code Math.max}'s own, JVM-wide profile).
   */
  static double relu(double x) {
    return 0.5 * (x + Math.abs(x));
  }

  private static boolean hardwareFma() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean hs =
          java.lang.management.ManagementFactory.getPlatformMXBean(
              com.sun.management.HotSpotDiagnosticMXBean.class);
      return hs != null && Boolean.parseBoolean(hs.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** 1 if {@code a ≥ 0}, else 0, without a branch (for {@code a} as described at {@link #BIG}). */
  static double step(double a) {
    return 1.0 - relu(1.0 - relu(a * BIG + 1.0));
  }

  /**
   * {@code exp(−u/2)} for {@code 0 ≤ u ≤} {@link #GAUSSIAN_MAX_U}: a degree-10 Taylor polynomial of
   * {@code exp(−u/128)} squared six times. Relative error below 2e-14 against {@code
   * StrictMath.exp} on that range; only multiplications and additions, so it vectorises.
   */
  static double gaussian(double u) {
    // Estrin's scheme: a shorter chain of dependent operations than Horner's.
    double t = u * GAUSS_SCALE;
    double t2 = t * t;
    double t4 = t2 * t2;
    double t8 = t4 * t4;
    double p;
    if (FMA) {
      double r0 = Math.fma(Math.fma(C3, t, C2), t2, 1.0 + t);
      double r1 = Math.fma(Math.fma(C7, t, C6), t2, Math.fma(C5, t, C4));
      double r2 = Math.fma(C10, t2, Math.fma(C9, t, C8));
      p = Math.fma(r2, t8, Math.fma(r1, t4, r0));
    } else {
      double r0 = (1.0 + t) + (C2 + C3 * t) * t2;
      double r1 = (C4 + C5 * t) + (C6 + C7 * t) * t2;
      double r2 = (C8 + C9 * t) + C10 * t2;
      p = (r0 + r1 * t4) + r2 * t8;
    }
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    return p * p;
  }

  /**
   * Whether no {@code d2[s]·inv} is within {@code maxU}: a point with no seed of the tile inside
   * the kernel's cut-off skips the weights and the sums, as the Vector API loops skip each lane
   * group with none inside.
   */
  static boolean noneWithin(double[] d2, double inv, double maxU, int n) {
    for (int s = 0; s < n; s++) {
      if (d2[s] * inv <= maxU) {
        return false;
      }
    }
    return true;
  }

  /** The loops of one kernel over a tile. */
  interface TileLoops {
    /**
     * Adds the sums of the points in {@code ranges} against every seed of {@code t}, as {@link
     * ShiftLoops#run}; false (having done nothing) when these loops cannot run the tile.
     */
    boolean run(double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv);
  }

  /** {@link Tiled}'s copies, by {@link Kernel#ordinal()}. */
  private static final TileLoops[] TILED = perKernel("ShiftLoops$Tiled.class");

  /** {@link VectorLoops}'s copies, made when first used (only with {@link #VECTOR}). */
  private static final class VectorCopies {
    static final TileLoops[] LOOPS = perKernel("VectorLoops.class");
  }

  /**
   * One copy per kernel of the loop class in the class file {@code classFile} (of this package), as
   * hidden classes whose class data is the kernel (read by {@link #kernelOf}): each copy is
   * compiled, and profiled, on its own, with its kernel a constant. The class file is read from the
   * class path, as this class was; the class it defines is never loaded itself.
   */
  static TileLoops[] perKernel(String classFile) {
    byte[] bytes;
    try (InputStream in = ShiftLoops.class.getResourceAsStream(classFile)) {
      if (in == null) {
        throw new IllegalStateException("class file " + classFile + " not found");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class file " + classFile, e);
    }
    MethodHandles.Lookup here = MethodHandles.lookup();
    Kernel[] kernels = Kernel.values();
    TileLoops[] loops = new TileLoops[kernels.length];
    for (Kernel k : kernels) {
      try {
        MethodHandles.Lookup copy =
            here.defineHiddenClassWithClassData(
                bytes, k, true, MethodHandles.Lookup.ClassOption.NESTMATE);
        loops[k.ordinal()] =
            (TileLoops)
                copy.findConstructor(copy.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
      } catch (Throwable e) {
        throw new IllegalStateException("cannot make the " + k + " copy of " + classFile, e);
      }
    }
    return loops;
  }

  /**
   * The kernel of a loop class copy made by {@link #perKernel}, from the {@code lookup} of that
   * copy; null in the class the copies are made from.
   */
  static Kernel kernelOf(MethodHandles.Lookup lookup) {
    try {
      return MethodHandles.classData(lookup, ConstantDescs.DEFAULT_NAME, Kernel.class);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds the sums of the points in {@code ranges} ({@code nRanges/2} pairs {@code [from, to)} of
   * indices into {@code cols}/{@code w}) against every seed of {@code tile}.
   *
   * @param cols one array per feature
   * @param inv {@code 1/h²}
   */
  static void run(
      double[][] cols,
      double[] w,
      int[] ranges,
      int nRanges,
      SeedTile tile,
      Kernel kernel,
      double inv) {
    if (nRanges == 0 || tile.size == 0) {
      return;
    }
    if (tile.size < MIN_VECTOR_SEEDS
        || !VECTOR
        || !vector(kernel).run(cols, w, ranges, nRanges, tile, inv)) {
      tiled(kernel).run(cols, w, ranges, nRanges, tile, inv);
    }
  }

  /** The auto-vectorised loops of {@code kernel}, which run the tiles without the Vector API. */
  static TileLoops tiled(Kernel kernel) {
    return TILED[kernel.ordinal()];
  }

  /**
   * The Vector API loops of {@code kernel}; only with {@code jdk.incubator.vector} in the boot
   * layer.
   */
  static TileLoops vector(Kernel kernel) {
    return VectorCopies.LOOPS[kernel.ordinal()];
  }

  /**
   * The loops for one kernel, {@link #KERNEL}; {@link #perKernel} makes a copy per kernel, and this
   * class itself is never loaded. Tests of {@code KERNEL} are of a constant: C2 keeps one branch of
   * each, so each copy's loops are as if written for its kernel.
   *
   * <p>Per point, per tile: with two or three features one fused loop adds the sums of every seed;
   * the Gaussian and the triangular kernel, whose profiles would make that loop too large to
   * vectorise, compute their values first in loops of their own ({@link #AHEAD}). In other
   * dimensions, squared distances feature by feature, the weights, then the offsets feature by
   * feature; a point with no seed within the cut-off skips the rest. The arrays the fused loops
   * write live in the method itself and are never passed on, so C2 knows they alias no other array,
   * which its vectoriser needs when a loop writes more than two arrays; the seeds' arrays and count
   * come in as arguments (read from the tile inside the method, the same loops stay scalar on
   * HotSpot 17). Loop bodies are kept small: C2 unrolls, and so vectorises, only loops below a size
   * limit (LoopUnrollLimit). A loop that reads a kernel value back uses it only after multiplying
   * it by the point's weight: used raw by several products, the loaded value kept C2 from
   * vectorising the loop.
   */
  static final class Tiled implements TileLoops {
    private static final Kernel KERNEL = kernelOf(MethodHandles.lookup());
    private static final boolean GAUSS = KERNEL == Kernel.GAUSSIAN;
    private static final double MAX_U = GAUSS ? GAUSSIAN_MAX_U : 1.0;

    /**
     * Whether the two- and three-feature loops get the kernel's values from loops of their own
     * (skipping a point with none within the cut-off) rather than computing them in the fused loop:
     * for the profiles (a polynomial, a square root) that would make it too large to vectorise.
     */
    private static final boolean AHEAD = GAUSS || KERNEL == Kernel.TRIANGULAR;

    /**
     * Whether the support is the weight (the flat kernel's value is its cut-off), not summed apart.
     */
    private static final boolean SUPPORT_IS_WEIGHT = KERNEL == Kernel.FLAT;

    Tiled() {
      if (KERNEL == null) {
        throw new IllegalStateException("not a copy made by perKernel");
      }
    }

    /**
     * The kernel's profile: its value at {@code u = d²/h²} for {@code u} within its cut-off (as in
     * {@link Kernel#weight(double)}, the Gaussian as the polynomial {@link #gaussian}). The one
     * place the kernels differ: every loop of this class gets its weights as {@code
     * step·profile(u)}, with {@code step} 1 within the cut-off and 0 beyond (where {@code u} may
     * then be anything finite, except for the Gaussian, which needs {@code u ≤} {@link
     * #GAUSSIAN_MAX_U}). {@link VectorLoops} computes the same lane by lane.
     */
    private static double profile(double u) {
      if (KERNEL == Kernel.GAUSSIAN) {
        return gaussian(u);
      }
      if (KERNEL == Kernel.EPANECHNIKOV) {
        return 1.0 - u;
      }
      if (KERNEL == Kernel.TRIANGULAR) {
        return 1.0 - Math.sqrt(u);
      }
      return 1.0;
    }

    @Override
    public boolean run(
        double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv) {
      final double[][] p = t.pos;
      if (t.size < MIN_VECTOR_SEEDS) {
        scalar(cols, w, ranges, nRanges, t, inv);
      } else if (t.dim == 2) {
        run2(cols[0], cols[1], w, ranges, nRanges, p[0], p[1], t.size, t, inv);
      } else if (t.dim == 3) {
        run3(cols[0], cols[1], cols[2], w, ranges, nRanges, p[0], p[1], p[2], t.size, t, inv);
      } else {
        runN(cols, w, ranges, nRanges, t, inv);
      }
      return true;
    }

    /**
     * {@code k[s]}: the kernel values of the squared distances {@code d2[s]}, which it may
     * overwrite; {@code as[s]} gains {@code pw} where {@code u ≤ 1}.
     */
    private static void weights(
        double[] d2, double inv, double pw, double[] k, double[] as, int n) {
      if (GAUSS) {
        for (int s = 0; s < n; s++) {
          ahead(d2[s], inv, d2, k, s);
        }
        weightsAhead(d2, inv, pw, k, as, n);
      } else {
        for (int s = 0; s < n; s++) {
          double u = d2[s] * inv;
          double st = step(1.0 - u);
          k[s] = st * profile(u);
          if (!SUPPORT_IS_WEIGHT) {
            as[s] += pw * st;
          }
        }
      }
    }

    /**
     * What the loops that compute a kernel's values ahead ({@link #AHEAD}) keep of a pair at
     * squared distance {@code dd}: for the Gaussian, {@code a[s] = u} (0 beyond the cut-off) and
     * {@code k[s]} 1 within it, else 0; for another kernel, {@code a[s] = dd}.
     */
    private static void ahead(double dd, double inv, double[] a, double[] k, int s) {
      if (GAUSS) {
        double u = dd * inv;
        double st = step(MAX_U - u);
        a[s] = u * st;
        k[s] = st;
      } else {
        a[s] = dd;
      }
    }

    /** Whether none of the pairs {@link #ahead} kept is within the cut-off. */
    private static boolean noneAhead(double[] a, double inv, double[] k, int n) {
      return GAUSS ? noneSet(k, n) : noneWithin(a, inv, MAX_U, n);
    }

    /** {@link #weights} from what {@link #ahead} kept. */
    private static void weightsAhead(
        double[] a, double inv, double pw, double[] k, double[] as, int n) {
      if (GAUSS) {
        for (int s = 0; s < n; s++) {
          as[s] += pw * k[s] * step(1.0 - a[s]);
        }
        for (int s = 0; s < n; s++) {
          k[s] = k[s] * profile(a[s]);
        }
      } else {
        weights(a, inv, pw, k, as, n);
      }
    }

    /** Whether none of the first {@code n} flags {@code k[s]} of {@link #ahead} is set. */
    private static boolean noneSet(double[] k, int n) {
      for (int s = 0; s < n; s++) {
        if (k[s] != 0) {
          return false;
        }
      }
      return true;
    }

    private static void run2(
        double[] x,
        double[] y,
        double[] w,
        int[] ranges,
        int nRanges,
        double[] sx,
        double[] sy,
        int n,
        SeedTile t,
        double inv) {
      final double[] d2 = t.scratchU;
      final double[] g = t.scratchK;
      final double[] aw = new double[n];
      final double[] as = new double[n];
      final double[] ax = new double[n];
      final double[] ay = new double[n];
      for (int r = 0; r < nRanges; r += 2) {
        final int to = ranges[r + 1];
        for (int i = ranges[r]; i < to; i++) {
          final double px = x[i];
          final double py = y[i];
          final double pw = w[i];
          if (AHEAD) {
            for (int s = 0; s < n; s++) {
              double dx = px - sx[s];
              double dy = py - sy[s];
              ahead(dx * dx + dy * dy, inv, d2, g, s);
            }
            if (noneAhead(d2, inv, g, n)) {
              continue;
            }
            weightsAhead(d2, inv, pw, g, as, n);
          }
          for (int s = 0; s < n; s++) {
            double dx = px - sx[s];
            double dy = py - sy[s];
            double u = (dx * dx + dy * dy) * inv;
            double ws = pw * step(1.0 - u);
            double ks = AHEAD ? g[s] * pw : ws * profile(u);
            aw[s] += ks;
            ax[s] += ks * dx;
            ay[s] += ks * dy;
            if (!AHEAD && !SUPPORT_IS_WEIGHT) {
              as[s] += ws;
            }
          }
        }
      }
      for (int s = 0; s < n; s++) {
        t.weight[s] += aw[s];
        t.support[s] += SUPPORT_IS_WEIGHT ? aw[s] : as[s];
        t.offset[0][s] += ax[s];
        t.offset[1][s] += ay[s];
      }
    }

    private static void run3(
        double[] x,
        double[] y,
        double[] z,
        double[] w,
        int[] ranges,
        int nRanges,
        double[] sx,
        double[] sy,
        double[] sz,
        int n,
        SeedTile t,
        double inv) {
      final double[] d2 = t.scratchU;
      final double[] g = t.scratchK;
      final double[] aw = new double[n];
      final double[] as = new double[n];
      final double[] ax = new double[n];
      final double[] ay = new double[n];
      final double[] az = new double[n];
      for (int r = 0; r < nRanges; r += 2) {
        final int to = ranges[r + 1];
        for (int i = ranges[r]; i < to; i++) {
          final double px = x[i];
          final double py = y[i];
          final double pz = z[i];
          final double pw = w[i];
          if (AHEAD) {
            for (int s = 0; s < n; s++) {
              double dx = px - sx[s];
              double dy = py - sy[s];
              double dz = pz - sz[s];
              ahead(dx * dx + dy * dy + dz * dz, inv, d2, g, s);
            }
            if (noneAhead(d2, inv, g, n)) {
              continue;
            }
            weightsAhead(d2, inv, pw, g, as, n);
          }
          for (int s = 0; s < n; s++) {
            double dx = px - sx[s];
            double dy = py - sy[s];
            double dz = pz - sz[s];
            double u = (dx * dx + dy * dy + dz * dz) * inv;
            double ws = pw * step(1.0 - u);
            double ks = AHEAD ? g[s] * pw : ws * profile(u);
            aw[s] += ks;
            ax[s] += ks * dx;
            ay[s] += ks * dy;
            az[s] += ks * dz;
            if (!AHEAD && !SUPPORT_IS_WEIGHT) {
              as[s] += ws;
            }
          }
        }
      }
      for (int s = 0; s < n; s++) {
        t.weight[s] += aw[s];
        t.support[s] += SUPPORT_IS_WEIGHT ? aw[s] : as[s];
        t.offset[0][s] += ax[s];
        t.offset[1][s] += ay[s];
        t.offset[2][s] += az[s];
      }
    }

    private static void runN(
        double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv) {
      final int d = t.dim;
      final int n = t.size;
      final double[][] pos = t.pos;
      final double[] d2 = t.scratchU;
      final double[] k = t.scratchK;
      final double[] aw = new double[n];
      final double[] as = new double[n];
      for (int r = 0; r < nRanges; r += 2) {
        final int to = ranges[r + 1];
        for (int i = ranges[r]; i < to; i++) {
          final double pw = w[i];
          final double p0 = cols[0][i];
          final double[] s0 = pos[0];
          for (int s = 0; s < n; s++) {
            double dx = p0 - s0[s];
            d2[s] = dx * dx;
          }
          for (int j = 1; j < d; j++) {
            final double pj = cols[j][i];
            final double[] sj = pos[j];
            for (int s = 0; s < n; s++) {
              double dx = pj - sj[s];
              d2[s] += dx * dx;
            }
          }
          if (noneWithin(d2, inv, MAX_U, n)) {
            continue;
          }
          weights(d2, inv, pw, k, as, n);
          for (int s = 0; s < n; s++) {
            double ks = k[s] * pw;
            k[s] = ks;
            aw[s] += ks;
          }
          for (int j = 0; j < d; j++) {
            final double pj = cols[j][i];
            final double[] sj = pos[j];
            final double[] oj = t.offset[j];
            for (int s = 0; s < n; s++) {
              oj[s] += k[s] * (pj - sj[s]);
            }
          }
        }
      }
      for (int s = 0; s < n; s++) {
        t.weight[s] += aw[s];
        t.support[s] += SUPPORT_IS_WEIGHT ? aw[s] : as[s];
      }
    }

    // ---- few seeds -----------------------------------------------------------------------------

    /** Seed outer, points inner, skipping pairs beyond the cut-off: for tiles of a few seeds. */
    private static void scalar(
        double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv) {
      final int d = t.dim;
      final double maxU = MAX_U;
      final double[] c = new double[d];
      final double[] off = new double[d];
      for (int s = 0; s < t.size; s++) {
        for (int j = 0; j < d; j++) {
          c[j] = t.pos[j][s];
          off[j] = 0;
        }
        double sw = 0;
        double sp = 0;
        for (int r = 0; r < nRanges; r += 2) {
          final int to = ranges[r + 1];
          for (int i = ranges[r]; i < to; i++) {
            double d2 = 0;
            for (int j = 0; j < d; j++) {
              double dx = cols[j][i] - c[j];
              d2 += dx * dx;
            }
            double u = d2 * inv;
            if (u <= maxU) {
              double pw = w[i];
              double k = pw * profile(u);
              sw += k;
              for (int j = 0; j < d; j++) {
                off[j] += k * (cols[j][i] - c[j]);
              }
              if (u <= 1.0) {
                sp += pw;
              }
            }
          }
        }
        t.weight[s] += sw;
        t.support[s] += sp;
        for (int j = 0; j < d; j++) {
          t.offset[j][s] += off[j];
        }
      }
    }
  }
}
