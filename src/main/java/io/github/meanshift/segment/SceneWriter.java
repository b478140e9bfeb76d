package io.github.meanshift.segment;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * Writes a {@link SyntheticScene} as a PNG, and optionally its known regions as a second PNG (grey
 * level = region number), a band of rows at a time: an 8192 x 8192 picture needs a few megabytes.
 *
 * <p>Usage: {@code java -cp target/spark-meanshift.jar:$(cat target/classpath-local.txt)
 * io.github.meanshift.segment.SceneWriter shapes:8192x8192 picture.png [regions.png]}
 */
public final class SceneWriter {
  /** Rows computed at a time. */
  private static final int BAND = 64;

  private SceneWriter() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: SceneWriter NAME:WxH[:noise=S] picture.png [regions.png]");
      System.exit(2);
    }
    SyntheticScene scene = SyntheticScene.parse(args[0]);
    long start = System.nanoTime();
    write(scene, args[1], args.length == 3 ? args[2] : null);
    System.err.printf(
        Locale.ROOT,
        "%s: %dx%d, %d regions, written in %.1f s%n",
        scene.spec(),
        scene.width(),
        scene.height(),
        scene.regions(),
        (System.nanoTime() - start) / 1e9);
  }

  /** Writes the picture to {@code picture} and, if not null, its regions to {@code regions}. */
  public static void write(SyntheticScene scene, String picture, String regions)
      throws IOException {
    int w = scene.width();
    try (PngWriter png = new PngWriter(out(picture), w, scene.height());
        PngWriter truth = regions == null ? null : new PngWriter(out(regions), w, scene.height())) {
      for (int y = 0; y < scene.height(); y += BAND) {
        Rect band = new Rect(0, y, w, Math.min(BAND, scene.height() - y));
        int[] rgb = scene.raster(band).rgb();
        int[] known = regions == null ? null : scene.regionsOf(band);
        for (int row = 0; row < band.height(); row++) {
          png.row(rgb, row * w);
          if (truth != null) {
            for (int x = 0; x < w; x++) {
              int k = known[row * w + x];
              known[row * w + x] = (k << 16) | (k << 8) | k;
            }
            truth.row(known, row * w);
          }
        }
      }
    }
  }

  private static BufferedOutputStream out(String path) throws IOException {
    return new BufferedOutputStream(new FileOutputStream(path), 1 << 20);
  }
}
