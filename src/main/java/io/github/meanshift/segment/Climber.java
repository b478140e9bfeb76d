package io.github.meanshift.segment;

/**
 * The climbs of one block's pixels (see {@link ModeFilter}): the state {@code (x, y, r, g, b)}, in
 * raster coordinates and integer colour, moves to the kernel-weighted mean of the window around it
 * until it stops. One instance per block, not shared between threads.
 */
final class Climber {
  private final int[] rgb;
  private final Rect area;
  private final int w;
  private final int h;
  private final SegmentParams p;
  private final WindowKernel k;
  private final double hs2;
  private final double hr2;
  private final double tol2;
  private final int captureRadius;
  private final int[] captureHalf;
  private final int captureRange2;

  /** The state. */
  private int x;

  private int y;
  private int r;
  private int g;
  private int b;

  /** Block pixels captured by the current climb, as indices into the block. */
  private int[] captured = new int[64];

  private int capturedCount;

  Climber(Raster raster, SegmentParams params, WindowKernel kernel) {
    rgb = raster.rgb();
    area = raster.area();
    w = area.width();
    h = area.height();
    p = params;
    k = kernel;
    hs2 = params.spatial2();
    hr2 = params.rangeBandwidth() * params.rangeBandwidth();
    tol2 = params.tol() * params.tol();
    double cs = ModeFilter.CAPTURE_SPATIAL;
    double cr = ModeFilter.CAPTURE_RANGE;
    captureRadius = (int) Math.floor(cs * params.spatialBandwidth());
    captureHalf = new int[2 * captureRadius + 1];
    double reach2 = cs * cs * hs2;
    for (int dy = -captureRadius; dy <= captureRadius; dy++) {
      captureHalf[dy + captureRadius] = (int) Math.floor(Math.sqrt(reach2 - (double) dy * dy));
    }
    captureRange2 = (int) Math.floor(cr * cr * hr2);
  }

  /** Filters the pixels of {@code block} (inside the core of {@code out}) in raster order. */
  void filterBlock(Rect block, Modes out) {
    boolean[] done = new boolean[Math.toIntExact(block.pixels())];
    for (int by = 0; by < block.height(); by++) {
      for (int bx = 0; bx < block.width(); bx++) {
        int bi = by * block.width() + bx;
        if (done[bi]) {
          continue;
        }
        done[bi] = true;
        int steps = climb(block.x() + bx, block.y() + by, block, done);
        int mode = (r << 16) | (g << 8) | b;
        int mx = x + area.x();
        int my = y + area.y();
        put(out, block, bi, mx, my, mode, steps);
        for (int c = 0; c < capturedCount; c++) {
          put(out, block, captured[c], mx, my, mode, 0);
        }
      }
    }
  }

  private static void put(Modes out, Rect block, int bi, int mx, int my, int mode, int steps) {
    int px = block.x() + bi % block.width();
    int py = block.y() + bi / block.width();
    int i = (py - out.area.y()) * out.area.width() + px - out.area.x();
    out.x[i] = mx;
    out.y[i] = my;
    out.rgb[i] = mode;
    out.steps[i] = (byte) steps;
  }

  /**
   * Climbs from picture pixel {@code (px, py)}; captures pixels of {@code block} not yet done when
   * the speed-up is on.
   *
   * @return the steps taken
   */
  private int climb(int px, int py, Rect block, boolean[] done) {
    x = px - area.x();
    y = py - area.y();
    int c = rgb[y * w + x];
    r = (c >> 16) & 0xFF;
    g = (c >> 8) & 0xFF;
    b = c & 0xFF;
    capturedCount = 0;
    int step = 0;
    while (step < p.maxIter()) {
      if (p.basin()) {
        capture(block, done);
      }
      step++;
      double shift2 = k.flat ? stepFlat() : stepWeighted();
      if (shift2 <= tol2) {
        break;
      }
    }
    return step;
  }

  /**
   * Marks the block's pixels not yet done within {@link ModeFilter#CAPTURE_SPATIAL}·hs of the
   * state's position and {@link ModeFilter#CAPTURE_RANGE}·hr of its colour as done, and remembers
   * them.
   */
  private void capture(Rect block, boolean[] done) {
    int rad = captureRadius;
    int bx0 = block.x() - area.x();
    int by0 = block.y() - area.y();
    int bw = block.width();
    int yFrom = Math.max(y - rad, by0);
    int yTo = Math.min(y + rad, by0 + block.height() - 1);
    for (int yy = yFrom; yy <= yTo; yy++) {
      int hw = captureHalf[yy - y + rad];
      int xFrom = Math.max(x - hw, bx0);
      int xTo = Math.min(x + hw, bx0 + bw - 1);
      int bRow = (yy - by0) * bw - bx0;
      int row = yy * w;
      for (int xx = xFrom; xx <= xTo; xx++) {
        int bi = bRow + xx;
        if (done[bi]) {
          continue;
        }
        int q = rgb[row + xx];
        int dr = ((q >> 16) & 0xFF) - r;
        int dg = ((q >> 8) & 0xFF) - g;
        int db = (q & 0xFF) - b;
        if (dr * dr + dg * dg + db * db <= captureRange2) {
          done[bi] = true;
          if (capturedCount == captured.length) {
            captured = java.util.Arrays.copyOf(captured, 2 * capturedCount);
          }
          captured[capturedCount++] = bi;
        }
      }
    }
  }

  /** One step of the flat kernel: integer sums over the window; returns the squared shift. */
  private double stepFlat() {
    int radius = k.radius;
    int[] half = k.halfWidth;
    int range2 = k.range2;
    int n = 0;
    long sx = 0;
    long sy = 0;
    int sr = 0;
    int sg = 0;
    int sb = 0;
    int dyFrom = Math.max(-radius, -y);
    int dyTo = Math.min(radius, h - 1 - y);
    for (int dy = dyFrom; dy <= dyTo; dy++) {
      int hw = half[dy + radius];
      int row = (y + dy) * w;
      int from = row + Math.max(0, x - hw);
      int to = row + Math.min(w - 1, x + hw);
      int cnt = 0;
      long sIdx = 0;
      for (int j = from; j <= to; j++) {
        int q = rgb[j];
        int qr = (q >> 16) & 0xFF;
        int qg = (q >> 8) & 0xFF;
        int qb = q & 0xFF;
        int dr = qr - r;
        int dg = qg - g;
        int db = qb - b;
        // All ones when the colour is inside the range window, else zero: no branch.
        int in = (dr * dr + dg * dg + db * db - range2 - 1) >> 31;
        cnt -= in;
        sIdx += j & in;
        sr += qr & in;
        sg += qg & in;
        sb += qb & in;
      }
      n += cnt;
      sx += sIdx - (long) cnt * (row + x);
      sy += (long) cnt * dy;
    }
    if (n == 0) {
      return 0;
    }
    // Rounded means of offsets from the state (floor division: offsets may be negative).
    int dx = (int) Math.floorDiv(2 * sx + n, 2L * n);
    int ddy = (int) Math.floorDiv(2 * sy + n, 2L * n);
    return moveTo(
        x + dx, y + ddy, (2 * sr + n) / (2 * n), (2 * sg + n) / (2 * n), (2 * sb + n) / (2 * n));
  }

  /** One step of a weighted kernel, from the tabulated weights; returns the squared shift. */
  private double stepWeighted() {
    int radius = k.radius;
    int side = 2 * radius + 1;
    int[] half = k.halfWidth;
    double[] ws = k.spatial;
    double[] wr = k.range;
    int range2 = k.range2;
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sr = 0;
    double sg = 0;
    double sb = 0;
    int dyFrom = Math.max(-radius, -y);
    int dyTo = Math.min(radius, h - 1 - y);
    for (int dy = dyFrom; dy <= dyTo; dy++) {
      int hw = half[dy + radius];
      int row = (y + dy) * w;
      int xFrom = Math.max(0, x - hw);
      int xTo = Math.min(w - 1, x + hw);
      int wRow = (dy + radius) * side + radius - x;
      double rowN = 0;
      for (int xx = xFrom; xx <= xTo; xx++) {
        int q = rgb[row + xx];
        int qr = (q >> 16) & 0xFF;
        int qg = (q >> 8) & 0xFF;
        int qb = q & 0xFF;
        int dr = qr - r;
        int dg = qg - g;
        int db = qb - b;
        int d2 = dr * dr + dg * dg + db * db;
        if (d2 <= range2) {
          double wt = ws[wRow + xx] * wr[d2];
          rowN += wt;
          sx += wt * (xx - x);
          sr += wt * qr;
          sg += wt * qg;
          sb += wt * qb;
        }
      }
      n += rowN;
      sy += rowN * dy;
    }
    if (!(n > 0)) {
      return 0;
    }
    // Offsets from the state, not raster coordinates: the sums, and so their rounding, are then
    // the same in any tile.
    return moveTo(
        x + (int) Math.round(sx / n),
        y + (int) Math.round(sy / n),
        (int) Math.round(sr / n),
        (int) Math.round(sg / n),
        (int) Math.round(sb / n));
  }

  /** Moves the state; returns the squared shift in joint units. */
  private double moveTo(int nx, int ny, int nr, int ng, int nb) {
    double shift2 =
        ((double) (nx - x) * (nx - x) + (double) (ny - y) * (ny - y)) / hs2
            + ((double) (nr - r) * (nr - r) + (ng - g) * (ng - g) + (nb - b) * (nb - b)) / hr2;
    x = nx;
    y = ny;
    r = nr;
    g = ng;
    b = nb;
    return shift2;
  }
}
