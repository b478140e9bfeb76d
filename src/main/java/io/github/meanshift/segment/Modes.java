package io.github.meanshift.segment;

/**
 * Where each pixel of a rectangle climbed to: mode position (picture coordinates) and mode colour
 * (packed RGB), row-major over {@link #area}, and the steps each climb took.
 */
public final class Modes {
  final Rect area;
  final int[] x;
  final int[] y;
  final int[] rgb;
  final byte[] steps;

  Modes(Rect area) {
    int n = Math.toIntExact(area.pixels());
    this.area = area;
    this.x = new int[n];
    this.y = new int[n];
    this.rgb = new int[n];
    this.steps = new byte[n];
  }

  /** The pixels the modes belong to. */
  public Rect area() {
    return area;
  }

  /** Packed mode colour of picture pixel {@code (px, py)}. */
  public int rgb(int px, int py) {
    return rgb[index(px, py)];
  }

  /** Mode column of picture pixel {@code (px, py)}. */
  public int x(int px, int py) {
    return x[index(px, py)];
  }

  /** Mode row of picture pixel {@code (px, py)}. */
  public int y(int px, int py) {
    return y[index(px, py)];
  }

  /** The filtered picture: every pixel in its mode's colour. */
  public Raster filtered() {
    return new Raster(area, rgb.clone());
  }

  /** Mean number of steps a climb took. */
  public double meanSteps() {
    long s = 0;
    for (byte b : steps) {
      s += b & 0xFF;
    }
    return steps.length == 0 ? 0 : (double) s / steps.length;
  }

  private int index(int px, int py) {
    return (py - area.y()) * area.width() + px - area.x();
  }
}
