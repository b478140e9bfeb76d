package io.github.meanshift.segment;

/**
 * When two adjacent pixels belong to one region: their modes lie within {@code hs} in space and
 * {@link SegmentParams#LINK_RANGE}·hr in colour (Comaniciu and Meer's grouping of convergence
 * points, on the pixel grid's 4-neighbours).
 */
final class Link {
  private final double spatial2;
  private final double range2;

  Link(SegmentParams p) {
    spatial2 = p.spatial2();
    range2 = p.link2();
  }

  boolean linked(int xa, int ya, int rgbA, int xb, int yb, int rgbB) {
    double dx = xa - xb;
    double dy = ya - yb;
    if (dx * dx + dy * dy > spatial2) {
      return false;
    }
    return colourDistance2(rgbA, rgbB) <= range2;
  }

  boolean linked(Modes m, int i, int j) {
    return linked(m.x[i], m.y[i], m.rgb[i], m.x[j], m.y[j], m.rgb[j]);
  }

  static int colourDistance2(int a, int b) {
    int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
    int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
    int db = (a & 0xFF) - (b & 0xFF);
    return dr * dr + dg * dg + db * db;
  }
}
