package io.github.meanshift.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming PNG writer reads back through ImageIO, a picture file reads a rectangle at a time,
 * synthetic scenes make the same pixels tile by tile, and borders are drawn where the region
 * changes.
 */
class PicturesTest {
  @TempDir Path tmp;

  @Test
  void streamedPngReadsBackWithImageIo() throws Exception {
    int w = 37;
    int h = 11;
    Random random = new Random(3);
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = random.nextInt(1 << 24);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PngWriter png = new PngWriter(out, w, h)) {
      for (int y = 0; y < h; y++) {
        png.row(rgb, y * w);
      }
    }
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    assertArrayEquals(rgb, Raster.of(back).rgb());
  }

  @Test
  void aPictureFileReadsTheRectangleAskedFor() throws Exception {
    SyntheticScene scene = SyntheticScene.parse("shapes:70x50");
    Path file = tmp.resolve("scene.png");
    SceneWriter.write(scene, file.toString(), null);
    PictureFile picture = PictureFile.open(file.toString(), new Configuration());
    assertEquals(70, picture.width());
    assertEquals(50, picture.height());
    Rect part = new Rect(13, 7, 40, 30);
    Raster r = picture.read(part);
    assertEquals(part, r.area());
    assertArrayEquals(scene.raster(part).rgb(), r.rgb());
  }

  @Test
  void unreadablePicturesAreNamedInTheError() throws Exception {
    Path text = tmp.resolve("notes.png");
    Files.writeString(text, "not a picture");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PictureFile.open(text.toString(), new Configuration()));
    assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
  }

  @Test
  void aSceneMakesTheSamePixelsWholeOrInParts() {
    SyntheticScene scene = SyntheticScene.parse("textures:64x48:noise=5");
    Raster whole = scene.raster();
    Rect part = new Rect(17, 5, 30, 20);
    assertArrayEquals(whole.crop(part).rgb(), scene.raster(part).rgb());
    assertEquals(scene.regions(), 7);
    assertThrows(IllegalArgumentException.class, () -> SyntheticScene.parse("circles:64x64"));
    assertThrows(IllegalArgumentException.class, () -> SyntheticScene.parse("shapes:8x8"));
  }

  @Test
  void bordersAreDrawnWhereTheRightOrLowerNeighbourDiffers() {
    int[] labels = {0, 0, 1, 0, 0, 1, 2, 2, 2};
    int[] rgb = new int[9];
    int[] out =
        RegionPainter.boundaries(labels, rgb, 3, 3, new int[] {1, 1, 5}, null, new int[] {0, 0, 0});
    // Dark regions get white borders; (2, 2) borders the column beyond (region 5), the last row
    // has no row below it.
    int white = 0xFFFFFF;
    int[] expected = {0, white, 0, white, white, white, 0, 0, white};
    assertArrayEquals(expected, out);
  }
}
