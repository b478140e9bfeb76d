package io.github.meanshift.segment;

import io.github.meanshift.common.BadInputException;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * A synthetic test picture with known segments: four regions (the quadrants) of four well-separated
 * colours, each pixel's channels perturbed by Gaussian noise and clamped to 0..255. The noise comes
 * from one {@link Random} drawn in row-major order, so the same size, noise and seed always give
 * the same pixels.
 */
public final class SyntheticImage {
  /** Colour of each region (0 top left, 1 top right, 2 bottom left, 3 bottom right). */
  static final int[][] REGION_COLOURS = {
    {200, 60, 50}, // brick red
    {60, 170, 80}, // green
    {50, 80, 200}, // blue
    {230, 210, 60}, // yellow
  };

  /** Number of regions. */
  public static final int REGIONS = REGION_COLOURS.length;

  /** Default noise standard deviation, in colour units. */
  public static final double DEFAULT_NOISE = 12;

  /** Default random seed. */
  public static final long DEFAULT_SEED = 42;

  private final BufferedImage image;
  private final int[] regions;

  private SyntheticImage(BufferedImage image, int[] regions) {
    this.image = image;
    this.regions = regions;
  }

  /**
   * The four-region picture.
   *
   * @param width at least 2
   * @param height at least 2
   * @param noise standard deviation of the per-channel noise, {@code >= 0}
   * @param seed random seed
   * @throws IllegalArgumentException if the size is below 2x2 or the noise negative or not finite
   */
  public static SyntheticImage fourRegions(int width, int height, double noise, long seed) {
    if (width < 2 || height < 2) {
      throw new BadInputException(
          "a four-region image needs at least 2x2 pixels, got " + width + "x" + height);
    }
    if ((long) width * height > Integer.MAX_VALUE) {
      throw new BadInputException("image " + width + "x" + height + " is too large");
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new BadInputException("noise must be finite and >= 0, got " + noise);
    }
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] regions = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int k = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          long v = Math.round(REGION_COLOURS[k][c] + noise * random.nextGaussian());
          rgb = (rgb << 8) | (int) Math.max(0, Math.min(255, v));
        }
        image.setRGB(x, y, rgb);
        regions[y * width + x] = k;
      }
    }
    return new SyntheticImage(image, regions);
  }

  /** The picture (a fresh reference to the same pixels; callers should not modify it). */
  public BufferedImage image() {
    return image;
  }

  /** The true region of each pixel, row-major ({@code regions[y * width + x]}). */
  public int[] regions() {
    return regions.clone();
  }

  /** The noise-free colour of region {@code k}, packed RGB. */
  public static int regionColour(int k) {
    if (k < 0 || k >= REGIONS) {
      throw new BadInputException("region must be in 0.." + (REGIONS - 1) + ", got " + k);
    }
    int[] c = REGION_COLOURS[k];
    return (c[0] << 16) | (c[1] << 8) | c[2];
  }
}
