package io.github.meanshift.segment;

import java.awt.image.BufferedImage;

/**
 * The picture of one {@code segment} run: where its pixels come from, the pixels themselves when
 * the driver holds them (pictures of at most one tile), and the known regions of a synthetic one.
 */
public final class PictureInput {
  final String name;
  final PixelSource source;
  final BufferedImage picture;
  final int[] truth;
  final boolean synthetic;

  private PictureInput(
      String name, PixelSource source, BufferedImage picture, int[] truth, boolean synthetic) {
    this.name = name;
    this.source = source;
    this.picture = picture;
    this.truth = truth;
    this.synthetic = synthetic;
  }

  /**
   * A picture file: read by the driver if it fits one tile, else read tile by tile in the tasks.
   */
  public static PictureInput file(PictureFile file, int tileSide) {
    boolean small = file.width() <= tileSide && file.height() <= tileSide;
    return new PictureInput(file.path(), file, small ? file.readAll() : null, null, false);
  }

  /** A synthetic scene: computed by the driver if it fits one tile, else by the tasks. */
  public static PictureInput scene(SyntheticScene scene, int tileSide) {
    boolean small = scene.width() <= tileSide && scene.height() <= tileSide;
    Raster r = small ? scene.raster() : null;
    return new PictureInput(
        "synthetic:" + scene.spec(),
        PixelSource.of(scene),
        r == null ? null : r.toImage(),
        r == null ? null : scene.regionsOf(r.area()),
        true);
  }

  /** The four-region test picture ({@link SyntheticImage}), always held by the driver. */
  public static PictureInput fourRegions(SyntheticImage image, String name) {
    return new PictureInput(name, null, image.image(), image.regions(), true);
  }

  public String name() {
    return name;
  }

  public int width() {
    return picture != null ? picture.getWidth() : source.width();
  }

  public int height() {
    return picture != null ? picture.getHeight() : source.height();
  }

  /** The pixels, when the driver holds them (else null). */
  public BufferedImage image() {
    return picture;
  }

  /** The known region of every pixel, row-major, when known and held (else null). */
  public int[] truth() {
    return truth == null ? null : truth.clone();
  }

  /** Whether the driver holds the pixels (else the picture is segmented in tiles). */
  public boolean held() {
    return picture != null;
  }
}
