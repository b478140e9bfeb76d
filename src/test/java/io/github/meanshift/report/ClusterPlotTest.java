package io.github.meanshift.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** PNG output of {@link ClusterPlot}, checked on the pixels read back. */
class ClusterPlotTest {
  /** Points per synthetic cluster. */
  static final int CLUSTER_POINTS = 400;

  /** Orphan points in the synthetic data. */
  static final int ORPHANS = 60;

  /** Standard deviation of each synthetic cluster around its centre. */
  static final double CLUSTER_SPREAD = 0.6;

  /** Centres of the three synthetic clusters: left, right, top. */
  static final double[][] CENTERS = {{0, 0}, {6, 0}, {3, 5}};

  /** Each cluster's exact palette colour must cover at least this many pixels. */
  static final int MIN_CLUSTER_PIXELS = 300;

  /** The orphan grey must cover at least this many pixels. */
  static final int MIN_ORPHAN_PIXELS = 40;

  /** Palette colours of clusters that are not in the data may appear at most this often. */
  static final int MAX_STRAY_PIXELS = 5;

  /** Drawing the centres must add at least this many black pixels. */
  static final int MIN_CENTER_PIXELS = 100;

  /** Points in the large-input test. */
  static final int LARGE_POINTS = 50_000;

  /**
   * Time allowed to write the large input (the target is under 2 s warm; generous for slow, shared
   * CI machines).
   */
  static final Duration LARGE_TIME_LIMIT = Duration.ofSeconds(5);

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @TempDir Path dir;

  @Test
  void writesPanelOfExpectedSizeAsPng() throws IOException {
    Path png = dir.resolve("clusters.png");
    ClusterPlot.write(png, threeClusters().withSubtitle("bandwidth 1.0\n3 clusters"));

    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "ImageIO cannot read the PNG back");
    assertEquals(ClusterPlot.PANEL_WIDTH, image.getWidth());
    assertEquals(ClusterPlot.PANEL_HEIGHT, image.getHeight());
  }

  @Test
  void drawsEachClusterInItsPaletteColourAndOrphansGrey() throws IOException {
    Path png = dir.resolve("clusters.png");
    ClusterPlot.write(png, threeClusters());
    BufferedImage image = ImageIO.read(png.toFile());

    for (int k = 0; k < CENTERS.length; k++) {
      int pixels = countExact(image, ClusterPlot.clusterColor(k));
      assertTrue(
          pixels >= MIN_CLUSTER_PIXELS, "cluster " + k + " colour covers only " + pixels + " px");
    }
    for (int k = CENTERS.length; k < ClusterPlot.PALETTE_SIZE; k++) {
      int pixels = countExact(image, ClusterPlot.clusterColor(k));
      assertTrue(pixels <= MAX_STRAY_PIXELS, "unused colour " + k + " covers " + pixels + " px");
    }
    int grey = countExact(image, ClusterPlot.ORPHAN_COLOR);
    assertTrue(grey >= MIN_ORPHAN_PIXELS, "orphan grey covers only " + grey + " px");
  }

  @Test
  void drawsClustersWhereTheirDataLies() throws IOException {
    Path png = dir.resolve("clusters.png");
    ClusterPlot.write(png, threeClusters());
    BufferedImage image = ImageIO.read(png.toFile());

    double[] left = pixelCentroid(image, ClusterPlot.clusterColor(0));
    double[] right = pixelCentroid(image, ClusterPlot.clusterColor(1));
    double[] top = pixelCentroid(image, ClusterPlot.clusterColor(2));
    assertTrue(left[0] < top[0] && top[0] < right[0], "x order of the clusters is wrong");
    assertTrue(top[1] < left[1] && top[1] < right[1], "cluster 2 must be above (smaller pixel y)");
  }

  @Test
  void drawsCentresInBlackOnTop() throws IOException {
    Panel without = threeClusters();
    Panel with = without.withCenters(CENTERS);
    Path a = dir.resolve("without.png");
    Path b = dir.resolve("with.png");
    ClusterPlot.write(a, without);
    ClusterPlot.write(b, with);

    int blackWithout = countExact(ImageIO.read(a.toFile()), Color.BLACK);
    int blackWith = countExact(ImageIO.read(b.toFile()), Color.BLACK);
    assertTrue(
        blackWith >= blackWithout + MIN_CENTER_PIXELS,
        "centres add only " + (blackWith - blackWithout) + " black px");
  }

  @Test
  void sideBySideIsOnePanelWidePerPanel() throws IOException {
    Path single = dir.resolve("single.png");
    Path pair = dir.resolve("comparison.png");
    ClusterPlot.write(single, threeClusters());
    ClusterPlot.writeSideBySide(
        pair, List.of(threeClusters(), threeClusters().withTitle("k-means")));

    BufferedImage one = ImageIO.read(single.toFile());
    BufferedImage two = ImageIO.read(pair.toFile());
    assertEquals(2 * one.getWidth(), two.getWidth());
    assertEquals(one.getHeight(), two.getHeight());
    BufferedImage rightHalf = two.getSubimage(one.getWidth(), 0, one.getWidth(), one.getHeight());
    for (int k = 0; k < CENTERS.length; k++) {
      assertTrue(countExact(rightHalf, ClusterPlot.clusterColor(k)) >= MIN_CLUSTER_PIXELS);
    }
  }

  @Test
  void oneSeriesPerClusterAndLegendOnlyForFewClusters() {
    XYChart few = ClusterPlot.chart(threeClusters().withCenters(CENTERS), ClusterPlot.PANEL_HEIGHT);
    assertTrue(few.getStyler().isLegendVisible());
    assertEquals(
        Set.of(
            "orphans (" + ORPHANS + " points)",
            "cluster 0 (" + CLUSTER_POINTS + " points)",
            "cluster 1 (" + CLUSTER_POINTS + " points)",
            "cluster 2 (" + CLUSTER_POINTS + " points)",
            "centres (3)"),
        few.getSeriesMap().keySet());

    int many = ClusterPlot.MAX_LEGEND_CLUSTERS + 1;
    double[][] points = new double[many][];
    int[] labels = new int[many];
    for (int k = 0; k < many; k++) {
      points[k] = new double[] {k, k};
      labels[k] = k;
    }
    XYChart crowded =
        ClusterPlot.chart(Panel.of("many", "x", "y", points, labels), ClusterPlot.PANEL_HEIGHT);
    assertFalse(crowded.getStyler().isLegendVisible());
    assertEquals(many, crowded.getSeriesMap().size());
  }

  @Test
  void paletteIsFixedAndCycles() {
    Set<Color> distinct = new HashSet<>();
    for (int k = 0; k < ClusterPlot.PALETTE_SIZE; k++) {
      distinct.add(ClusterPlot.clusterColor(k));
      assertEquals(
          ClusterPlot.clusterColor(k), ClusterPlot.clusterColor(k + ClusterPlot.PALETTE_SIZE));
      assertNotEquals(ClusterPlot.ORPHAN_COLOR, ClusterPlot.clusterColor(k));
    }
    assertEquals(ClusterPlot.PALETTE_SIZE, distinct.size());
    assertEquals(ClusterPlot.ORPHAN_COLOR, ClusterPlot.clusterColor(Panel.ORPHAN));
  }

  @Test
  void copesWithLargeInputQuickly() throws IOException {
    ClusterPlot.write(dir.resolve("warmup.png"), threeClusters());
    Random random = new Random(7);
    double[][] points = new double[LARGE_POINTS][];
    int[] labels = new int[LARGE_POINTS];
    for (int i = 0; i < LARGE_POINTS; i++) {
      labels[i] = i % 20 == 0 ? Panel.ORPHAN : i % 8;
      points[i] = new double[] {random.nextGaussian() + labels[i], random.nextGaussian()};
    }
    Panel panel = Panel.of("large", "x", "y", points, labels);
    Path png = dir.resolve("large.png");

    assertTimeoutPreemptively(LARGE_TIME_LIMIT, () -> ClusterPlot.write(png, panel));
    assertEquals(ClusterPlot.PANEL_WIDTH, ImageIO.read(png.toFile()).getWidth());
  }

  @Test
  void panelCopiesItsArrays() {
    double[][] points = {{1, 2}};
    int[] labels = {0};
    Panel panel = Panel.of("t", "x", "y", points, labels);
    points[0][0] = 99;
    labels[0] = 5;
    assertEquals(1, panel.points()[0][0]);
    assertEquals(0, panel.labels()[0]);
  }

  @Test
  void rejectsBadArgumentsWithMessages() {
    double[][] twoPoints = {{0, 0}, {1, 1}};
    assertMessage("must match", () -> Panel.of("t", "x", "y", twoPoints, new int[] {0, 1, 2}));
    assertMessage("2-D", () -> Panel.of("t", "x", "y", new double[][] {{0, 0, 0}}, new int[] {0}));
    assertMessage(
        "not finite",
        () -> Panel.of("t", "x", "y", new double[][] {{Double.NaN, 0}}, new int[] {0}));
    assertMessage(">= 0 or -1", () -> Panel.of("t", "x", "y", twoPoints, new int[] {0, -2}));
    assertMessage("labels must not be null", () -> Panel.of("t", "x", "y", twoPoints, null));
    assertMessage("title", () -> Panel.of(null, "x", "y", twoPoints, new int[] {0, 1}));
    Panel ok = Panel.of("t", "x", "y", twoPoints, new int[] {0, 1});
    assertMessage("centers[0]", () -> ok.withCenters(new double[][] {{1}}));
    assertMessage(
        "at least one panel", () -> ClusterPlot.writeSideBySide(dir.resolve("a.png"), List.of()));
    assertMessage("panel must not be null", () -> ClusterPlot.write(dir.resolve("b.png"), null));
    assertMessage("png path", () -> ClusterPlot.write(null, ok));
    List<Panel> withNull = new ArrayList<>();
    withNull.add(ok);
    withNull.add(null);
    assertMessage("panels[1]", () -> ClusterPlot.writeSideBySide(dir.resolve("c.png"), withNull));
  }

  /** Three Gaussian clusters around {@link #CENTERS} plus uniform orphans, seeded. */
  static Panel threeClusters() {
    Random random = new Random(42);
    int n = CENTERS.length * CLUSTER_POINTS + ORPHANS;
    double[][] points = new double[n][];
    int[] labels = new int[n];
    int i = 0;
    for (int k = 0; k < CENTERS.length; k++) {
      for (int j = 0; j < CLUSTER_POINTS; j++, i++) {
        points[i] =
            new double[] {
              CENTERS[k][0] + CLUSTER_SPREAD * random.nextGaussian(),
              CENTERS[k][1] + CLUSTER_SPREAD * random.nextGaussian()
            };
        labels[i] = k;
      }
    }
    for (; i < n; i++) {
      points[i] = new double[] {-3 + 12 * random.nextDouble(), -3 + 11 * random.nextDouble()};
      labels[i] = Panel.ORPHAN;
    }
    return Panel.of("mean shift", "x", "y", points, labels);
  }

  private static int countExact(BufferedImage image, Color color) {
    int rgb = color.getRGB() & 0xFFFFFF;
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          count++;
        }
      }
    }
    return count;
  }

  /** Mean pixel position (x, y) of the pixels of exactly this colour. */
  private static double[] pixelCentroid(BufferedImage image, Color color) {
    int rgb = color.getRGB() & 0xFFFFFF;
    double sx = 0;
    double sy = 0;
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          sx += x;
          sy += y;
          count++;
        }
      }
    }
    assertTrue(count > 0, "no pixel of colour " + color);
    return new double[] {sx / count, sy / count};
  }

  private static void assertMessage(String expected, ThrowingRunnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(expected),
        "message \"" + e.getMessage() + "\" should contain \"" + expected + "\"");
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
