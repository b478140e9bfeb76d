package io.github.meanshift.segment;

/**
 * When two adjacent pixels belong to one region: their modes lie within {@code hs} in space and
 * {@link SegmentParams#LINK_RANGE}·hr in colour (Comaniciu and Meer's grouping of convergence
 * points, on the pixel grid's 4-neighbours). Mode positions and colours are integers, so both tests
 * compare integers with the largest integer inside the bound.
 */
final class Link {
  private final int spatial2;
  private final int range2;

  Link(SegmentParams p) {
    spatial2 = (int) Math.floor(p.spatial2());
    range2 = (int) Math.min(Integer.MAX_VALUE, Math.floor(p.link2()));
  }

  boolean linked(int xa, int ya, int rgbA, int xb, int yb, int rgbB) {
    int dx = xa - xb;
    int dy = ya - yb;
    return dx * dx + dy * dy <= spatial2 && colourDistance2(rgbA, rgbB) <= range2;
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
