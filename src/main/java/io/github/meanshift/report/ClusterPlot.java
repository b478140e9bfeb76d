package io.github.meanshift.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Scatter plots of clustered points as PNG files, drawn with XChart: one series per cluster in a
 * fixed palette (cluster {@code k} always gets {@link #clusterColor clusterColor(k)}), orphans in
 * light grey underneath, centres as large black-and-white crosses on top.
 *
 * <p>Sets {@code java.awt.headless=true} when the property is unset, so it works on servers without
 * a display (this only takes effect if AWT has not started yet in this JVM).
 */
public final class ClusterPlot {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Width of one panel in pixels. */
  public static final int PANEL_WIDTH = 900;

  /** Height of one panel in pixels, subtitle included. */
  public static final int PANEL_HEIGHT = 750;

  /** With more clusters than this the legend is hidden. */
  public static final int MAX_LEGEND_CLUSTERS = 12;

  /** Colour of orphan (noise) points. */
  public static final Color ORPHAN_COLOR = new Color(0xC8C8C8);

  /**
   * The cluster palette: Tableau 10 with its grey replaced by a dark indigo, so no cluster looks
   * like an orphan.
   */
  private static final Color[] PALETTE = {
    new Color(0x1F77B4), // blue
    new Color(0xFF7F0E), // orange
    new Color(0x2CA02C), // green
    new Color(0xD62728), // red
    new Color(0x9467BD), // purple
    new Color(0x8C564B), // brown
    new Color(0xE377C2), // pink
    new Color(0xBCBD22), // olive
    new Color(0x17BECF), // cyan
    new Color(0x393B79), // dark indigo
  };

  /** Number of distinct cluster colours; cluster ids cycle through them. */
  public static final int PALETTE_SIZE = PALETTE.length;

  private static final int MARKER_SIZE = 4;
  private static final int SUBTITLE_FONT_SIZE = 13;
  private static final int SUBTITLE_PADDING = 8;
  private static final Color SUBTITLE_COLOR = new Color(0x333333);

  private ClusterPlot() {}

  /**
   * The colour of a cluster: palette entry {@code label % PALETTE_SIZE}, or {@link #ORPHAN_COLOR}
   * for {@link Panel#ORPHAN}.
   *
   * @throws IllegalArgumentException if {@code label < Panel.ORPHAN}
   */
  public static Color clusterColor(int label) {
    if (label < Panel.ORPHAN) {
      throw new IllegalArgumentException(
          "label is " + label + "; a label must be >= 0 or " + Panel.ORPHAN);
    }
    return label == Panel.ORPHAN ? ORPHAN_COLOR : PALETTE[label % PALETTE.length];
  }

  /**
   * Writes one panel as a {@value #PANEL_WIDTH}×{@value #PANEL_HEIGHT} PNG, creating missing parent
   * directories.
   *
   * @throws IllegalArgumentException if an argument is null
   * @throws IOException if the file cannot be written
   */
  public static void write(Path png, Panel panel) throws IOException {
    requirePath(png);
    if (panel == null) {
      throw new IllegalArgumentException("panel must not be null");
    }
    writePng(png, render(panel));
  }

  /**
   * Writes panels next to each other, left to right, in one PNG of {@code panels.size() *
   * PANEL_WIDTH} × {@value #PANEL_HEIGHT} pixels, creating missing parent directories.
   *
   * @throws IllegalArgumentException if an argument is null, or panels is empty or holds a null
   * @throws IOException if the file cannot be written
   */
  public static void writeSideBySide(Path png, List<Panel> panels) throws IOException {
    requirePath(png);
    if (panels == null || panels.isEmpty()) {
      throw new IllegalArgumentException("panels must hold at least one panel");
    }
    for (int i = 0; i < panels.size(); i++) {
      if (panels.get(i) == null) {
        throw new IllegalArgumentException("panels[" + i + "] is null");
      }
    }
    BufferedImage all =
        new BufferedImage(PANEL_WIDTH * panels.size(), PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    try {
      for (int i = 0; i < panels.size(); i++) {
        g.drawImage(render(panels.get(i)), i * PANEL_WIDTH, 0, null);
      }
    } finally {
      g.dispose();
    }
    writePng(png, all);
  }

  /**
   * Renders one panel, subtitle included, to a {@value #PANEL_WIDTH}×{@value #PANEL_HEIGHT} image.
   */
  static BufferedImage render(Panel panel) {
    String[] subtitleLines =
        panel.subtitle() == null ? new String[0] : panel.subtitle().split("\n");
    Font subtitleFont = new Font(Font.SANS_SERIF, Font.PLAIN, SUBTITLE_FONT_SIZE);
    BufferedImage image = new BufferedImage(PANEL_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, PANEL_WIDTH, PANEL_HEIGHT);
      FontMetrics metrics = g.getFontMetrics(subtitleFont);
      int captionHeight =
          subtitleLines.length == 0
              ? 0
              : subtitleLines.length * metrics.getHeight() + 2 * SUBTITLE_PADDING;
      XYChart chart = chart(panel, PANEL_HEIGHT - captionHeight);
      g.drawImage(BitmapEncoder.getBufferedImage(chart), 0, 0, null);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(subtitleFont);
      g.setColor(SUBTITLE_COLOR);
      int baseline = PANEL_HEIGHT - captionHeight + SUBTITLE_PADDING + metrics.getAscent();
      for (String line : subtitleLines) {
        g.drawString(line, 2 * SUBTITLE_PADDING, baseline);
        baseline += metrics.getHeight();
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The XChart scatter chart of a panel: orphans first, then clusters, then centres on top. */
  static XYChart chart(Panel panel, int height) {
    XYChart chart = new XYChart(PANEL_WIDTH, height);
    chart.setTitle(panel.title());
    chart.setXAxisTitle(panel.xLabel());
    chart.setYAxisTitle(panel.yLabel());
    Map<Integer, double[][]> groups = groupByLabel(panel);
    long clusters = groups.keySet().stream().filter(k -> k != Panel.ORPHAN).count();
    style(chart.getStyler(), clusters <= MAX_LEGEND_CLUSTERS);

    for (Map.Entry<Integer, double[][]> group : groups.entrySet()) {
      int label = group.getKey();
      double[][] xy = group.getValue();
      String kind = label == Panel.ORPHAN ? "orphans" : "cluster " + label;
      XYSeries series = chart.addSeries(kind + " (" + count(xy[0].length) + ")", xy[0], xy[1]);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(clusterColor(label));
    }
    double[][] centers = panel.centersView();
    if (centers != null && centers.length > 0) {
      double[] cx = new double[centers.length];
      double[] cy = new double[centers.length];
      for (int i = 0; i < centers.length; i++) {
        cx[i] = centers[i][0];
        cy[i] = centers[i][1];
      }
      XYSeries series = chart.addSeries("centres (" + centers.length + ")", cx, cy);
      series.setMarker(new CentreMarker());
      series.setMarkerColor(Color.BLACK);
    }
    return chart;
  }

  private static void style(XYStyler styler, boolean legend) {
    styler.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    styler.setMarkerSize(MARKER_SIZE);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(Color.GRAY);
    styler.setPlotGridLinesColor(new Color(0xE6E6E6));
    styler.setChartTitleBoxVisible(false);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setLegendVisible(legend);
    styler.setLegendPosition(LegendPosition.OutsideE);
    styler.setLegendBorderColor(Color.LIGHT_GRAY);
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
  }

  /** Points grouped by label in label order (orphans first): label → {xs, ys}. */
  private static Map<Integer, double[][]> groupByLabel(Panel panel) {
    Map<Integer, Integer> sizes = new TreeMap<>();
    for (int i = 0; i < panel.size(); i++) {
      sizes.merge(panel.label(i), 1, Integer::sum);
    }
    Map<Integer, double[][]> groups = new TreeMap<>();
    Map<Integer, Integer> filled = new TreeMap<>();
    sizes.forEach((label, n) -> groups.put(label, new double[2][n]));
    for (int i = 0; i < panel.size(); i++) {
      int label = panel.label(i);
      int at = filled.merge(label, 1, Integer::sum) - 1;
      double[][] xy = groups.get(label);
      xy[0][at] = panel.x(i);
      xy[1][at] = panel.y(i);
    }
    return groups;
  }

  private static String count(int n) {
    return n + (n == 1 ? " point" : " points");
  }

  private static void requirePath(Path png) {
    if (png == null) {
      throw new IllegalArgumentException("png path must not be null");
    }
  }

  private static void writePng(Path png, BufferedImage image) throws IOException {
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available to write " + png);
      }
    }
  }
}
