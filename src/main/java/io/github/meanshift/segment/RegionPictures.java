package io.github.meanshift.segment;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/** segmented.png and boundaries.png of a segmentation held by the driver or one task. */
public final class RegionPictures {
  /** Opens a named file for writing: a result directory, or a picture's folder in it. */
  public interface Sink {
    OutputStream create(String name) throws IOException;
  }

  private RegionPictures() {}

  /** Each pixel in its region's mean colour. */
  public static BufferedImage segmented(Regions regions) {
    return image(RegionPainter.paint(regions.labels(), regions.colours()), regions);
  }

  /** The region borders drawn over the picture. */
  public static BufferedImage boundaries(Regions regions, Raster picture) {
    return image(
        RegionPainter.boundaries(
            regions.labels(),
            picture.rgb(),
            regions.width(),
            regions.height(),
            null,
            null,
            regions.colours()),
        regions);
  }

  /** Writes segmented.png and boundaries.png. */
  public static void write(Regions regions, Raster picture, Sink sink) throws IOException {
    png(segmented(regions), "segmented.png", sink);
    png(boundaries(regions, picture), "boundaries.png", sink);
  }

  /** Writes {@code image} as the PNG file {@code name}. */
  public static void png(BufferedImage image, String name, Sink sink) throws IOException {
    try (OutputStream os = sink.create(name)) {
      if (!ImageIO.write(image, "png", os)) {
        throw new IOException("no PNG writer available to write " + name);
      }
    }
  }

  private static BufferedImage image(int[] rgb, Regions r) {
    BufferedImage out = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, r.width(), r.height(), rgb, 0, r.width());
    return out;
  }
}
