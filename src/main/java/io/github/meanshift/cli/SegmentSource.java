package io.github.meanshift.cli;

import io.github.meanshift.segment.PictureFile;
import io.github.meanshift.segment.PictureInput;
import io.github.meanshift.segment.SyntheticImage;
import io.github.meanshift.segment.SyntheticScene;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The picture a {@code segment} command reads: the {@code --image} file, a {@code --synthetic}
 * scene, or the four-region test picture ({@code --synthetic WxH}). {@link #of} parses the options
 * before Spark starts; {@link #open} reads the picture as a {@link PictureInput}.
 */
final class SegmentSource {
  /** Largest side of the four-region --synthetic picture (the driver holds it). */
  static final int MAX_SYNTHETIC_SIDE = 8192;

  private static final Pattern SIZE = Pattern.compile("(?:quadrants:)?(\\d{1,5})x(\\d{1,5})");

  private final String image;
  private final String synthetic;
  private final int[] fourRegionsSize;
  private final SyntheticScene scene;

  private SegmentSource(
      String image, String synthetic, int[] fourRegionsSize, SyntheticScene scene) {
    this.image = image;
    this.synthetic = synthetic;
    this.fourRegionsSize = fourRegionsSize;
    this.scene = scene;
  }

  /**
   * The picture of --image or --synthetic (at most one of them given); a --synthetic spec that is
   * neither WxH nor a scene is a {@link UsageException}.
   */
  static SegmentSource of(String image, String synthetic) {
    int[] fourRegionsSize = null;
    SyntheticScene scene = null;
    if (synthetic != null) {
      Matcher m = SIZE.matcher(synthetic.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        fourRegionsSize = parseSize(m);
      } else {
        try {
          scene = SyntheticScene.parse(synthetic);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--synthetic: " + e.getMessage() + ", or WxH (e.g. 96x64)");
        }
      }
    }
    return new SegmentSource(image, synthetic, fourRegionsSize, scene);
  }

  /**
   * The picture: a file, a synthetic scene or the four-region test picture. {@code methodName} is
   * the resolved --method: regions reads pictures with a side above {@code tileSize} in tiles; the
   * joint-point methods hold every pixel.
   */
  PictureInput open(SparkSession spark, String methodName, int tileSize) {
    if (fourRegionsSize != null) {
      return PictureInput.fourRegions(
          SyntheticImage.fourRegions(
              fourRegionsSize[0],
              fourRegionsSize[1],
              SyntheticImage.DEFAULT_NOISE,
              SyntheticImage.DEFAULT_SEED),
          "synthetic:" + synthetic);
    }
    if (scene != null) {
      return PictureInput.scene(scene, methodName.equals("regions") ? tileSize : Integer.MAX_VALUE);
    }
    PictureFile file = PictureFile.open(image, spark.sparkContext().hadoopConfiguration());
    if (methodName.equals("regions")) {
      return PictureInput.file(file, tileSize);
    }
    // The joint-point methods hold every pixel as a row: the reader's limit applies.
    if ((long) file.width() * file.height() > PictureFile.MAX_POINT_PIXELS) {
      throw new UsageException(
          "image "
              + image
              + " has more than "
              + PictureFile.MAX_POINT_PIXELS
              + " pixels for --method "
              + methodName
              + "; downscale it or use --method regions");
    }
    return PictureInput.file(file, Integer.MAX_VALUE);
  }

  private static int[] parseSize(Matcher m) {
    int w = Integer.parseInt(m.group(1));
    int h = Integer.parseInt(m.group(2));
    if (w < 2 || h < 2 || w > MAX_SYNTHETIC_SIDE || h > MAX_SYNTHETIC_SIDE) {
      throw new UsageException(
          "--synthetic sides must be in 2.." + MAX_SYNTHETIC_SIDE + ", got '" + m.group() + "'");
    }
    return new int[] {w, h};
  }
}
