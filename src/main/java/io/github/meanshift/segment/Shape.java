package io.github.meanshift.segment;

import java.io.Serializable;

/**
 * One region of a {@link SyntheticScene}: a figure in the unit square and how it is filled (a flat
 * colour, a linear or radial gradient, or a texture with a period in pixels).
 */
final class Shape implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Figure {
    DISC,
    RING,
    BOX,
    ELLIPSE,
    TRIANGLE,
    DIAMOND
  }

  private enum Fill {
    FLAT,
    LINEAR,
    RADIAL,
    STRIPES,
    CHECKS,
    DOTS,
    WEAVE
  }

  private final Figure figure;
  private final double[] g;
  private Fill fill = Fill.FLAT;
  private double[] a = new double[3];
  private double[] b = new double[3];
  private double[] f = new double[3];

  private Shape(Figure figure, double... g) {
    this.figure = figure;
    this.g = g;
  }

  static Shape disc(double cu, double cv, double r) {
    return new Shape(Figure.DISC, cu, cv, r);
  }

  static Shape ring(double cu, double cv, double inner, double outer) {
    return new Shape(Figure.RING, cu, cv, inner, outer);
  }

  static Shape box(double u0, double v0, double u1, double v1) {
    return new Shape(Figure.BOX, u0, v0, u1, v1);
  }

  static Shape ellipse(double cu, double cv, double ru, double rv) {
    return new Shape(Figure.ELLIPSE, cu, cv, ru, rv);
  }

  static Shape triangle(double u0, double v0, double u1, double v1, double u2, double v2) {
    return new Shape(Figure.TRIANGLE, u0, v0, u1, v1, u2, v2);
  }

  static Shape diamond(double cu, double cv, double r) {
    return new Shape(Figure.DIAMOND, cu, cv, r);
  }

  Shape flat(int r, int gr, int bl) {
    fill = Fill.FLAT;
    a = new double[] {r, gr, bl};
    return this;
  }

  /** From colour A to colour B along direction (du, dv) across the figure's bounding box. */
  Shape linear(double du, double dv, int r0, int g0, int b0, int r1, int g1, int b1) {
    fill = Fill.LINEAR;
    a = new double[] {r0, g0, b0};
    b = new double[] {r1, g1, b1};
    f = new double[] {du, dv};
    return this;
  }

  /** From colour A at (cu, cv) to colour B at distance {@code radius} and beyond. */
  Shape radial(
      double cu, double cv, double radius, int r0, int g0, int b0, int r1, int g1, int b1) {
    fill = Fill.RADIAL;
    a = new double[] {r0, g0, b0};
    b = new double[] {r1, g1, b1};
    f = new double[] {cu, cv, radius};
    return this;
  }

  /** Vertical stripes of {@code period} pixels: the colour ± {@code amplitude} on each channel. */
  Shape stripes(int period, int r, int gr, int bl, double amplitude) {
    return texture(Fill.STRIPES, period, r, gr, bl, amplitude);
  }

  /** Checks of {@code period} pixels. */
  Shape checks(int period, int r, int gr, int bl, double amplitude) {
    return texture(Fill.CHECKS, period, r, gr, bl, amplitude);
  }

  /** Dots of 2x2 pixels every {@code period} pixels. */
  Shape dots(int period, int r, int gr, int bl, double amplitude) {
    return texture(Fill.DOTS, period, r, gr, bl, amplitude);
  }

  /** Diagonal weave of {@code period} pixels. */
  Shape weave(int period, int r, int gr, int bl, double amplitude) {
    return texture(Fill.WEAVE, period, r, gr, bl, amplitude);
  }

  private Shape texture(Fill kind, int period, int r, int gr, int bl, double amplitude) {
    fill = kind;
    a = new double[] {r, gr, bl};
    f = new double[] {period, amplitude};
    return this;
  }

  boolean contains(double u, double v) {
    switch (figure) {
      case DISC:
        return sq(u - g[0]) + sq(v - g[1]) <= sq(g[2]);
      case RING:
        double d = sq(u - g[0]) + sq(v - g[1]);
        return d <= sq(g[3]) && d > sq(g[2]);
      case BOX:
        return u >= g[0] && u <= g[2] && v >= g[1] && v <= g[3];
      case ELLIPSE:
        return sq((u - g[0]) / g[2]) + sq((v - g[1]) / g[3]) <= 1;
      case TRIANGLE:
        double s1 = side(u, v, g[0], g[1], g[2], g[3]);
        double s2 = side(u, v, g[2], g[3], g[4], g[5]);
        double s3 = side(u, v, g[4], g[5], g[0], g[1]);
        return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
      case DIAMOND:
        return Math.abs(u - g[0]) + Math.abs(v - g[1]) <= g[2];
      default:
        throw new AssertionError(figure);
    }
  }

  /** The noise-free colour at pixel (x, y), at (u, v) in the unit square. */
  double[] colour(int x, int y, double u, double v) {
    switch (fill) {
      case FLAT:
        return a;
      case LINEAR:
        return mix(clamp01(linearT(u, v)));
      case RADIAL:
        return mix(clamp01(Math.sqrt(sq(u - f[0]) + sq(v - f[1])) / f[2]));
      default:
        int period = (int) f[0];
        boolean on;
        switch (fill) {
          case STRIPES:
            on = (x / period) % 2 == 0;
            break;
          case CHECKS:
            on = ((x / period) + (y / period)) % 2 == 0;
            break;
          case DOTS:
            on = x % period < 2 && y % period < 2;
            break;
          default:
            on = ((x + y) / period) % 2 == 0 ^ ((x - y + 1_000_000) / period) % 2 == 0;
        }
        double s = on ? f[1] : -f[1];
        return new double[] {a[0] + s, a[1] + s, a[2] + s};
    }
  }

  private double linearT(double u, double v) {
    double[] box = bounds();
    double du = f[0];
    double dv = f[1];
    double lo = Math.min(du * box[0], du * box[2]) + Math.min(dv * box[1], dv * box[3]);
    double hi = Math.max(du * box[0], du * box[2]) + Math.max(dv * box[1], dv * box[3]);
    return (du * u + dv * v - lo) / (hi - lo);
  }

  /** Bounding box (u0, v0, u1, v1). */
  private double[] bounds() {
    switch (figure) {
      case BOX:
        return g;
      case ELLIPSE:
        return new double[] {g[0] - g[2], g[1] - g[3], g[0] + g[2], g[1] + g[3]};
      case RING:
        return new double[] {g[0] - g[3], g[1] - g[3], g[0] + g[3], g[1] + g[3]};
      case TRIANGLE:
        return new double[] {
          Math.min(g[0], Math.min(g[2], g[4])),
          Math.min(g[1], Math.min(g[3], g[5])),
          Math.max(g[0], Math.max(g[2], g[4])),
          Math.max(g[1], Math.max(g[3], g[5]))
        };
      default:
        return new double[] {g[0] - g[2], g[1] - g[2], g[0] + g[2], g[1] + g[2]};
    }
  }

  private double[] mix(double t) {
    return new double[] {
      a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])
    };
  }

  private static double side(double u, double v, double u0, double v0, double u1, double v1) {
    return (u1 - u0) * (v - v0) - (v1 - v0) * (u - u0);
  }

  private static double clamp01(double t) {
    return Math.max(0, Math.min(1, t));
  }

  private static double sq(double d) {
    return d * d;
  }
}
