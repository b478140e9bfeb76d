package io.github.meanshift.segment;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Synthetic pictures with known regions, of any size, each pixel computed on its own (so a Spark
 * task can make just its tile of an 8192 x 8192 picture): shapes laid out in the unit square and
 * stretched to the picture, every channel perturbed by Gaussian noise drawn from a hash of the
 * seed, the pixel and the channel.
 *
 * <ul>
 *   <li>{@code shapes}: ten flat shapes (discs, a ring with a disc inside, rectangles, a triangle,
 *       an ellipse, a diamond, a thin bar) on a graded background: 11 regions.
 *   <li>{@code gradients}: five regions each shaded by a strong gradient (linear or radial, up to
 *       90 colour units across a region) on a graded background: 6 regions.
 *   <li>{@code textures}: six regions filled with fine textures (stripes, checks, dots, a weave)
 *       whose contrast stays within the range bandwidth: 7 regions.
 * </ul>
 *
 * Spec: {@code NAME:WxH} or {@code NAME:WxH:noise=S} (S: standard deviation of the noise, in colour
 * units; default {@link #DEFAULT_NOISE}).
 */
public final class SyntheticScene implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Default noise standard deviation, in colour units. */
  public static final double DEFAULT_NOISE = 7;

  /** Seed of the noise. */
  public static final long SEED = 42;

  /** Largest side. */
  public static final int MAX_SIDE = 65536;

  /** Scene names. */
  public static final String NAMES = "shapes, gradients, textures";

  private static final Pattern SPEC =
      Pattern.compile("([a-z]+):(\\d{1,6})x(\\d{1,6})(?::noise=([0-9]+(?:\\.[0-9]+)?))?");

  private final String name;
  private final int width;
  private final int height;
  private final double noise;
  private final Shape[] shapes;

  private SyntheticScene(String name, int width, int height, double noise, Shape[] shapes) {
    this.name = name;
    this.width = width;
    this.height = height;
    this.noise = noise;
    this.shapes = shapes;
  }

  /**
   * The scene of a spec such as {@code shapes:512x512} or {@code textures:256x256:noise=4}.
   *
   * @throws IllegalArgumentException naming what is wrong with the spec
   */
  public static SyntheticScene parse(String spec) {
    Matcher m = SPEC.matcher(spec.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "a scene is NAME:WIDTHxHEIGHT[:noise=S] with NAME one of "
              + NAMES
              + ", e.g. shapes:512x512; got '"
              + spec
              + "'");
    }
    int w = Integer.parseInt(m.group(2));
    int h = Integer.parseInt(m.group(3));
    if (w < 16 || h < 16 || w > MAX_SIDE || h > MAX_SIDE) {
      throw new IllegalArgumentException(
          "scene sides must be in 16.." + MAX_SIDE + ", got '" + spec + "'");
    }
    double noise = m.group(4) == null ? DEFAULT_NOISE : Double.parseDouble(m.group(4));
    if (noise > 100) {
      throw new IllegalArgumentException("scene noise must be at most 100, got " + noise);
    }
    return new SyntheticScene(m.group(1), w, h, noise, layout(m.group(1)));
  }

  public String name() {
    return name;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public double noise() {
    return noise;
  }

  /** Number of known regions (the background is region 0). */
  public int regions() {
    return shapes.length + 1;
  }

  /** The spec that makes this scene. */
  public String spec() {
    return name + ":" + width + "x" + height + ":noise=" + SegmentParams.number(noise);
  }

  /** The known region of pixel {@code (x, y)}: 0 for the background, else 1 + the shape. */
  public int region(int x, int y) {
    double u = (x + 0.5) / width;
    double v = (y + 0.5) / height;
    for (int s = shapes.length - 1; s >= 0; s--) {
      if (shapes[s].contains(u, v)) {
        return s + 1;
      }
    }
    return 0;
  }

  /** Packed colour of pixel {@code (x, y)}, noise included. */
  public int rgb(int x, int y) {
    double u = (x + 0.5) / width;
    double v = (y + 0.5) / height;
    int k = region(x, y);
    double[] c = k == 0 ? background(u, v) : shapes[k - 1].colour(x, y, u, v);
    long pixel = (long) y * width + x;
    int rgb = 0;
    for (int ch = 0; ch < 3; ch++) {
      double value = c[ch] + noise * gaussian(pixel * 3 + ch);
      rgb = (rgb << 8) | (int) Math.max(0, Math.min(255, Math.round(value)));
    }
    return rgb;
  }

  /** The pixels of {@code area}. */
  public Raster raster(Rect area) {
    int[] rgb = new int[Math.toIntExact(area.pixels())];
    for (int row = 0; row < area.height(); row++) {
      for (int col = 0; col < area.width(); col++) {
        rgb[row * area.width() + col] = rgb(area.x() + col, area.y() + row);
      }
    }
    return new Raster(area, rgb);
  }

  /** The whole picture. */
  public Raster raster() {
    return raster(new Rect(0, 0, width, height));
  }

  /** The known region of every pixel of the picture, row-major. */
  public int[] regionsOf(Rect area) {
    int[] out = new int[Math.toIntExact(area.pixels())];
    for (int row = 0; row < area.height(); row++) {
      for (int col = 0; col < area.width(); col++) {
        out[row * area.width() + col] = region(area.x() + col, area.y() + row);
      }
    }
    return out;
  }

  private double[] background(double u, double v) {
    switch (name) {
      case "gradients":
        return new double[] {40 + 40 * v, 50 + 30 * u, 110 + 60 * v};
      case "textures":
        return new double[] {128 + 20 * u, 128, 128 - 20 * v};
      default:
        return new double[] {96 + 60 * u - 20 * v, 112 + 30 * u + 40 * v, 128 - 40 * u + 40 * v};
    }
  }

  private static Shape[] layout(String name) {
    switch (name) {
      case "shapes":
        return new Shape[] {
          Shape.disc(0.20, 0.22, 0.13).flat(214, 64, 52),
          Shape.box(0.42, 0.08, 0.68, 0.30).flat(52, 176, 80),
          Shape.ellipse(0.84, 0.27, 0.10, 0.17).flat(236, 214, 70),
          Shape.triangle(0.08, 0.92, 0.28, 0.54, 0.46, 0.92).flat(40, 56, 176),
          Shape.ring(0.62, 0.70, 0.09, 0.16).flat(196, 72, 204),
          Shape.disc(0.62, 0.70, 0.09).flat(250, 150, 30),
          Shape.box(0.85, 0.56, 0.95, 0.66).flat(24, 24, 28),
          Shape.disc(0.87, 0.87, 0.07).flat(245, 245, 240),
          Shape.diamond(0.36, 0.43, 0.08).flat(120, 56, 20),
          Shape.box(0.46, 0.44, 0.97, 0.48).flat(0, 140, 160),
        };
      case "gradients":
        return new Shape[] {
          Shape.disc(0.28, 0.30, 0.20).radial(0.22, 0.24, 0.26, 250, 210, 90, 180, 120, 20),
          Shape.box(0.56, 0.08, 0.94, 0.40).linear(1, 0, 40, 150, 40, 120, 230, 120),
          Shape.box(0.08, 0.60, 0.42, 0.94).linear(0, 1, 230, 230, 230, 150, 150, 160),
          Shape.ellipse(0.72, 0.72, 0.20, 0.14).linear(1, 1, 200, 40, 120, 250, 120, 200),
          Shape.box(0.46, 0.46, 0.52, 0.96).linear(0, 1, 0, 200, 220, 60, 250, 250),
        };
      case "textures":
        return new Shape[] {
          Shape.box(0.05, 0.05, 0.45, 0.45).stripes(8, 200, 60, 60, 6),
          Shape.box(0.55, 0.05, 0.95, 0.45).checks(3, 60, 160, 70, 6),
          Shape.disc(0.25, 0.72, 0.20).dots(5, 60, 70, 200, 7),
          Shape.box(0.55, 0.55, 0.95, 0.75).weave(6, 230, 200, 60, 6),
          Shape.box(0.55, 0.80, 0.95, 0.95).stripes(4, 30, 30, 40, 6),
          Shape.diamond(0.50, 0.50, 0.06).checks(2, 240, 240, 240, 6),
        };
      default:
        throw new IllegalArgumentException(
            "unknown scene '" + name + "' (expected one of " + NAMES + ")");
    }
  }

  /** A standard normal value drawn from a hash of the seed and {@code index}. */
  private static double gaussian(long index) {
    long a = mix(SEED * 0x9E3779B97F4A7C15L + 2 * index);
    long b = mix(SEED * 0x9E3779B97F4A7C15L + 2 * index + 1);
    double u1 = ((a >>> 11) + 1) * 0x1.0p-53;
    double u2 = (b >>> 11) * 0x1.0p-53;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
