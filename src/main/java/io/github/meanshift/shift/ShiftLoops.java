package io.github.meanshift.shift;

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
 * distinct, and whose loaded values feed it in simple ways; the loops below are shaped for that,
 * and {@code JvmShiftBench} measures them. There are fused loops for two and three features and a
 * generic one, in passes per feature, for other dimensions. Tiles of only a few seeds go through a
 * scalar loop with the seed in registers that skips pairs beyond the cut-off.
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
   * Otherwise {@code VectorLoops} is never loaded and the loops below run.
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
   * Whether none of the first {@code n} flags is set: a point with no seed of the tile inside the
   * cut-off skips the Gaussian polynomial and the sums, as the Vector API loops skip each lane
   * group with none inside.
   */
  static boolean noneWithin(double[] within, int n) {
    for (int s = 0; s < n; s++) {
      if (within[s] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Kernel weight for {@code u} within the kernel's support, as every loop computes it. */
  static double weightWithin(Kernel kernel, double u) {
    switch (kernel) {
      case GAUSSIAN:
        return gaussian(u);
      case FLAT:
        return 1.0;
      case EPANECHNIKOV:
        return 1.0 - u;
      case TRIANGULAR:
        return 1.0 - Math.sqrt(u);
      default:
        throw new AssertionError(kernel);
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
    if (VECTOR
        && tile.size >= MIN_VECTOR_SEEDS
        && VectorLoops.run(cols, w, ranges, nRanges, tile, kernel, inv)) {
      return;
    }
    if (tile.size < MIN_VECTOR_SEEDS) {
      scalar(cols, w, ranges, nRanges, tile, kernel, inv);
    } else if (tile.dim == 2) {
      run2(cols[0], cols[1], w, ranges, nRanges, tile, kernel, inv);
    } else if (tile.dim == 3) {
      run3(cols[0], cols[1], cols[2], w, ranges, nRanges, tile, kernel, inv);
    } else {
      generic(cols, w, ranges, nRanges, tile, kernel, inv);
    }
  }

  private static void run2(
      double[] x,
      double[] y,
      double[] w,
      int[] ranges,
      int nRanges,
      SeedTile t,
      Kernel kernel,
      double inv) {
    final int n = t.size;
    switch (kernel) {
      case GAUSSIAN:
        gaussian2(x, y, w, ranges, nRanges, t.pos[0], t.pos[1], n, t, inv);
        break;
      case FLAT:
        flat2(x, y, w, ranges, nRanges, t.pos[0], t.pos[1], n, t, inv);
        break;
      case EPANECHNIKOV:
        epanechnikov2(x, y, w, ranges, nRanges, t.pos[0], t.pos[1], n, t, inv);
        break;
      case TRIANGULAR:
        triangular2(x, y, w, ranges, nRanges, t.pos[0], t.pos[1], n, t, inv);
        break;
      default:
        throw new AssertionError(kernel);
    }
  }

  private static void run3(
      double[] x,
      double[] y,
      double[] z,
      double[] w,
      int[] ranges,
      int nRanges,
      SeedTile t,
      Kernel kernel,
      double inv) {
    final int n = t.size;
    switch (kernel) {
      case GAUSSIAN:
        gaussian3(x, y, z, w, ranges, nRanges, t.pos[0], t.pos[1], t.pos[2], n, t, inv);
        break;
      case FLAT:
        flat3(x, y, z, w, ranges, nRanges, t.pos[0], t.pos[1], t.pos[2], n, t, inv);
        break;
      case EPANECHNIKOV:
        epanechnikov3(x, y, z, w, ranges, nRanges, t.pos[0], t.pos[1], t.pos[2], n, t, inv);
        break;
      case TRIANGULAR:
        triangular3(x, y, z, w, ranges, nRanges, t.pos[0], t.pos[1], t.pos[2], n, t, inv);
        break;
      default:
        throw new AssertionError(kernel);
    }
  }

  // The fused loops for two and three features. The arrays they write live in the method itself
  // and are never passed on, so C2 knows they alias no other array, which its vectoriser needs
  // when a loop writes more than two arrays; the seeds' arrays and count come in as arguments
  // (read from the tile inside the method, the same loops stay scalar on HotSpot 17). Loop bodies
  // are kept small, splitting the work into several loops where needed: C2 unrolls, and so
  // vectorises, only loops below a size limit (LoopUnrollLimit). A loop that reads a kernel value
  // back uses it only after multiplying it by the point's weight: used raw by several products,
  // the loaded value kept C2 from vectorising the loop. Flat needs no separate support: its weight
  // is the support's.

  private static void flat2(
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
    final double[] aw = new double[n];
    final double[] ax = new double[n];
    final double[] ay = new double[n];
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final double px = x[i];
        final double py = y[i];
        final double pw = w[i];
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double u = (dx * dx + dy * dy) * inv;
          double a = 1.0 - u;
          double ws = pw * step(a);
          double ks = ws;
          aw[s] += ks;
          ax[s] += ks * dx;
          ay[s] += ks * dy;
        }
      }
    }
    for (int s = 0; s < n; s++) {
      t.weight[s] += aw[s];
      t.support[s] += aw[s];
      t.offset[0][s] += ax[s];
      t.offset[1][s] += ay[s];
    }
  }

  private static void epanechnikov2(
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
    final double[] aw = new double[n];
    final double[] ax = new double[n];
    final double[] ay = new double[n];
    final double[] as = new double[n];
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final double px = x[i];
        final double py = y[i];
        final double pw = w[i];
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double u = (dx * dx + dy * dy) * inv;
          double a = 1.0 - u;
          double ws = pw * step(a);
          double ks = ws * a;
          aw[s] += ks;
          ax[s] += ks * dx;
          ay[s] += ks * dy;
          as[s] += ws;
        }
      }
    }
    for (int s = 0; s < n; s++) {
      t.weight[s] += aw[s];
      t.support[s] += as[s];
      t.offset[0][s] += ax[s];
      t.offset[1][s] += ay[s];
    }
  }

  private static void triangular2(
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
    final double[] aw = new double[n];
    final double[] ax = new double[n];
    final double[] ay = new double[n];
    final double[] as = new double[n];
    final double[] k = new double[n];
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final double px = x[i];
        final double py = y[i];
        final double pw = w[i];
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double u = (dx * dx + dy * dy) * inv;
          double a = 1.0 - u;
          double st = step(a);
          k[s] = st * (1.0 - Math.sqrt(u));
          as[s] += pw * st;
        }
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double ks = k[s] * pw;
          aw[s] += ks;
          ax[s] += ks * dx;
          ay[s] += ks * dy;
        }
      }
    }
    for (int s = 0; s < n; s++) {
      t.weight[s] += aw[s];
      t.support[s] += as[s];
      t.offset[0][s] += ax[s];
      t.offset[1][s] += ay[s];
    }
  }

  private static void gaussian2(
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
    final double[] aw = new double[n];
    final double[] ax = new double[n];
    final double[] ay = new double[n];
    final double[] as = new double[n];
    final double[] k = new double[n];
    final double[] cu = new double[n];
    final double[] kw = new double[n];
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final double px = x[i];
        final double py = y[i];
        final double pw = w[i];
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double u = (dx * dx + dy * dy) * inv;
          double st = step(GAUSSIAN_MAX_U - u);
          cu[s] = u * st;
          kw[s] = st;
        }
        if (noneWithin(kw, n)) {
          continue;
        }
        for (int s = 0; s < n; s++) {
          k[s] = kw[s] * gaussian(cu[s]);
        }
        for (int s = 0; s < n; s++) {
          as[s] += pw * kw[s] * step(1.0 - cu[s]);
        }
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double ks = k[s] * pw;
          aw[s] += ks;
          ax[s] += ks * dx;
          ay[s] += ks * dy;
        }
      }
    }
    for (int s = 0; s < n; s++) {
      t.weight[s] += aw[s];
      t.support[s] += as[s];
      t.offset[0][s] += ax[s];
      t.offset[1][s] += ay[s];
    }
  }

  private static void flat3(
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
    final double[] aw = new double[n];
    final double[] ax = new double[n];
    final double[] ay = new double[n];
    final double[] az = new double[n];
    final double[] k = new double[n];
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final double px = x[i];
        final double py = y[i];
        final double pz = z[i];
        final double pw = w[i];
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double dz = pz - sz[s];
          double u = (dx * dx + dy * dy + dz * dz) * inv;
          double a = 1.0 - u;
          double st = step(a);
          k[s] = st;
        }
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double dz = pz - sz[s];
          double ks = k[s] * pw;
          aw[s] += ks;
          ax[s] += ks * dx;
          ay[s] += ks * dy;
          az[s] += ks * dz;
        }
      }
    }
    for (int s = 0; s < n; s++) {
      t.weight[s] += aw[s];
      t.support[s] += aw[s];
      t.offset[0][s] += ax[s];
      t.offset[1][s] += ay[s];
      t.offset[2][s] += az[s];
    }
  }

  private static void epanechnikov3(
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
    final double[] aw = new double[n];
    final double[] ax = new double[n];
    final double[] ay = new double[n];
    final double[] az = new double[n];
    final double[] as = new double[n];
    final double[] k = new double[n];
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final double px = x[i];
        final double py = y[i];
        final double pz = z[i];
        final double pw = w[i];
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double dz = pz - sz[s];
          double u = (dx * dx + dy * dy + dz * dz) * inv;
          double a = 1.0 - u;
          double st = step(a);
          k[s] = st - st * u;
          as[s] += pw * st;
        }
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double dz = pz - sz[s];
          double ks = k[s] * pw;
          aw[s] += ks;
          ax[s] += ks * dx;
          ay[s] += ks * dy;
          az[s] += ks * dz;
        }
      }
    }
    for (int s = 0; s < n; s++) {
      t.weight[s] += aw[s];
      t.support[s] += as[s];
      t.offset[0][s] += ax[s];
      t.offset[1][s] += ay[s];
      t.offset[2][s] += az[s];
    }
  }

  private static void triangular3(
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
    final double[] aw = new double[n];
    final double[] ax = new double[n];
    final double[] ay = new double[n];
    final double[] az = new double[n];
    final double[] as = new double[n];
    final double[] k = new double[n];
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final double px = x[i];
        final double py = y[i];
        final double pz = z[i];
        final double pw = w[i];
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double dz = pz - sz[s];
          double u = (dx * dx + dy * dy + dz * dz) * inv;
          double a = 1.0 - u;
          double st = step(a);
          k[s] = st * (1.0 - Math.sqrt(u));
          as[s] += pw * st;
        }
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double dz = pz - sz[s];
          double ks = k[s] * pw;
          aw[s] += ks;
          ax[s] += ks * dx;
          ay[s] += ks * dy;
          az[s] += ks * dz;
        }
      }
    }
    for (int s = 0; s < n; s++) {
      t.weight[s] += aw[s];
      t.support[s] += as[s];
      t.offset[0][s] += ax[s];
      t.offset[1][s] += ay[s];
      t.offset[2][s] += az[s];
    }
  }

  private static void gaussian3(
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
    final double[] aw = new double[n];
    final double[] ax = new double[n];
    final double[] ay = new double[n];
    final double[] az = new double[n];
    final double[] as = new double[n];
    final double[] k = new double[n];
    final double[] cu = new double[n];
    final double[] kw = new double[n];
    for (int r = 0; r < nRanges; r += 2) {
      final int to = ranges[r + 1];
      for (int i = ranges[r]; i < to; i++) {
        final double px = x[i];
        final double py = y[i];
        final double pz = z[i];
        final double pw = w[i];
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double dz = pz - sz[s];
          double u = (dx * dx + dy * dy + dz * dz) * inv;
          double st = step(GAUSSIAN_MAX_U - u);
          cu[s] = u * st;
          kw[s] = st;
        }
        if (noneWithin(kw, n)) {
          continue;
        }
        for (int s = 0; s < n; s++) {
          k[s] = kw[s] * gaussian(cu[s]);
        }
        for (int s = 0; s < n; s++) {
          as[s] += pw * kw[s] * step(1.0 - cu[s]);
        }
        for (int s = 0; s < n; s++) {
          double dx = px - sx[s];
          double dy = py - sy[s];
          double dz = pz - sz[s];
          double ks = k[s] * pw;
          aw[s] += ks;
          ax[s] += ks * dx;
          ay[s] += ks * dy;
          az[s] += ks * dz;
        }
      }
    }
    for (int s = 0; s < n; s++) {
      t.weight[s] += aw[s];
      t.support[s] += as[s];
      t.offset[0][s] += ax[s];
      t.offset[1][s] += ay[s];
      t.offset[2][s] += az[s];
    }
  }

  // ---- any dimension -------------------------------------------------------------------------

  /**
   * Any dimension: per point, squared distances feature by feature, the weights, the offsets
   * feature by feature; one method per kernel, so that each is compiled (and vectorised) on its
   * own.
   */
  private static void generic(
      double[][] cols,
      double[] w,
      int[] ranges,
      int nRanges,
      SeedTile t,
      Kernel kernel,
      double inv) {
    switch (kernel) {
      case GAUSSIAN:
        gaussianN(cols, w, ranges, nRanges, t, inv);
        break;
      case FLAT:
        flatN(cols, w, ranges, nRanges, t, inv);
        break;
      case EPANECHNIKOV:
        epanechnikovN(cols, w, ranges, nRanges, t, inv);
        break;
      case TRIANGULAR:
        triangularN(cols, w, ranges, nRanges, t, inv);
        break;
      default:
        throw new AssertionError(kernel);
    }
  }

  private static void gaussianN(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv) {
    final int d = t.dim;
    final int n = t.size;
    final double[][] pos = t.pos;
    final double[] d2 = new double[n];
    final double[] k = new double[n];
    final double[] aw = new double[n];
    final double[] as = new double[n];
    final double[] cu = new double[n];
    final double[] kw = new double[n];
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
        for (int s = 0; s < n; s++) {
          double u = d2[s] * inv;
          double st = step(GAUSSIAN_MAX_U - u);
          cu[s] = u * st;
          kw[s] = st;
        }
        if (noneWithin(kw, n)) {
          continue;
        }
        for (int s = 0; s < n; s++) {
          k[s] = kw[s] * gaussian(cu[s]);
        }
        for (int s = 0; s < n; s++) {
          as[s] += pw * kw[s] * step(1.0 - cu[s]);
        }
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
      t.support[s] += as[s];
    }
  }

  private static void flatN(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv) {
    final int d = t.dim;
    final int n = t.size;
    final double[][] pos = t.pos;
    final double[] d2 = new double[n];
    final double[] k = new double[n];
    final double[] aw = new double[n];
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
        for (int s = 0; s < n; s++) {
          double ks = pw * step(1.0 - d2[s] * inv);
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
      t.support[s] += aw[s];
    }
  }

  private static void epanechnikovN(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv) {
    final int d = t.dim;
    final int n = t.size;
    final double[][] pos = t.pos;
    final double[] d2 = new double[n];
    final double[] k = new double[n];
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
        for (int s = 0; s < n; s++) {
          double u = d2[s] * inv;
          double ws = pw * step(1.0 - u);
          k[s] = ws - ws * u;
          as[s] += ws;
        }
        for (int s = 0; s < n; s++) {
          aw[s] += k[s];
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
      t.support[s] += as[s];
    }
  }

  private static void triangularN(
      double[][] cols, double[] w, int[] ranges, int nRanges, SeedTile t, double inv) {
    final int d = t.dim;
    final int n = t.size;
    final double[][] pos = t.pos;
    final double[] d2 = new double[n];
    final double[] k = new double[n];
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
        for (int s = 0; s < n; s++) {
          double u = d2[s] * inv;
          double ws = pw * step(1.0 - u);
          k[s] = ws * (1.0 - Math.sqrt(u));
          as[s] += ws;
        }
        for (int s = 0; s < n; s++) {
          aw[s] += k[s];
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
      t.support[s] += as[s];
    }
  }

  // ---- few seeds -----------------------------------------------------------------------------

  /** Seed outer, points inner, skipping pairs beyond the cut-off: for tiles of a few seeds. */
  private static void scalar(
      double[][] cols,
      double[] w,
      int[] ranges,
      int nRanges,
      SeedTile t,
      Kernel kernel,
      double inv) {
    final int d = t.dim;
    final double maxU = kernel.maxU();
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
            double k = pw * weightWithin(kernel, u);
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
