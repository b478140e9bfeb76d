package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.report.Reports;
import io.github.meanshift.report.ResultFiles;
import io.github.meanshift.segment.FolderEntry;
import io.github.meanshift.segment.FolderSegmentation;
import io.github.meanshift.segment.JointSegmentation;
import io.github.meanshift.segment.ModeFilter;
import io.github.meanshift.segment.PictureFile;
import io.github.meanshift.segment.PictureInput;
import io.github.meanshift.segment.PictureSegmentation;
import io.github.meanshift.segment.RegionReport;
import io.github.meanshift.segment.SegmentMethod;
import io.github.meanshift.segment.SegmentParams;
import io.github.meanshift.segment.Speedup;
import io.github.meanshift.segment.SyntheticImage;
import io.github.meanshift.segment.SyntheticScene;
import io.github.meanshift.shift.Kernel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * segmented.png, boundaries.png, labels/ (x, y, segment) and report.json.
 */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description =
        "Segment a picture into regions (Comaniciu and Meer's mean shift), or every picture of a"
            + " folder.")
final class SegmentCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentCommand.class);

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

  /** Largest side of the four-region --synthetic picture (the driver holds it). */
  static final int MAX_SYNTHETIC_SIDE = 8192;

  private static final Pattern SIZE = Pattern.compile("(?:quadrants:)?(\\d{1,5})x(\\d{1,5})");

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

  private int[] fourRegionsSize;
  private SyntheticScene scene;
  private String methodName;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String format = output.format();
    validate();
    try (Sessions.Handle session = Sessions.start("segment", sparkOptions)) {
      SparkSession spark = session.spark;
      if (images != null) {
        return folder(spark, format, start);
      }
      long readStart = System.nanoTime();
      PictureInput in = input(spark);
      double readSeconds = (System.nanoTime() - readStart) / 1e9;
      LOG.info(
          "image {}: {}x{} = {} pixels; {} {}",
          in.name(),
          in.width(),
          in.height(),
          (long) in.width() * in.height(),
          methodName,
          methodName.equals("regions")
              ? params().describe()
              : "hs " + spatialBandwidth + ", hr " + rangeBandwidth);
      if (!in.held() && (compare || !methodName.equals("regions"))) {
        throw new UsageException(
            "--compare and --method "
                + methodName
                + " need a picture of at most --tile-size "
                + tileSize
                + " pixels a side; "
                + in.name()
                + " is "
                + in.width()
                + "x"
                + in.height());
      }
      try (OutputDir dir = output.open(spark)) {
        ObjectNode report = header(in);
        if (methodName.equals("regions")) {
          regions(spark, dir, in, format, report);
        } else {
          points(spark, dir, in, format, report);
        }
        report.with("seconds").put("read", readSeconds);
        report.set("spark", Reports.spark(spark, sparkOptions.gpu));
        report.with("seconds").put("total", (System.nanoTime() - start) / 1e9);
        ResultFiles.writeReport(dir, report);
        dir.commit();
        LOG.info(
            "{} segments; results in {} (segmented.png, boundaries.png, labels/, report.json{})",
            report.get("n_segments").asInt(),
            dir.target(),
            compare ? ", segmented-kmeans.png, comparison.png" : "");
      }
      return 0;
    }
  }

  /** Comaniciu and Meer's regions of one picture. */
  private void regions(
      SparkSession spark, OutputDir dir, PictureInput in, String format, ObjectNode report)
      throws java.io.IOException {
    PictureSegmentation.Compare cmp =
        compare ? new PictureSegmentation.Compare(k, kmeansMaxIter(), seed) : null;
    PictureSegmentation.Outcome out =
        PictureSegmentation.run(spark, dir, in, params(), tileSize, format, cmp);
    report.setAll(out.report());
    if (sparkOptions.explainGpu) {
      // The regions have no SQL plan; k-means under --compare is MLlib's, with none either.
      java.util.List<String> without = new java.util.ArrayList<>();
      without.add(
          SEGMENT
              + " region segmentation runs JVM loops on the pixel grid in tasks, not SQL plans: it"
              + " stays on the CPU");
      java.util.Map<String, org.apache.spark.sql.Dataset<?>> plans =
          new java.util.LinkedHashMap<>();
      if (out.kmeans() != null) {
        out.kmeans()
            .gpuPlans()
            .apply(dir.work().toString())
            .forEach((name, plan) -> plans.put(out.kmeans().predictionCol() + " " + name, plan));
        if (out.kmeans().noGpuPlans() != null) {
          without.add(out.kmeans().predictionCol() + " " + out.kmeans().noGpuPlans());
        }
      }
      report.set("gpu_plan", Reports.gpuPlan(dir, plans, without));
    }
  }

  /** --images: every picture of a folder. */
  private int folder(SparkSession spark, String format, long start) throws java.io.IOException {
    List<String> files =
        FolderSegmentation.list(images, spark.sparkContext().hadoopConfiguration());
    try (OutputDir dir = output.open(spark)) {
      ObjectNode header = ResultFiles.newObject();
      header.put("command", "segment");
      header.put("method", "regions");
      List<FolderEntry> index =
          FolderSegmentation.run(spark, dir, files, params(), tileSize, header, format);
      ObjectNode report = ResultFiles.newObject();
      report.put("command", "segment");
      report.put("images", images);
      report.put("output", output.output);
      report.put("n_images", index.size());
      long ok = index.stream().filter(e -> e.status().equals("ok")).count();
      report.put("n_segmented", ok);
      report.put("n_failed", index.size() - ok);
      report.put("index", FolderSegmentation.INDEX);
      report.set("parameters", RegionReport.parameters(params(), tileSize, false));
      report.set("spark", Reports.spark(spark, sparkOptions.gpu));
      report.putObject("seconds").put("total", (System.nanoTime() - start) / 1e9);
      ResultFiles.writeReport(dir, report);
      dir.commit();
      LOG.info("{} of {} pictures segmented; results in {}", ok, index.size(), dir.target());
    }
    return 0;
  }

  /** The picture: a file, a synthetic scene or the four-region test picture. */
  private PictureInput input(SparkSession spark) {
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

  /** --method points or kmeans: the pixels clustered as joint points, as before the regions. */
  private void points(
      SparkSession spark, OutputDir dir, PictureInput in, String format, ObjectNode report)
      throws java.io.IOException {
    JointSegmentation.Outcome out =
        JointSegmentation.run(
            spark,
            dir,
            in,
            new JointSegmentation.Settings(
                methodName.equals("kmeans"),
                spatialBandwidth,
                rangeBandwidth,
                (kernel == null ? POINTS_KERNEL : kernel.paramName()),
                binSeeding,
                minBinFreq,
                tol != null ? tol : POINTS_TOL,
                maxIter != null ? maxIter : POINTS_MAX_ITER,
                localMaxPoints,
                k,
                kmeansMaxIter(),
                seed,
                compare),
            format);
    report.setAll(out.report());
    if (sparkOptions.explainGpu) {
      String work = dir.work().toString();
      report.set(
          "gpu_plan",
          out.kmeans() != null
              ? Reports.gpuPlan(dir, work, out.primary(), out.kmeans())
              : Reports.gpuPlan(dir, work, out.primary()));
    }
  }

  private ObjectNode header(PictureInput in) {
    ObjectNode r = ResultFiles.newObject();
    r.put("command", "segment");
    r.put("image", in.name());
    r.put("output", output.output);
    r.put("width", in.width());
    r.put("height", in.height());
    r.put("pixels", (long) in.width() * in.height());
    r.put("method", methodName);
    r.put("compare", compare);
    return r;
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

  private int kmeansMaxIter() {
    return maxIter != null && !methodName.equals("regions") ? maxIter : KMEANS_MAX_ITER;
  }

  /** Checks the options before Spark starts. */
  void validate() {
    int sources = (image != null ? 1 : 0) + (images != null ? 1 : 0) + (synthetic != null ? 1 : 0);
    if (sources != 1) {
      throw new UsageException("give exactly one of --image, --images and --synthetic");
    }
    methodName = method.resolved().paramName();
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

  private static int[] parseSize(Matcher m) {
    int w = Integer.parseInt(m.group(1));
    int h = Integer.parseInt(m.group(2));
    if (w < 2 || h < 2 || w > MAX_SYNTHETIC_SIDE || h > MAX_SYNTHETIC_SIDE) {
      throw new UsageException(
          "--synthetic sides must be in 2.." + MAX_SYNTHETIC_SIDE + ", got '" + m.group() + "'");
    }
    return new int[] {w, h};
  }

  @SuppressWarnings("unchecked")
  private static org.apache.spark.ml.param.Param<Object> cast(
      org.apache.spark.ml.param.Param<?> p) {
    return (org.apache.spark.ml.param.Param<Object>) p;
  }
}
