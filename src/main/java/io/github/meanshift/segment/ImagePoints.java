package io.github.meanshift.segment;

import static org.apache.spark.sql.functions.col;

import io.github.meanshift.common.BadInputException;
import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An image as a set of points, and back. Each pixel is a row {@code (x, y, r, g, b)}: column x from
 * the left, row y from the top, colour channels in 0..255. For mean shift the pixel becomes the
 * joint spatial-range point {@code (x/hs, y/hs, r/hr, g/hr, b/hr)} (Comaniciu and Meer), so that
 * one bandwidth of 1 covers {@code hs} pixels and {@code hr} colour units at once.
 */
public final class ImagePoints {
  /** Pixel column, 0 at the left. */
  public static final String X = "x";

  /** Pixel row, 0 at the top. */
  public static final String Y = "y";

  /** The colour channels, 0..255. */
  public static final String[] CHANNELS = {"r", "g", "b"};

  /** The joint-space feature columns added by {@link #withJointFeatures}. */
  public static final String[] JOINT_FEATURES = {"_px", "_py", "_pr", "_pg", "_pb"};

  /** Schema of {@link #frame}. */
  public static final StructType SCHEMA =
      new StructType()
          .add(X, DataTypes.IntegerType, false)
          .add(Y, DataTypes.IntegerType, false)
          .add(CHANNELS[0], DataTypes.IntegerType, false)
          .add(CHANNELS[1], DataTypes.IntegerType, false)
          .add(CHANNELS[2], DataTypes.IntegerType, false);

  /** Image rows per element of the parallelized collection (keeps tasks small). */
  private static final int ROWS_PER_SLICE = 64;

  private ImagePoints() {}

  /**
   * The pixels of {@code image} as rows {@code (x, y, r, g, b)}, in row-major order. The pixels are
   * shipped to the executors with the tasks (one image row per element), so the frame can be read
   * again without the driver holding a copy in Spark's block store. Transparency is ignored.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public static Dataset<Row> frame(SparkSession spark, BufferedImage image) {
    if (spark == null || image == null) {
      throw new BadInputException("spark and image must not be null");
    }
    int width = image.getWidth();
    int height = image.getHeight();
    List<ImageRow> rows = new ArrayList<>(height);
    for (int y = 0; y < height; y++) {
      rows.add(new ImageRow(y, image.getRGB(0, y, width, 1, null, 0, width)));
    }
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(rows, slices(spark, height))
            .flatMap(ImageRow::pixels),
        SCHEMA);
  }

  /**
   * {@code pixels} with the joint-space columns {@link #JOINT_FEATURES}: {@code x/hs, y/hs, r/hr,
   * g/hr, b/hr} as doubles.
   *
   * @param pixels rows with the columns of {@link #SCHEMA}
   * @param spatialBandwidth hs, in pixels
   * @param rangeBandwidth hr, in colour units
   * @throws IllegalArgumentException if a bandwidth is not finite and positive
   */
  public static Dataset<Row> withJointFeatures(
      Dataset<Row> pixels, double spatialBandwidth, double rangeBandwidth) {
    checkBandwidth("spatial bandwidth", spatialBandwidth);
    checkBandwidth("range bandwidth", rangeBandwidth);
    String[] source = {X, Y, CHANNELS[0], CHANNELS[1], CHANNELS[2]};
    Column[] cols = new Column[source.length + JOINT_FEATURES.length];
    for (int j = 0; j < source.length; j++) {
      cols[j] = col(source[j]);
      double scale = j < 2 ? spatialBandwidth : rangeBandwidth;
      cols[source.length + j] = col(source[j]).cast("double").divide(scale).as(JOINT_FEATURES[j]);
    }
    return pixels.select(cols);
  }

  /**
   * The joint-space point of every pixel, row-major: {@code (x/hs, y/hs, r/hr, g/hr, b/hr)}, the
   * same values as the columns of {@link #withJointFeatures}.
   *
   * @throws IllegalArgumentException if a bandwidth is not finite and positive
   */
  public static double[][] jointPoints(
      BufferedImage image, double spatialBandwidth, double rangeBandwidth) {
    checkBandwidth("spatial bandwidth", spatialBandwidth);
    checkBandwidth("range bandwidth", rangeBandwidth);
    int width = image.getWidth();
    int height = image.getHeight();
    double[][] points = new double[width * height][];
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int p = row[x];
        points[y * width + x] =
            new double[] {
              (double) x / spatialBandwidth,
              (double) y / spatialBandwidth,
              (double) ((p >> 16) & 0xFF) / rangeBandwidth,
              (double) ((p >> 8) & 0xFF) / rangeBandwidth,
              (double) (p & 0xFF) / rangeBandwidth
            };
      }
    }
    return points;
  }

  /**
   * A table {@code (x, y, <one int column per labelling>)} from per-pixel labels held by the driver
   * (row-major arrays), shipped to the executors with the tasks like {@link #frame}.
   *
   * @param names the label columns' names
   * @param labels one row-major array per name, each of {@code width * height} labels
   * @throws IllegalArgumentException if the names and arrays do not match or an array has the wrong
   *     length
   */
  public static Dataset<Row> labelFrame(
      SparkSession spark, int width, int height, String[] names, int[]... labels) {
    if (names.length != labels.length || names.length == 0) {
      throw new BadInputException(
          names.length + " label names for " + labels.length + " labellings; need one each");
    }
    for (int[] l : labels) {
      if (l.length != width * height) {
        throw new BadInputException(
            l.length + " labels for a " + width + "x" + height + " image; need one per pixel");
      }
    }
    StructType schema =
        new StructType().add(X, DataTypes.IntegerType, false).add(Y, DataTypes.IntegerType, false);
    for (String n : names) {
      schema = schema.add(n, DataTypes.IntegerType, false);
    }
    List<LabelRow> rows = new ArrayList<>(height);
    for (int y = 0; y < height; y++) {
      int[][] row = new int[labels.length][];
      for (int j = 0; j < labels.length; j++) {
        row[j] = java.util.Arrays.copyOfRange(labels[j], y * width, (y + 1) * width);
      }
      rows.add(new LabelRow(y, row));
    }
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(rows, slices(spark, height))
            .flatMap(LabelRow::pixels),
        schema);
  }

  private static int slices(SparkSession spark, int height) {
    int slices = Math.max(1, (height + ROWS_PER_SLICE - 1) / ROWS_PER_SLICE);
    return Math.min(height, Math.max(spark.sparkContext().defaultParallelism(), slices));
  }

  private static void checkBandwidth(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new BadInputException(name + " must be finite and positive, got " + value);
    }
  }

  /** One image row: its index and packed RGB values. */
  private static final class ImageRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int y;
    private final int[] rgb;

    ImageRow(int y, int[] rgb) {
      this.y = y;
      this.rgb = rgb;
    }

    java.util.Iterator<Row> pixels() {
      List<Row> out = new ArrayList<>(rgb.length);
      for (int x = 0; x < rgb.length; x++) {
        int p = rgb[x];
        out.add(RowFactory.create(x, y, (p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF));
      }
      return out.iterator();
    }
  }

  /** One image row of labels: its index and one array per labelling. */
  private static final class LabelRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int y;
    private final int[][] labels;

    LabelRow(int y, int[][] labels) {
      this.y = y;
      this.labels = labels;
    }

    java.util.Iterator<Row> pixels() {
      int width = labels[0].length;
      List<Row> out = new ArrayList<>(width);
      for (int x = 0; x < width; x++) {
        Object[] v = new Object[2 + labels.length];
        v[0] = x;
        v[1] = y;
        for (int j = 0; j < labels.length; j++) {
          v[2 + j] = labels[j][x];
        }
        out.add(RowFactory.create(v));
      }
      return out.iterator();
    }
  }
}
