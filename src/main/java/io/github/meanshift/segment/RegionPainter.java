package io.github.meanshift.segment;

/**
 * The pictures of a segmentation, a rectangle at a time: each pixel in its region's mean colour
 * (segmented.png), and the region borders drawn over the original (boundaries.png). A pixel is on a
 * border when the pixel right of it or below it lies in another region; the border is drawn in
 * black on light pixels and in white on dark ones, so it shows on any colour.
 */
public final class RegionPainter {
  /** Luminance (0..255) above which a border pixel is drawn black rather than white. */
  static final int LIGHT = 128;

  private RegionPainter() {}

  /** Every pixel in {@code colours[label]}. */
  public static int[] paint(int[] labels, int[] colours) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = colours[labels[i]];
    }
    return out;
  }

  /**
   * The original pixels of a {@code width x height} rectangle with the region borders drawn.
   *
   * @param labels the rectangle's regions, row-major
   * @param rgb the rectangle's original colours, row-major
   * @param rightColumn regions of the column just right of the rectangle, or null at the picture's
   *     right edge
   * @param rowBelow regions of the row just below the rectangle, or null at the bottom edge
   * @param colours mean colour of each region
   */
  public static int[] boundaries(
      int[] labels,
      int[] rgb,
      int width,
      int height,
      int[] rightColumn,
      int[] rowBelow,
      int[] colours) {
    int[] out = rgb.clone();
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        int i = row * width + col;
        int k = labels[i];
        boolean border;
        if (col + 1 < width) {
          border = labels[i + 1] != k;
        } else {
          border = rightColumn != null && rightColumn[row] != k;
        }
        if (!border) {
          if (row + 1 < height) {
            border = labels[i + width] != k;
          } else {
            border = rowBelow != null && rowBelow[col] != k;
          }
        }
        if (border) {
          out[i] = luminance(colours[k]) > LIGHT ? 0x000000 : 0xFFFFFF;
        }
      }
    }
    return out;
  }

  static int luminance(int rgb) {
    return (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
  }
}
