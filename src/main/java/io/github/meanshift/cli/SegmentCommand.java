package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.ImageFiles;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.io.ResultFiles;
import io.github.meanshift.ml.ClusteringMetrics;
import io.github.meanshift.segment.ImageComparison;
import io.github.meanshift.segment.ImagePoints;
import io.github.meanshift.segment.JointFit;
import io.github.meanshift.segment.SegmentFits;
import io.github.meanshift.segment.SegmentedImage;
import io.github.meanshift.segment.SyntheticImage;
import io.github.meanshift.shift.Kernel;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code segment}: image segmentation by mean shift in the joint spatial-range space (Comaniciu and
 * Meer): pixel {@code (x, y)} of colour {@code (r, g, b)} is the point {@code (x/hs, y/hs, r/hr,
 * g/hr, b/hr)}, clustered with bandwidth 1 and bin seeding; {@code --method kmeans} runs MLlib's
 * KMeans on the same points instead. Writes segmented.png (each pixel in its segment's mean
 * colour), labels/ (x, y, segment) and report.json. {@code --compare} runs both methods (k-means
 * with as many segments as mean shift found, unless {@code --k}) and adds segmented-kmeans.png and
 * comparison.png (original, mean shift and k-means side by side).
 */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description =
        "Segment an image: mean shift on pixels as (x/hs, y/hs, r/hr, g/hr, b/hr) points.")
final class SegmentCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentCommand.class);

  /** Label column of the segmentation (and of the labels/ table). */
  static final String SEGMENT = "segment";

  /** Label column of the k-means segmentation under --compare. */
  static final String KMEANS_SEGMENT = "kmeans_segment";

  /** Most iterations of mean shift when --max-iter is not given. */
  static final int MEANSHIFT_MAX_ITER = 300;

  /** Most iterations of k-means when --max-iter is not given. */
  static final int KMEANS_MAX_ITER = 20;

  /**
   * Default of --local-max-points: pictures up to 1024x1024 are fitted on the driver, which holds
   * them anyway, with no Spark job per iteration.
   */
  static final long LOCAL_MAX_PIXELS = 1L << 20;

  /** Largest side of a --synthetic image. */
  static final int MAX_SYNTHETIC_SIDE = 8192;

  private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

  @Mixin OutputOptions output;
  @Mixin SparkOptions sparkOptions;

  @Option(
      names = "--image",
      paramLabel = "PATH",
      description = "The picture: PNG or JPEG (anything Java's ImageIO reads).")
  String image;

  @Option(
      names = "--synthetic",
      paramLabel = "WxH",
      description =
          "Instead of --image: the synthetic four-region test picture of this size (noise 12,"
              + " seed 42), also written as original.png; the report adds ARI against the regions.")
  String synthetic;

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
      names = "--kernel",
      paramLabel = "NAME",
      defaultValue = "gaussian",
      description = "gaussian, flat, epanechnikov or triangular (default: ${DEFAULT-VALUE}).")
  String kernel;

  @Option(
      names = "--bin-seeding",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "true",
      paramLabel = "true|false",
      description =
          "Seed mean shift from a grid of side hs pixels by hr colour units instead of from every"
              + " pixel (default: ${DEFAULT-VALUE}).")
  boolean binSeeding;

  @Option(
      names = "--min-bin-freq",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "With --bin-seeding, least pixels in a seeding bin (default: ${DEFAULT-VALUE}).")
  double minBinFreq;

  @Option(
      names = "--tol",
      paramLabel = "T",
      defaultValue = "1e-3",
      description =
          "A mean-shift seed stops when it moves at most T joint units (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(
      names = "--local-max-points",
      paramLabel = "N",
      defaultValue = "" + LOCAL_MAX_PIXELS,
      description =
          "Fit mean shift on the driver (where the picture already is) up to N pixels; larger"
              + " pictures run on the executors; 0: always on the executors (default:"
              + " ${DEFAULT-VALUE}).")
  long localMaxPoints;

  @Option(
      names = "--method",
      paramLabel = "meanshift|kmeans",
      defaultValue = "meanshift",
      description = "Segmentation method (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(
      names = "--k",
      paramLabel = "K",
      description = "Segments for k-means; with --compare, default: as many as mean shift found.")
  Integer k;

  @Option(
      names = "--max-iter",
      paramLabel = "N",
      description =
          "Most iterations (default: "
              + MEANSHIFT_MAX_ITER
              + " for mean shift, "
              + KMEANS_MAX_ITER
              + " for k-means).")
  Integer maxIter;

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
          "Run mean shift and k-means; add segmented-kmeans.png and comparison.png (original, mean"
              + " shift, k-means side by side).")
  boolean compare;

  private int[] syntheticSize;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String format = output.format();
    validate();
    try (Sessions.Handle session = Sessions.start("segment", sparkOptions)) {
      SparkSession spark = session.spark;
      long readStart = System.nanoTime();
      SyntheticImage truth =
          syntheticSize == null
              ? null
              : SyntheticImage.fourRegions(
                  syntheticSize[0],
                  syntheticSize[1],
                  SyntheticImage.DEFAULT_NOISE,
                  SyntheticImage.DEFAULT_SEED);
      BufferedImage picture =
          truth != null
              ? truth.image()
              : ImageFiles.read(image, spark.sparkContext().hadoopConfiguration());
      double readSeconds = (System.nanoTime() - readStart) / 1e9;
      LOG.info(
          "image {}: {}x{} = {} pixels; hs {} pixels, hr {} colour units",
          source(),
          picture.getWidth(),
          picture.getHeight(),
          (long) picture.getWidth() * picture.getHeight(),
          spatialBandwidth,
          rangeBandwidth);
      try (OutputDir dir = output.open(spark)) {
        // The pixels go to Parquet once and every plan reads them back: a scan of the parallelized
        // pixels (RDDScan) or a cached frame (InMemoryTableScan) would keep the hot plans off the
        // GPU, and each fit would rebuild the rows.
        String pixels = new org.apache.hadoop.fs.Path(dir.work(), "pixels").toString();
        ImagePoints.withJointFeatures(
                ImagePoints.frame(spark, picture), spatialBandwidth, rangeBandwidth)
            .write()
            .parquet(pixels);
        Dataset<Row> points = spark.read().parquet(pixels);
        ObjectNode report = segment(dir, spark, points, picture, truth, format);
        report.with("seconds").put("read", readSeconds);
        report.set("spark", Reports.spark(spark, sparkOptions.gpu));
        report.with("seconds").put("total", (System.nanoTime() - start) / 1e9);
        ResultFiles.writeReport(dir, report);
        dir.commit();
        LOG.info(
            "{} segments; results in {} ({})",
            report.get("n_segments").asInt(),
            dir.target(),
            compare
                ? "segmented.png, segmented-kmeans.png, comparison.png, labels/, report.json"
                : "segmented.png, labels/, report.json");
      }
      return 0;
    }
  }

  /** Fits, writes the pictures and the labels table, and returns the report (without totals). */
  private ObjectNode segment(
      OutputDir dir,
      SparkSession spark,
      Dataset<Row> points,
      BufferedImage picture,
      SyntheticImage truth,
      String format)
      throws java.io.IOException {
    boolean kmeansOnly = method.toLowerCase(Locale.ROOT).equals("kmeans") && !compare;
    Fitted primary =
        fitted(
            kmeansOnly
                ? SegmentFits.kMeans(points, SEGMENT, k, kmeansMaxIter(), seed)
                : SegmentFits.meanShift(
                    points,
                    SEGMENT,
                    kernel.toLowerCase(Locale.ROOT),
                    binSeeding,
                    minBinFreq,
                    tol,
                    maxIter != null ? maxIter : MEANSHIFT_MAX_ITER,
                    localMaxPoints,
                    dir.work().toString()));
    long labelStart = System.nanoTime();
    double[][] joint = ImagePoints.jointPoints(picture, spatialBandwidth, rangeBandwidth);
    Segmentation seg = Segmentation.of(picture, joint, primary);
    double labelSeconds = (System.nanoTime() - labelStart) / 1e9;
    LOG.info(
        "{}: {} segments, fit in {} s",
        kmeansOnly ? "k-means" : "mean shift",
        seg.count(),
        String.format(Locale.ROOT, "%.3f", primary.fitSeconds));
    ImageFiles.writePng(dir, "segmented.png", seg.painted);
    if (truth != null) {
      ImageFiles.writePng(dir, "original.png", picture);
    }
    ObjectNode report = header(picture, kmeansOnly ? "kmeans" : "meanshift");
    putSegmentation(report, primary, seg, truth);
    report.with("seconds").put("label", labelSeconds);
    int w = picture.getWidth();
    int h = picture.getHeight();
    Dataset<Row> table = ImagePoints.labelFrame(spark, w, h, new String[] {SEGMENT}, seg.labels);
    Fitted km = null;
    if (compare) {
      int clusters = k != null ? k : seg.count();
      LOG.info("k-means with k = {}", clusters);
      km = fitted(SegmentFits.kMeans(points, KMEANS_SEGMENT, clusters, kmeansMaxIter(), seed));
      Segmentation kmSeg = Segmentation.of(picture, joint, km);
      LOG.info("k-means: {} segments, fit in {} s", kmSeg.count(), km.fitSeconds);
      ImageFiles.writePng(dir, "segmented-kmeans.png", kmSeg.painted);
      ImageFiles.writePng(dir, "comparison.png", comparison(picture, seg, primary, kmSeg, km));
      putSegmentation(report.putObject("kmeans"), km, kmSeg, truth);
      table =
          ImagePoints.labelFrame(
              spark, w, h, new String[] {SEGMENT, KMEANS_SEGMENT}, seg.labels, kmSeg.labels);
    }
    ResultFiles.writeTable(dir, "labels", table, format);
    ObjectNode gpuPlan =
        km != null
            ? Reports.gpuPlan(sparkOptions, dir, "both", primary, km)
            : Reports.gpuPlan(sparkOptions, dir, "", primary);
    if (gpuPlan != null) {
      report.set("gpu_plan", gpuPlan);
    }
    return report;
  }

  private BufferedImage comparison(
      BufferedImage picture, Segmentation ms, Fitted msFit, Segmentation km, Fitted kmFit) {
    return ImageComparison.render(
        List.of(
            new ImageComparison.Picture(
                "original",
                String.format(Locale.ROOT, "%dx%d pixels", picture.getWidth(), picture.getHeight()),
                picture),
            new ImageComparison.Picture(
                "mean shift",
                String.format(
                    Locale.ROOT,
                    "%d segments, hs %s, hr %s, %s kernel, %.1f s",
                    ms.count(),
                    number(spatialBandwidth),
                    number(rangeBandwidth),
                    msFit.parameters.path("kernel").asText(),
                    msFit.fitSeconds),
                ms.painted),
            new ImageComparison.Picture(
                "k-means",
                String.format(
                    Locale.ROOT, "k = %d on the same points, %.1f s", km.count(), kmFit.fitSeconds),
                km.painted)));
  }

  private ObjectNode header(BufferedImage picture, String methodName) {
    ObjectNode r = ResultFiles.newObject();
    r.put("command", "segment");
    r.put("image", source());
    r.put("output", output.output);
    r.put("width", picture.getWidth());
    r.put("height", picture.getHeight());
    r.put("pixels", (long) picture.getWidth() * picture.getHeight());
    r.put("method", methodName);
    r.put("compare", compare);
    return r;
  }

  /** One method's fields: segments, parameters, iterations, timings, metrics. */
  private void putSegmentation(ObjectNode r, Fitted f, Segmentation seg, SyntheticImage truth) {
    r.put("n_segments", seg.count());
    ObjectNode p = ResultFiles.newObject();
    p.put("spatial_bandwidth", spatialBandwidth);
    p.put("range_bandwidth", rangeBandwidth);
    p.setAll(f.parameters);
    r.set("parameters", p);
    r.put("engine", f.parameters.path("engine").asText());
    r.put("n_iter", f.numIter);
    r.put("converged", f.converged);
    ArrayNode sizes = r.putArray("segment_sizes");
    ArrayNode colours = r.putArray("segment_colours");
    for (int s = 0; s < seg.sizes.length; s++) {
      sizes.add(seg.sizes[s]);
      colours.add(String.format(Locale.ROOT, "#%06x", seg.colours[s]));
    }
    ObjectNode seconds = r.putObject("seconds");
    seconds.put("fit", f.fitSeconds);
    seconds.set("phases", f.phases);
    if (!f.iterations.isEmpty()) {
      ArrayNode its = r.putArray("iterations");
      f.iterations.forEach(its::add);
    }
    r.setAll(f.details);
    if (truth != null) {
      ClusteringMetrics m = ClusteringMetrics.of(contingency(truth.regions(), seg.labels));
      r.putObject("metrics").put("ari", m.ari()).put("nmi", m.nmi());
    }
  }

  /** Contingency table of true regions (rows) against segments (columns). */
  static long[][] contingency(int[] truth, int[] labels) {
    int rows = 0;
    int cols = 0;
    for (int i = 0; i < truth.length; i++) {
      rows = Math.max(rows, truth[i] + 1);
      cols = Math.max(cols, labels[i] + 1);
    }
    long[][] table = new long[rows][cols];
    for (int i = 0; i < truth.length; i++) {
      table[truth[i]][labels[i]]++;
    }
    return table;
  }

  /** A joint-point fit as the shared report code takes it. */
  static Fitted fitted(JointFit j) {
    Fitted f = new Fitted();
    f.predictionCol = j.predictionCol;
    f.centers = j.centers;
    f.sizes = j.sizes;
    f.orphans = j.orphans;
    f.numIter = j.numIter;
    f.converged = j.converged;
    f.fitSeconds = j.fitSeconds;
    f.parameters = j.parameters;
    f.model = j.model;
    f.gpuPlans = j.gpuPlans;
    f.noGpuPlans = j.noGpuPlans;
    f.details = j.details;
    f.phases = j.phases;
    if (j.summary != null) {
      f.recordProgress(j.summary);
    }
    return f;
  }

  private int kmeansMaxIter() {
    return maxIter != null ? maxIter : KMEANS_MAX_ITER;
  }

  private String source() {
    return image != null ? image : "synthetic:" + synthetic;
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  /** Checks the options before Spark starts. */
  void validate() {
    if ((image == null) == (synthetic == null)) {
      throw new UsageException("give exactly one of --image and --synthetic");
    }
    if (synthetic != null) {
      syntheticSize = parseSize(synthetic);
    }
    positive("--spatial-bandwidth", spatialBandwidth);
    positive("--range-bandwidth", rangeBandwidth);
    try {
      Kernel.fromName(kernel);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--kernel: " + e.getMessage());
    }
    MeanShiftOptions.oneOf("--method", method, "meanshift", "kmeans");
    boolean kmeans = method.toLowerCase(Locale.ROOT).equals("kmeans");
    if (compare && kmeans) {
      throw new UsageException("--compare runs both methods; leave out --method kmeans");
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
    if (!(minBinFreq >= 0) || Double.isInfinite(minBinFreq)) {
      throw new UsageException("--min-bin-freq must be a number >= 0, got " + minBinFreq);
    }
    if (!(tol >= 0) || Double.isInfinite(tol)) {
      throw new UsageException("--tol must be a number >= 0, got " + tol);
    }
    if (localMaxPoints < 0) {
      throw new UsageException("--local-max-points must be >= 0, got " + localMaxPoints);
    }
    if (maxIter != null && maxIter < 1) {
      throw new UsageException("--max-iter must be at least 1, got " + maxIter);
    }
  }

  private static void positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new UsageException(option + " must be a positive number, got " + value);
    }
  }

  static int[] parseSize(String text) {
    Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UsageException("--synthetic must be WIDTHxHEIGHT, e.g. 96x64; got '" + text + "'");
    }
    int w = Integer.parseInt(m.group(1));
    int h = Integer.parseInt(m.group(2));
    if (w < 2 || h < 2 || w > MAX_SYNTHETIC_SIDE || h > MAX_SYNTHETIC_SIDE) {
      throw new UsageException(
          "--synthetic sides must be in 2.." + MAX_SYNTHETIC_SIDE + ", got '" + text + "'");
    }
    return new int[] {w, h};
  }

  /** A fitted segmentation on the driver: each pixel's label, segment sizes and mean colours. */
  static final class Segmentation {
    final int[] labels;
    final long[] sizes;
    final int[] colours;
    final BufferedImage painted;

    private Segmentation(int[] labels, BufferedImage picture) {
      this.labels = labels;
      this.sizes = SegmentedImage.sizes(labels);
      this.colours = SegmentedImage.meanColours(picture, labels);
      this.painted = SegmentedImage.paint(labels, picture.getWidth(), picture.getHeight(), colours);
    }

    /** Labels every pixel (its joint-space point) with the nearest of the fit's centres. */
    static Segmentation of(BufferedImage picture, double[][] joint, Fitted f) {
      return new Segmentation(SegmentFits.nearestCentres(joint, f.centers), picture);
    }

    /** Number of segments that hold at least one pixel. */
    int count() {
      int n = 0;
      for (long s : sizes) {
        n += s > 0 ? 1 : 0;
      }
      return n;
    }
  }
}
