package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.SparkTestBase;
import io.github.meanshift.common.Agreement;
import io.github.meanshift.ml.ClusteringMetrics;
import io.github.meanshift.ml.ReferenceMeanShift;
import io.github.meanshift.segment.ImagePoints;
import io.github.meanshift.segment.Rect;
import io.github.meanshift.segment.SceneWriter;
import io.github.meanshift.segment.SyntheticImage;
import io.github.meanshift.segment.SyntheticScene;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment command end to end: the bundled four-region picture is segmented into its regions, a
 * tiny picture gets exactly the segments of a plain Java mean shift on the same joint points (on
 * the driver and on the executors), --compare and --method kmeans write their pictures, and bad
 * input is one clear error with nothing written.
 */
class SegmentCommandTest extends SparkTestBase {
  /** Least agreement of the segmentation with the four known regions. */
  static final double MIN_REGION_ARI = 0.95;

  /** The bundled synthetic picture and the arguments of SyntheticImage that made it. */
  static final Path FOUR_REGIONS = Path.of("data-samples/four-regions-96x64.png");

  static final int FOUR_REGIONS_WIDTH = 96;
  static final int FOUR_REGIONS_HEIGHT = 64;

  /** Tiny picture: size, bandwidths, and the reference's stopping rule. */
  static final int TINY_WIDTH = 14;

  static final int TINY_HEIGHT = 10;
  static final double TINY_HS = 4;
  static final double TINY_HR = 40;
  static final double TOL = 1e-3;
  static final int MAX_ITER = 300;

  @TempDir Path tmp;

  @Test
  void bundledFourRegionPictureIsSegmentedIntoItsRegions() throws IOException {
    SyntheticImage truth =
        SyntheticImage.fourRegions(
            FOUR_REGIONS_WIDTH,
            FOUR_REGIONS_HEIGHT,
            SyntheticImage.DEFAULT_NOISE,
            SyntheticImage.DEFAULT_SEED);
    BufferedImage bundled = ImageIO.read(FOUR_REGIONS.toFile());
    assertArrayEquals(rgb(truth.image()), rgb(bundled), "data-samples picture is reproducible");

    Path out = tmp.resolve("regions");
    CliRun run =
        CliRun.of("segment", "--image", FOUR_REGIONS.toString(), "--output", out.toString());
    assertEquals(0, run.status, run.toString());
    int[] labels = readLabels(out, "segment", FOUR_REGIONS_WIDTH, FOUR_REGIONS_HEIGHT);
    double ari = ClusteringMetrics.of(Agreement.contingency(truth.regions(), labels)).ari();
    assertTrue(ari >= MIN_REGION_ARI, "ARI against the regions " + ari);

    JsonNode report = readReport(out);
    assertEquals(FOUR_REGIONS_WIDTH * FOUR_REGIONS_HEIGHT, report.get("pixels").asInt());
    assertEquals("regions", report.get("method").asText());
    assertEquals(distinct(labels), report.get("n_segments").asInt());
    assertTrue(report.get("seconds").get("filter").asDouble() > 0);
    assertTrue(report.get("seconds").get("total").asDouble() > 0);
    BufferedImage segmented = ImageIO.read(out.resolve("segmented.png").toFile());
    assertEquals(FOUR_REGIONS_WIDTH, segmented.getWidth());
    assertEquals(FOUR_REGIONS_HEIGHT, segmented.getHeight());
    assertPaintedWithMeanColours(bundled, labels, segmented);
  }

  @Test
  void syntheticOptionGivesTheSamePictureAndReportsAri() throws IOException {
    Path out = tmp.resolve("synthetic");
    CliRun run =
        CliRun.of(
            "segment",
            "--synthetic",
            FOUR_REGIONS_WIDTH + "x" + FOUR_REGIONS_HEIGHT,
            "--output",
            out.toString());
    assertEquals(0, run.status, run.toString());
    assertArrayEquals(
        rgb(ImageIO.read(FOUR_REGIONS.toFile())),
        rgb(ImageIO.read(out.resolve("original.png").toFile())));
    double ari = readReport(out).get("metrics").get("ari").asDouble();
    assertTrue(ari >= MIN_REGION_ARI, "report's ARI " + ari);
  }

  @Test
  void tinyPictureMatchesPlainJavaMeanShiftOnDriverAndExecutors() throws IOException {
    BufferedImage tiny = tinyPicture();
    Path file = tmp.resolve("tiny.png");
    ImageIO.write(tiny, "png", file.toFile());
    double[][] joint = jointPoints(tiny, TINY_HS, TINY_HR);
    int[] expected =
        ReferenceMeanShift.labels(
            joint, ReferenceMeanShift.centers(joint, "gaussian", 1.0, TOL, MAX_ITER));
    assertTrue(distinct(expected) >= 3, "the tiny picture has several segments");

    for (String localMaxPoints : List.of("100000", "0")) {
      Path out = tmp.resolve("tiny-" + localMaxPoints);
      CliRun run =
          segmentTiny(
              file,
              out,
              "--method",
              "points",
              "--bin-seeding",
              "false",
              "--tol",
              "" + TOL,
              "--max-iter",
              "" + MAX_ITER,
              "--local-max-points",
              localMaxPoints,
              "--output-format",
              "csv");
      assertEquals(0, run.status, run.toString());
      int[] labels = readLabels(out, "segment", TINY_WIDTH, TINY_HEIGHT);
      assertSamePartition(expected, labels, "local-max-points " + localMaxPoints);
      String engine = readReport(out).get("engine").asText();
      assertEquals(localMaxPoints.equals("0"), !engine.startsWith("local"), engine);
    }
  }

  @Test
  void compareWritesBothSegmentationsSideBySide() throws IOException {
    Path file = tmp.resolve("tiny.png");
    ImageIO.write(tinyPicture(), "png", file.toFile());
    Path out = tmp.resolve("compare");
    CliRun run = segmentTiny(file, out, "--compare");
    assertEquals(0, run.status, run.toString());
    JsonNode report = readReport(out);
    int segments = report.get("n_segments").asInt();
    assertEquals(segments, report.get("kmeans").get("n_segments").asInt(), report.toString());
    assertEquals(segments, report.get("kmeans").get("parameters").get("k").asInt());
    int[] ms = readLabels(out, "segment", TINY_WIDTH, TINY_HEIGHT);
    int[] km = readLabels(out, "kmeans_segment", TINY_WIDTH, TINY_HEIGHT);
    assertEquals(segments, distinct(ms));
    assertEquals(segments, distinct(km));
    BufferedImage comparison = ImageIO.read(out.resolve("comparison.png").toFile());
    assertTrue(comparison.getWidth() > 2 * comparison.getHeight(), "three panels side by side");
    assertTrue(Files.exists(out.resolve("segmented-kmeans.png")));
    assertTrue(Files.exists(out.resolve("segmented.png")));
  }

  @Test
  void kmeansMethodSegmentsWithKSegments() throws IOException {
    Path out = tmp.resolve("kmeans");
    CliRun run =
        CliRun.of(
            "segment",
            "--image",
            FOUR_REGIONS.toString(),
            "--method",
            "kmeans",
            "--k",
            "4",
            "--output",
            out.toString());
    assertEquals(0, run.status, run.toString());
    JsonNode report = readReport(out);
    assertEquals("kmeans", report.get("method").asText());
    assertEquals(4, report.get("n_segments").asInt());
    assertTrue(Files.exists(out.resolve("segmented.png")));
  }

  @Test
  void badInputIsOneClearErrorAndNothingWritten() throws IOException {
    Path out = tmp.resolve("bad");
    Path text = tmp.resolve("notes.png");
    Files.writeString(text, "not a picture\n");
    String image = FOUR_REGIONS.toString();
    assertCleanError(
        CliRun.of(
            "segment", "--image", tmp.resolve("missing.png").toString(), "--output", "" + out),
        "does not exist",
        out);
    assertCleanError(
        CliRun.of("segment", "--image", text.toString(), "--output", "" + out),
        "not a PNG or JPEG",
        out);
    assertCleanError(
        CliRun.of("segment", "--image", image, "--spatial-bandwidth", "0", "--output", "" + out),
        "--spatial-bandwidth",
        out);
    assertCleanError(
        CliRun.of("segment", "--image", image, "--range-bandwidth", "abc", "--output", "" + out),
        "--range-bandwidth",
        out);
    assertCleanError(
        CliRun.of("segment", "--image", image, "--method", "kmeans", "--output", "" + out),
        "--k",
        out);
    assertCleanError(
        CliRun.of("segment", "--image", image, "--synthetic", "8x8", "--output", "" + out),
        "exactly one of --image, --images and --synthetic",
        out);
    assertCleanError(
        CliRun.of("segment", "--synthetic", "8by8", "--output", "" + out), "--synthetic", out);
    assertCleanError(
        CliRun.of("segment", "--image", image, "--tile-size", "100", "--output", "" + out),
        "--tile-size",
        out);
    assertCleanError(
        CliRun.of("segment", "--image", image, "--min-region", "-1", "--output", "" + out),
        "--min-region",
        out);
    assertCleanError(
        CliRun.of("segment", "--image", image, "--kernel", "triangular", "--output", "" + out),
        "--kernel",
        out);
    assertCleanError(
        CliRun.of("segment", "--image", image, "--speedup", "fast", "--output", "" + out),
        "--speedup",
        out);
    Files.createDirectories(out);
    CliRun exists = CliRun.of("segment", "--image", image, "--output", "" + out);
    assertEquals(2, exists.status, exists.toString());
    assertTrue(exists.stderr.startsWith("error: "), exists.toString());
    try (var left = Files.list(out)) {
      assertEquals(0, left.count(), "an existing output directory is left alone");
    }
  }

  @Test
  void aPictureInTilesGetsTheRegionsOfTheWholePicture() throws IOException {
    SyntheticScene scene = SyntheticScene.parse("shapes:200x136");
    Path file = tmp.resolve("scene.png");
    SceneWriter.write(scene, file.toString(), null);
    Path whole = tmp.resolve("whole");
    Path tiled = tmp.resolve("tiled");
    assertEquals(0, CliRun.of("segment", "--image", "" + file, "--output", "" + whole).status);
    CliRun run =
        CliRun.of("segment", "--image", "" + file, "--tile-size", "64", "--output", "" + tiled);
    assertEquals(0, run.status, run.toString());
    JsonNode report = readReport(tiled);
    assertTrue(report.get("parameters").get("tiled").asBoolean());
    assertEquals(false, readReport(whole).get("parameters").get("tiled").asBoolean());
    assertArrayEquals(
        readLabels(whole, "segment", 200, 136), readLabels(tiled, "segment", 200, 136));
    assertArrayEquals(
        rgb(ImageIO.read(whole.resolve("segmented.png").toFile())),
        rgb(ImageIO.read(tiled.resolve("segmented.png").toFile())));
    assertArrayEquals(
        rgb(ImageIO.read(whole.resolve("boundaries.png").toFile())),
        rgb(ImageIO.read(tiled.resolve("boundaries.png").toFile())));
    double ari =
        ClusteringMetrics.of(
                Agreement.contingency(
                    scene.regionsOf(new Rect(0, 0, 200, 136)),
                    readLabels(tiled, "segment", 200, 136)))
            .ari();
    assertTrue(ari >= MIN_REGION_ARI, "ARI " + ari);
  }

  @Test
  void aFolderIsSegmentedPictureByPictureAndABadOneIsReported() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("pictures"));
    SceneWriter.write(SyntheticScene.parse("shapes:96x80"), "" + in.resolve("a.png"), null);
    SceneWriter.write(SyntheticScene.parse("gradients:120x64"), "" + in.resolve("b.png"), null);
    SceneWriter.write(SyntheticScene.parse("textures:100x100"), "" + in.resolve("c.png"), null);
    Files.writeString(in.resolve("broken.png"), "not a picture");
    Files.writeString(in.resolve("README.txt"), "not taken: not a picture name");
    Path out = tmp.resolve("folder");
    CliRun run =
        CliRun.of(
            "segment",
            "--images",
            "" + in,
            "--tile-size",
            "96",
            "--output-format",
            "csv",
            "--output",
            "" + out);
    assertEquals(0, run.status, run.toString());
    List<String> index = Files.readAllLines(out.resolve("index.csv"));
    assertEquals("file,folder,width,height,pixels,regions,seconds,status,error", index.get(0));
    assertEquals(5, index.size(), index.toString());
    assertTrue(index.get(1).contains("a.png,a,96,80,7680,11,"), index.get(1));
    // Sorted by path: a, b, broken, c.
    assertTrue(index.get(3).contains("broken.png"), index.get(3));
    assertTrue(index.get(3).contains(",error,"), index.get(3));
    assertTrue(index.get(4).contains("c.png,c,100,100,"), index.get(4));
    assertFalse(Files.exists(out.resolve("broken")));
    // b.png (120 wide) is beyond --tile-size 96: segmented in tiles, same outputs.
    for (String[] p : new String[][] {{"a", "96", "80"}, {"b", "120", "64"}, {"c", "100", "100"}}) {
      Path folder = out.resolve(p[0]);
      for (String f : List.of("segmented.png", "boundaries.png", "report.json")) {
        assertTrue(Files.exists(folder.resolve(f)), folder.resolve(f).toString());
      }
      int[] labels = readLabels(folder, "segment", Integer.parseInt(p[1]), Integer.parseInt(p[2]));
      assertEquals(readReport(folder).get("n_segments").asInt(), distinct(labels), p[0]);
    }
    assertTrue(readReport(out.resolve("b")).get("parameters").get("tiled").asBoolean());
    JsonNode report = readReport(out);
    assertEquals(4, report.get("n_images").asInt());
    assertEquals(1, report.get("n_failed").asInt());

    // A glob takes the files it matches, whatever their names.
    Path globbed = tmp.resolve("globbed");
    CliRun glob = CliRun.of("segment", "--images", in + "/[ab].png", "--output", "" + globbed);
    assertEquals(0, glob.status, glob.toString());
    assertEquals(3, Files.readAllLines(globbed.resolve("index.csv")).size());
    assertTrue(Files.exists(globbed.resolve("a/segmented.png")));
    assertFalse(Files.exists(globbed.resolve("c")));
  }

  @Test
  void aFolderWithoutAReadablePictureIsAnError() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("bad-pictures"));
    Files.writeString(in.resolve("broken.png"), "not a picture");
    Path out = tmp.resolve("nothing");
    assertCleanError(
        CliRun.of("segment", "--images", "" + in, "--output", "" + out), "broken.png", out);
    assertCleanError(
        CliRun.of("segment", "--images", "" + tmp.resolve("missing"), "--output", "" + out),
        "--images",
        out);
  }

  /** {@code segment} on the tiny picture's file with its bandwidths, into {@code out}. */
  private static CliRun segmentTiny(Path file, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "segment",
                "--image",
                file.toString(),
                "--spatial-bandwidth",
                "" + TINY_HS,
                "--range-bandwidth",
                "" + TINY_HR,
                "--output",
                out.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static void assertCleanError(CliRun run, String expected, Path out) {
    assertEquals(2, run.status, run.toString());
    List<String> lines = run.stderr.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), run.toString());
    assertTrue(lines.get(0).startsWith("error: "), run.toString());
    assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in " + run);
    assertFalse(run.stderr.contains("\tat "), run.toString());
    assertFalse(Files.exists(out), "no output for " + run);
  }

  /**
   * Three regions (left half warm, top right green, bottom right blue) with a little seeded noise.
   */
  static BufferedImage tinyPicture() {
    int[][] colours = {{210, 90, 40}, {40, 180, 70}, {50, 70, 200}};
    Random random = new Random(7);
    BufferedImage image = new BufferedImage(TINY_WIDTH, TINY_HEIGHT, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < TINY_HEIGHT; y++) {
      for (int x = 0; x < TINY_WIDTH; x++) {
        int region = x < TINY_WIDTH / 2 ? 0 : y < TINY_HEIGHT / 2 ? 1 : 2;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          int v = colours[region][c] + random.nextInt(13) - 6;
          rgb = (rgb << 8) | v;
        }
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  /** The joint points (x/hs, y/hs, r/hr, g/hr, b/hr), row-major, written out independently. */
  static double[][] jointPoints(BufferedImage image, double hs, double hr) {
    int w = image.getWidth();
    double[][] points = new double[w * image.getHeight()][];
    for (int i = 0; i < points.length; i++) {
      int x = i % w;
      int y = i / w;
      int rgb = image.getRGB(x, y);
      points[i] =
          new double[] {
            x / hs, y / hs, ((rgb >> 16) & 0xff) / hr, ((rgb >> 8) & 0xff) / hr, (rgb & 0xff) / hr
          };
    }
    return points;
  }

  private int[] readLabels(Path out, String column, int width, int height) {
    Path dir = out.resolve("labels");
    boolean csv;
    try (var files = Files.list(dir)) {
      csv = files.anyMatch(f -> f.getFileName().toString().endsWith(".csv"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    var frame =
        csv
            ? spark.read().option("header", "true").option("inferSchema", "true").csv("" + dir)
            : spark.read().parquet("" + dir);
    int[] labels = new int[width * height];
    java.util.Arrays.fill(labels, -1);
    List<Row> rows = frame.select(ImagePoints.X, ImagePoints.Y, column).collectAsList();
    assertEquals(width * height, rows.size(), "one row per pixel");
    for (Row r : rows) {
      labels[r.getInt(1) * width + r.getInt(0)] = r.getInt(2);
    }
    for (int l : labels) {
      assertTrue(l >= 0, "every pixel labelled");
    }
    return labels;
  }

  private static JsonNode readReport(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("report.json").toFile());
  }

  private static int[] rgb(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  /** Every pixel of a segment is painted with the segment's mean colour (rounded per channel). */
  private static void assertPaintedWithMeanColours(
      BufferedImage original, int[] labels, BufferedImage segmented) {
    int w = original.getWidth();
    Map<Integer, long[]> sums = new HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      int rgb = original.getRGB(i % w, i / w);
      long[] s = sums.computeIfAbsent(labels[i], k -> new long[4]);
      s[0] += (rgb >> 16) & 0xff;
      s[1] += (rgb >> 8) & 0xff;
      s[2] += rgb & 0xff;
      s[3]++;
    }
    for (int i = 0; i < labels.length; i++) {
      long[] s = sums.get(labels[i]);
      int painted = segmented.getRGB(i % w, i / w);
      int[] channel = {(painted >> 16) & 0xff, (painted >> 8) & 0xff, painted & 0xff};
      for (int c = 0; c < 3; c++) {
        double mean = (double) s[c] / s[3];
        assertTrue(Math.abs(channel[c] - mean) <= 0.5 + 1e-9, "pixel " + i + " channel " + c);
      }
    }
  }

  /** Asserts that two labellings split the pixels the same way (labels may be renumbered). */
  private static void assertSamePartition(int[] expected, int[] actual, String what) {
    Map<Integer, Integer> forward = new HashMap<>();
    Map<Integer, Integer> backward = new HashMap<>();
    List<Integer> differing = new ArrayList<>();
    for (int i = 0; i < expected.length; i++) {
      Integer f = forward.putIfAbsent(expected[i], actual[i]);
      Integer b = backward.putIfAbsent(actual[i], expected[i]);
      if ((f != null && f != actual[i]) || (b != null && b != expected[i])) {
        differing.add(i);
      }
    }
    assertEquals(List.of(), differing, what + ": pixels whose segment differs from the reference");
  }

  private static int distinct(int[] labels) {
    return (int) java.util.Arrays.stream(labels).distinct().count();
  }
}
