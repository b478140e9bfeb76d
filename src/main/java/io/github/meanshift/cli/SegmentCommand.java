package io.github.meanshift.cli;

import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.segment.ModeFilter;
import io.github.meanshift.segment.PictureSegmentation;
import io.github.meanshift.segment.SegmentMethod;
import io.github.meanshift.segment.SegmentParams;
import io.github.meanshift.segment.Speedup;
import io.github.meanshift.shift.Kernel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code segment}: Comaniciu and Meer's mean-shift segmentation of a picture into regions
 * (joint-domain filtering, region labelling, fusion, pruning; see {@link
 * io.github.meanshift.segment.Segmenter}), in tiles with halos in Spark tasks when the picture is
 * larger than {@code --tile-size}, or of every picture of a folder ({@code --images}). {@code
 * --method points} clusters the pixels as joint points with the MeanShift estimator instead, {@code
 * --method kmeans} with MLlib's KMeans; {@code --compare} puts k-means beside. Writes
 * segmented.png, boundaries.png, labels/ (x, y, segment) and report.json. The options and their
 * checks are here; {@link SegmentSource} reads the picture and {@link SegmentRun} segments it and
 * writes the results.
 */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description =
        "Segment a picture into regions (Comaniciu and Meer's mean shift), or every picture of a"
            + " folder.")
final class SegmentCommand implements Callable<Integer> {
  /** Label column of the segmentation (and of the labels/ table). */
  static final String SEGMENT = PictureSegmentation.SEGMENT;

  /** Label column of the k-means segmentation under --compare. */
  static final String KMEANS_SEGMENT = PictureSegmentation.KMEANS_SEGMENT;

  /** Defaults of --method points (the joint-point clustering). */
  static final int POINTS_MAX_ITER = 300;

  static final double POINTS_TOL = 1e-3;
  static final String POINTS_KERNEL = "gaussian";

  /** Most iterations of k-means when --max-iter is not given. */
  static final int KMEANS_MAX_ITER = 20;

  /** Default of --tile-size: pictures up to 2048 x 2048 are segmented whole on the driver. */
  static final int TILE_SIZE = 2048;

  /**
   * Default of --local-max-points (--method points): pictures up to 1024x1024 are fitted on the
   * driver, which holds them anyway, with no Spark job per iteration.
   */
  static final long LOCAL_MAX_PIXELS = 1L << 20;

  @Mixin OutputOptions output;
  @Mixin SparkOptions sparkOptions;

  @Option(
      names = "--image",
      paramLabel = "PATH",
      description = "The picture: PNG, JPEG, TIFF, BMP or GIF, on any Hadoop file system.")
  String image;

  @Option(
      names = "--images",
      paramLabel = "DIR|GLOB",
      description =
          "Every picture of a directory (or the files a glob matches), each into its own folder"
              + " under --output, with index.csv (file, size, regions, seconds, status).")
  String images;

  @Option(
      names = "--synthetic",
      paramLabel = "SPEC",
      description =
          "Instead of --image: a synthetic picture with known regions (the report adds ARI):"
              + " shapes, gradients or textures as NAME:WxH[:noise=S] (e.g. shapes:512x512), or"
              + " WxH for the four-region test picture; also written as original.png.")
  String synthetic;

  @Option(
      names = "--method",
      paramLabel = "regions|points|kmeans",
      defaultValue = "regions",
      description =
          "regions: Comaniciu and Meer's segmentation; points: mean-shift clustering of the"
              + " pixels as (x/hs, y/hs, r/hr, g/hr, b/hr) points (formerly 'meanshift');"
              + " kmeans: MLlib KMeans on those points (default: ${DEFAULT-VALUE}).")
  SegmentMethod method;

  @Option(
      names = "--spatial-bandwidth",
      paramLabel = "HS",
      defaultValue = "8",
      description = "Spatial bandwidth hs, in pixels (default: ${DEFAULT-VALUE}).")
  double spatialBandwidth;

  @Option(
      names = "--range-bandwidth",
      paramLabel = "HR",
      defaultValue = "16",
      description =
          "Range (colour) bandwidth hr, in colour units 0..255 (default: ${DEFAULT-VALUE}).")
  double rangeBandwidth;

  @Option(
      names = "--min-region",
      paramLabel = "PIXELS",
      defaultValue = "" + SegmentParams.DEFAULT_MIN_REGION,
      description =
          "Regions of fewer pixels merge into their closest neighbour (default: ${DEFAULT-VALUE}).")
  int minRegion;

  @Option(
      names = "--kernel",
      paramLabel = "NAME",
      description =
          "regions: flat (default), epanechnikov or gaussian; points: gaussian (default), flat,"
              + " epanechnikov or triangular.")
  Kernel kernel;

  @Option(
      names = "--speedup",
      paramLabel = "basin|none",
      defaultValue = "basin",
      description =
          "regions: basin hands a climb's mode to the pixels it passes within hs/2 and 3hr/4 of;"
              + " none climbs from every pixel (default: ${DEFAULT-VALUE}).")
  Speedup speedup;

  @Option(
      names = "--tile-size",
      paramLabel = "PIXELS",
      defaultValue = "" + TILE_SIZE,
      description =
          "regions: pictures with a side above this are segmented in tiles of this side (a"
              + " multiple of "
              + ModeFilter.BLOCK
              + ") in Spark tasks (default: ${DEFAULT-VALUE}).")
  int tileSize;

  @Option(
      names = "--tol",
      paramLabel = "T",
      description =
          "A climb (regions) or seed (points) stops when it moves at most T joint units (default:"
              + " 0.1 for regions, 1e-3 for points).")
  Double tol;

  @Option(
      names = "--max-iter",
      paramLabel = "N",
      description =
          "Most steps of a climb (regions, default "
              + SegmentParams.DEFAULT_MAX_ITER
              + "; a tile's halo is N windows), iterations of mean shift (points, "
              + POINTS_MAX_ITER
              + ") or of k-means ("
              + KMEANS_MAX_ITER
              + ").")
  Integer maxIter;

  @Option(
      names = "--bin-seeding",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "true",
      paramLabel = "true|false",
      description =
          "points: seed from a grid of side hs pixels by hr colour units instead of from every"
              + " pixel (default: ${DEFAULT-VALUE}).")
  boolean binSeeding;

  @Option(
      names = "--min-bin-freq",
      paramLabel = "N",
      defaultValue = "1",
      description = "points: least pixels in a seeding bin (default: ${DEFAULT-VALUE}).")
  double minBinFreq;

  @Option(
      names = "--local-max-points",
      paramLabel = "N",
      defaultValue = "" + LOCAL_MAX_PIXELS,
      description =
          "points: fit on the driver up to N pixels; larger pictures run on the executors; 0:"
              + " always on the executors (default: ${DEFAULT-VALUE}).")
  long localMaxPoints;

  @Option(
      names = "--k",
      paramLabel = "K",
      description = "Segments for k-means; with --compare, default: as many as the regions.")
  Integer k;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Random seed of the k-means initialisation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--compare",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description =
          "Also k-means on the joint points: adds segmented-kmeans.png and comparison.png"
              + " (original, mean shift, k-means side by side).")
  boolean compare;

  /** Set by {@link #validate}: the resolved --method and the picture to read. */
  private String methodName;

  private SegmentSource source;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String format = output.format();
    validate();
    try (Sessions.Handle session = Sessions.start("segment", sparkOptions)) {
      SegmentRun run = new SegmentRun(this, session.spark, format, start);
      return images != null ? run.folder() : run.picture();
    }
  }

  /** The resolved --method: regions, points or kmeans (validated). */
  String methodName() {
    return methodName;
  }

  /** The picture of --image or --synthetic (validated). */
  SegmentSource source() {
    return source;
  }

  /** The region segmentation's parameters from the options (validated). */
  SegmentParams params() {
    return new SegmentParams(
        spatialBandwidth,
        rangeBandwidth,
        kernel == null ? SegmentParams.DEFAULT_KERNEL : kernel,
        maxIter != null ? maxIter : SegmentParams.DEFAULT_MAX_ITER,
        tol != null ? tol : SegmentParams.DEFAULT_TOL,
        minRegion,
        speedup == Speedup.BASIN);
  }

  /**
   * Most iterations of k-means: --max-iter unless --method regions (a climb's), else the default.
   */
  int kmeansMaxIter() {
    return maxIter != null && !methodName.equals("regions") ? maxIter : KMEANS_MAX_ITER;
  }

  /** Checks the options before Spark starts. */
  void validate() {
    int sources = (image != null ? 1 : 0) + (images != null ? 1 : 0) + (synthetic != null ? 1 : 0);
    if (sources != 1) {
      throw new UsageException("give exactly one of --image, --images and --synthetic");
    }
    methodName = method.resolved().paramName();
    source = SegmentSource.of(image, synthetic);
    positive("--spatial-bandwidth", spatialBandwidth);
    positive("--range-bandwidth", rangeBandwidth);
    if (minRegion < 0) {
      throw new UsageException("--min-region must be >= 0 pixels, got " + minRegion);
    }
    if (tileSize < ModeFilter.BLOCK || tileSize % ModeFilter.BLOCK != 0) {
      throw new UsageException(
          "--tile-size must be a positive multiple of " + ModeFilter.BLOCK + ", got " + tileSize);
    }
    // tol and max-iter mean what MeanShift's params mean: the same checks.
    MeanShift params = new MeanShift();
    if (tol != null) {
      ParamOptions.checkValue("--tol", cast(params.tol()), tol);
    }
    if (maxIter != null) {
      ParamOptions.checkValue("--max-iter", cast(params.maxIter()), maxIter);
    }
    boolean kmeans = methodName.equals("kmeans");
    if (compare && kmeans) {
      throw new UsageException("--compare runs k-means beside; leave out --method kmeans");
    }
    if (kmeans && k == null) {
      throw new UsageException("--k is required with --method kmeans");
    }
    if (k != null && !kmeans && !compare) {
      throw new UsageException("--k applies to --method kmeans and --compare only");
    }
    if (k != null && k < 1) {
      throw new UsageException("--k must be at least 1, got " + k);
    }
    if (images != null && (compare || !methodName.equals("regions"))) {
      throw new UsageException("--images segments into regions; leave out --compare and --method");
    }
    if (methodName.equals("regions")) {
      if (kernel != null && !SegmentParams.kernelNames().contains(kernel.paramName())) {
        throw new UsageException(
            "--kernel for regions must be one of "
                + SegmentParams.kernelNames()
                + ", got '"
                + kernel
                + "'");
      }
      if (maxIter != null && maxIter > SegmentParams.MAX_ITER) {
        throw new UsageException(
            "--max-iter for regions must be at most "
                + SegmentParams.MAX_ITER
                + ", got "
                + maxIter);
      }
      try {
        params();
      } catch (IllegalArgumentException e) {
        throw new UsageException(optionOf(e.getMessage()) + ": " + e.getMessage());
      }
    }
    if (!(minBinFreq >= 0) || Double.isInfinite(minBinFreq)) {
      throw new UsageException("--min-bin-freq must be a number >= 0, got " + minBinFreq);
    }
    if (localMaxPoints < 0) {
      throw new UsageException("--local-max-points must be >= 0, got " + localMaxPoints);
    }
  }

  /** The option a SegmentParams message is about. */
  private static String optionOf(String message) {
    if (message.startsWith("spatial")) {
      return "--spatial-bandwidth";
    }
    if (message.startsWith("range")) {
      return "--range-bandwidth";
    }
    if (message.startsWith("max")) {
      return "--max-iter";
    }
    return "segment";
  }

  private static void positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new UsageException(option + " must be a positive number, got " + value);
    }
  }

  @SuppressWarnings("unchecked")
  private static org.apache.spark.ml.param.Param<Object> cast(
      org.apache.spark.ml.param.Param<?> p) {
    return (org.apache.spark.ml.param.Param<Object>) p;
  }
}
