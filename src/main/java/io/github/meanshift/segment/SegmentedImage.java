package io.github.meanshift.segment;

import java.awt.image.BufferedImage;

/**
 * A segmentation painted as a picture: every pixel takes the mean colour of its segment. Labels are
 * given row-major ({@code labels[y * width + x]}), as {@link ImagePoints#labelFrame} takes them.
 */
public final class SegmentedImage {
  private SegmentedImage() {}

  /**
   * The mean colour of each segment, packed RGB ({@code 0xRRGGBB}, each channel rounded), indexed
   * by label; a label no pixel carries gets black.
   *
   * @throws IllegalArgumentException if the labels do not cover the image or a label is negative
   */
  public static int[] meanColours(BufferedImage image, int[] labels) {
    checkSize(image, labels);
    int segments = segmentCount(labels);
    long[][] sums = new long[segments][3];
    long[] counts = new long[segments];
    int width = image.getWidth();
    for (int i = 0; i < labels.length; i++) {
      int rgb = image.getRGB(i % width, i / width);
      int k = labels[i];
      sums[k][0] += (rgb >> 16) & 0xFF;
      sums[k][1] += (rgb >> 8) & 0xFF;
      sums[k][2] += rgb & 0xFF;
      counts[k]++;
    }
    int[] colours = new int[segments];
    for (int k = 0; k < segments; k++) {
      if (counts[k] > 0) {
        int r = (int) Math.round((double) sums[k][0] / counts[k]);
        int g = (int) Math.round((double) sums[k][1] / counts[k]);
        int b = (int) Math.round((double) sums[k][2] / counts[k]);
        colours[k] = (r << 16) | (g << 8) | b;
      }
    }
    return colours;
  }

  /** Pixels per label, indexed by label. */
  public static long[] sizes(int[] labels) {
    long[] sizes = new long[segmentCount(labels)];
    for (int l : labels) {
      sizes[l]++;
    }
    return sizes;
  }

  /**
   * A {@code width × height} RGB image with each pixel painted {@code colours[label]}.
   *
   * @throws IllegalArgumentException if the labels do not fit the size or a label has no colour
   */
  public static BufferedImage paint(int[] labels, int width, int height, int[] colours) {
    if (width < 1 || height < 1 || labels == null || labels.length != width * height) {
      throw new IllegalArgumentException(
          "need one label per pixel of a " + width + "x" + height + " image");
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int k = labels[y * width + x];
        if (k < 0 || k >= colours.length) {
          throw new IllegalArgumentException(
              "pixel ("
                  + x
                  + ", "
                  + y
                  + ") has label "
                  + k
                  + " but there are only "
                  + colours.length
                  + " colours");
        }
        row[x] = colours[k];
      }
      out.setRGB(0, y, width, 1, row, 0, width);
    }
    return out;
  }

  /** Each pixel painted with its segment's mean colour in {@code image}. */
  public static BufferedImage meanColourImage(BufferedImage image, int[] labels) {
    return paint(labels, image.getWidth(), image.getHeight(), meanColours(image, labels));
  }

  private static int segmentCount(int[] labels) {
    int max = -1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("labels[" + i + "] is " + labels[i] + "; must be >= 0");
      }
      max = Math.max(max, labels[i]);
    }
    return max + 1;
  }

  private static void checkSize(BufferedImage image, int[] labels) {
    if (image == null || labels == null) {
      throw new IllegalArgumentException("image and labels must not be null");
    }
    if (labels.length != image.getWidth() * image.getHeight()) {
      throw new IllegalArgumentException(
          labels.length
              + " labels for a "
              + image.getWidth()
              + "x"
              + image.getHeight()
              + " image; need one per pixel");
    }
  }
}
