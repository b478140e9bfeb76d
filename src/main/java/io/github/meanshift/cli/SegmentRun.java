package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.report.Reports;
import io.github.meanshift.report.ResultFiles;
import io.github.meanshift.segment.FolderEntry;
import io.github.meanshift.segment.FolderSegmentation;
import io.github.meanshift.segment.JointSegmentation;
import io.github.meanshift.segment.PictureInput;
import io.github.meanshift.segment.PictureSegmentation;
import io.github.meanshift.segment.RegionReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a validated {@link SegmentCommand} in a Spark session: segments its picture (into
 * regions with {@link PictureSegmentation}, or as joint points with {@link JointSegmentation}) or
 * every picture of its folder ({@link FolderSegmentation}), and writes the result directory with
 * report.json (and, under --explain-gpu, the GPU plans).
 */
final class SegmentRun {
  // The command's logger: the log lines read as before the run moved out of SegmentCommand.
  private static final Logger LOG = LoggerFactory.getLogger(SegmentCommand.class);

  private final SegmentCommand cmd;
  private final SparkSession spark;
  private final String format;
  private final long start;

  /**
   * @param format the labels table's format (--output-format, checked)
   * @param start when the command started ({@link System#nanoTime}), for the report's total time
   */
  SegmentRun(SegmentCommand cmd, SparkSession spark, String format, long start) {
    this.cmd = cmd;
    this.spark = spark;
    this.format = format;
    this.start = start;
  }

  /** --image or --synthetic: one picture. */
  int picture() throws IOException {
    String methodName = cmd.methodName();
    long readStart = System.nanoTime();
    PictureInput in = cmd.source().open(spark, methodName, cmd.tileSize);
    double readSeconds = (System.nanoTime() - readStart) / 1e9;
    LOG.info(
        "image {}: {}x{} = {} pixels; {} {}",
        in.name(),
        in.width(),
        in.height(),
        (long) in.width() * in.height(),
        methodName,
        methodName.equals("regions")
            ? cmd.params().describe()
            : "hs " + cmd.spatialBandwidth + ", hr " + cmd.rangeBandwidth);
    if (!in.held() && (cmd.compare || !methodName.equals("regions"))) {
      throw new UsageException(
          "--compare and --method "
              + methodName
              + " need a picture of at most --tile-size "
              + cmd.tileSize
              + " pixels a side; "
              + in.name()
              + " is "
              + in.width()
              + "x"
              + in.height());
    }
    try (OutputDir dir = cmd.output.open(spark)) {
      ObjectNode report = header(in);
      if (methodName.equals("regions")) {
        regions(dir, in, report);
      } else {
        points(dir, in, report);
      }
      report.with("seconds").put("read", readSeconds);
      report.set("spark", Reports.spark(spark, cmd.sparkOptions.gpu));
      report.with("seconds").put("total", (System.nanoTime() - start) / 1e9);
      ResultFiles.writeReport(dir, report);
      dir.commit();
      LOG.info(
          "{} segments; results in {} (segmented.png, boundaries.png, labels/, report.json{})",
          report.get("n_segments").asInt(),
          dir.target(),
          cmd.compare ? ", segmented-kmeans.png, comparison.png" : "");
    }
    return 0;
  }

  /** --images: every picture of a folder. */
  int folder() throws IOException {
    List<String> files =
        FolderSegmentation.list(cmd.images, spark.sparkContext().hadoopConfiguration());
    try (OutputDir dir = cmd.output.open(spark)) {
      ObjectNode header = ResultFiles.newObject();
      header.put("command", "segment");
      header.put("method", "regions");
      List<FolderEntry> index =
          FolderSegmentation.run(spark, dir, files, cmd.params(), cmd.tileSize, header, format);
      ObjectNode report = ResultFiles.newObject();
      report.put("command", "segment");
      report.put("images", cmd.images);
      report.put("output", cmd.output.output);
      report.put("n_images", index.size());
      long ok = index.stream().filter(e -> e.status().equals("ok")).count();
      report.put("n_segmented", ok);
      report.put("n_failed", index.size() - ok);
      report.put("index", FolderSegmentation.INDEX);
      report.set("parameters", RegionReport.parameters(cmd.params(), cmd.tileSize, false));
      report.set("spark", Reports.spark(spark, cmd.sparkOptions.gpu));
      report.putObject("seconds").put("total", (System.nanoTime() - start) / 1e9);
      ResultFiles.writeReport(dir, report);
      dir.commit();
      LOG.info("{} of {} pictures segmented; results in {}", ok, index.size(), dir.target());
    }
    return 0;
  }

  /** Comaniciu and Meer's regions of one picture. */
  private void regions(OutputDir dir, PictureInput in, ObjectNode report) throws IOException {
    PictureSegmentation.Compare cmp =
        cmd.compare ? new PictureSegmentation.Compare(cmd.k, cmd.kmeansMaxIter(), cmd.seed) : null;
    PictureSegmentation.Outcome out =
        PictureSegmentation.run(spark, dir, in, cmd.params(), cmd.tileSize, format, cmp);
    report.setAll(out.report());
    if (cmd.sparkOptions.explainGpu) {
      // The regions have no SQL plan; k-means under --compare is MLlib's, with none either.
      List<String> without = new ArrayList<>();
      without.add(
          SegmentCommand.SEGMENT
              + " region segmentation runs JVM loops on the pixel grid in tasks, not SQL plans: it"
              + " stays on the CPU");
      Map<String, Dataset<?>> plans = new LinkedHashMap<>();
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

  /** --method points or kmeans: the pixels clustered as joint points, as before the regions. */
  private void points(OutputDir dir, PictureInput in, ObjectNode report) throws IOException {
    JointSegmentation.Outcome out =
        JointSegmentation.run(
            spark,
            dir,
            in,
            new JointSegmentation.Settings(
                cmd.methodName().equals("kmeans"),
                cmd.spatialBandwidth,
                cmd.rangeBandwidth,
                (cmd.kernel == null ? SegmentCommand.POINTS_KERNEL : cmd.kernel.paramName()),
                cmd.binSeeding,
                cmd.minBinFreq,
                cmd.tol != null ? cmd.tol : SegmentCommand.POINTS_TOL,
                cmd.maxIter != null ? cmd.maxIter : SegmentCommand.POINTS_MAX_ITER,
                cmd.localMaxPoints,
                cmd.k,
                cmd.kmeansMaxIter(),
                cmd.seed,
                cmd.compare),
            format);
    report.setAll(out.report());
    if (cmd.sparkOptions.explainGpu) {
      String work = dir.work().toString();
      report.set(
          "gpu_plan",
          out.kmeans() != null
              ? Reports.gpuPlan(dir, work, out.primary(), out.kmeans())
              : Reports.gpuPlan(dir, work, out.primary()));
    }
  }

  /** The report's first fields: the command, the picture and the method. */
  private ObjectNode header(PictureInput in) {
    ObjectNode r = ResultFiles.newObject();
    r.put("command", "segment");
    r.put("image", in.name());
    r.put("output", cmd.output.output);
    r.put("width", in.width());
    r.put("height", in.height());
    r.put("pixels", (long) in.width() * in.height());
    r.put("method", cmd.methodName());
    r.put("compare", cmd.compare);
    return r;
  }
}
