package io.github.meanshift.segment;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Pictures side by side, left to right, each under a title and a one-line caption: the original and
 * its segmentations. Small pictures are enlarged by a whole factor (nearest neighbour, so segment
 * edges stay sharp) to at least {@link #MIN_PANEL_WIDTH} pixels wide; large ones are reduced to at
 * most {@link #MAX_PANEL_WIDTH}.
 */
public final class ImageComparison {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Narrower pictures are enlarged by a whole factor to at least this width. */
  public static final int MIN_PANEL_WIDTH = 360;

  /** Wider pictures are reduced to this width. */
  public static final int MAX_PANEL_WIDTH = 800;

  private static final int MARGIN = 12;
  private static final int TITLE_SIZE = 16;
  private static final int CAPTION_SIZE = 13;
  private static final Color CAPTION_COLOR = new Color(0x333333);

  private ImageComparison() {}

  /** One panel: a picture, its title and a caption (may be empty). */
  public static final class Picture {
    final String title;
    final String caption;
    final BufferedImage image;

    /**
     * @throws IllegalArgumentException if the title or image is null
     */
    public Picture(String title, String caption, BufferedImage image) {
      if (title == null || image == null) {
        throw new IllegalArgumentException("a picture needs a title and an image");
      }
      this.title = title;
      this.caption = caption == null ? "" : caption;
      this.image = image;
    }
  }

  /**
   * The pictures side by side on a white background; all are drawn at the scale of the first.
   *
   * @throws IllegalArgumentException if there are no pictures
   */
  public static BufferedImage render(List<Picture> pictures) {
    if (pictures == null || pictures.isEmpty()) {
      throw new IllegalArgumentException("need at least one picture");
    }
    double scale = scale(pictures.get(0).image.getWidth());
    int w = 0;
    int h = 0;
    for (Picture p : pictures) {
      w = Math.max(w, (int) Math.round(p.image.getWidth() * scale));
      h = Math.max(h, (int) Math.round(p.image.getHeight() * scale));
    }
    Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, TITLE_SIZE);
    Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, CAPTION_SIZE);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics tm = pg.getFontMetrics(titleFont);
    FontMetrics cm = pg.getFontMetrics(captionFont);
    pg.dispose();
    int header = MARGIN + tm.getHeight() + cm.getHeight() + MARGIN / 2;
    int n = pictures.size();
    BufferedImage out =
        new BufferedImage(
            n * w + (n + 1) * MARGIN, header + h + MARGIN, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      for (int i = 0; i < n; i++) {
        Picture p = pictures.get(i);
        int left = MARGIN + i * (w + MARGIN);
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(fit(p.title, tm, w), left, MARGIN + tm.getAscent());
        g.setColor(CAPTION_COLOR);
        g.setFont(captionFont);
        g.drawString(fit(p.caption, cm, w), left, MARGIN + tm.getHeight() + cm.getAscent());
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION,
            scale >= 1
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(
            p.image,
            left,
            header,
            (int) Math.round(p.image.getWidth() * scale),
            (int) Math.round(p.image.getHeight() * scale),
            null);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Whole-number enlargement up to MIN_PANEL_WIDTH, or reduction down to MAX_PANEL_WIDTH. */
  static double scale(int width) {
    if (width > MAX_PANEL_WIDTH) {
      return (double) MAX_PANEL_WIDTH / width;
    }
    return Math.max(1, (MIN_PANEL_WIDTH + width - 1) / width);
  }

  /** The text, cut with an ellipsis to fit {@code width} pixels. */
  private static String fit(String text, FontMetrics m, int width) {
    if (m.stringWidth(text) <= width) {
      return text;
    }
    String t = text;
    while (!t.isEmpty() && m.stringWidth(t + "…") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }
}
