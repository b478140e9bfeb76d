package io.github.meanshift.segment;

import java.awt.image.BufferedImage;
import java.io.Serializable;

/**
 * The colours of a rectangle of a picture, packed RGB ({@code 0xRRGGBB}) row-major: pixel {@code
 * (x, y)} of the picture is {@code rgb[(y - area.y()) * area.width() + x - area.x()]}.
 */
public final class Raster implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Rect area;
  private final int[] rgb;

  /**
   * @throws IllegalArgumentException if {@code rgb} does not hold one value per pixel of {@code
   *     area}
   */
  public Raster(Rect area, int[] rgb) {
    if (rgb == null || rgb.length != area.pixels()) {
      throw new IllegalArgumentException(
          "a "
              + area
              + " raster needs "
              + area.pixels()
              + " pixels, got "
              + (rgb == null ? "none" : rgb.length));
    }
    this.area = area;
    this.rgb = rgb;
  }

  /** The whole picture (transparency dropped). */
  public static Raster of(BufferedImage image) {
    return of(image, new Rect(0, 0, image.getWidth(), image.getHeight()));
  }

  /** A rectangle of {@code image}, in the picture's coordinates. */
  public static Raster of(BufferedImage image, Rect area) {
    int[] rgb =
        image.getRGB(area.x(), area.y(), area.width(), area.height(), null, 0, area.width());
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] &= 0xFFFFFF;
    }
    return new Raster(area, rgb);
  }

  /** Where these pixels lie in the picture. */
  public Rect area() {
    return area;
  }

  /** The packed colours, row-major over {@link #area()} (shared, not copied). */
  int[] rgb() {
    return rgb;
  }

  /** Packed colour of picture pixel {@code (x, y)}, which must lie in {@link #area()}. */
  public int rgb(int x, int y) {
    return rgb[(y - area.y()) * area.width() + x - area.x()];
  }

  /** The pixels of {@code part}, which must lie inside this raster. */
  public Raster crop(Rect part) {
    if (!area.contains(part)) {
      throw new IllegalArgumentException(part + " is not inside " + area);
    }
    int[] out = new int[(int) part.pixels()];
    for (int row = 0; row < part.height(); row++) {
      System.arraycopy(
          rgb,
          (part.y() - area.y() + row) * area.width() + part.x() - area.x(),
          out,
          row * part.width(),
          part.width());
    }
    return new Raster(part, out);
  }

  /** As a picture of the rectangle's size. */
  public BufferedImage toImage() {
    BufferedImage image =
        new BufferedImage(area.width(), area.height(), BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, area.width(), area.height(), rgb, 0, area.width());
    return image;
  }
}
