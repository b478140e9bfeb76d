package io.github.meanshift.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Agreement;
import io.github.meanshift.common.Clustering;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.ml.ClusteringMetrics;
import io.github.meanshift.report.ResultFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --method points|kmeans}: the pixels clustered as joint points {@code (x/hs, y/hs, r/hr,
 * g/hr, b/hr)} ({@link SegmentFits}), every pixel labelled with its nearest centre, as the command
 * segmented before the regions. Writes segmented.png, boundaries.png, labels/ and, with a
 * comparison, segmented-kmeans.png and comparison.png; returns the report's fields.
 */
public final class JointSegmentation {
  private static final Logger LOG = LoggerFactory.getLogger(JointSegmentation.class);

  /** The clustering's settings, as the command line gives them. */
  public record Settings(
      boolean kmeansOnly,
      double spatialBandwidth,
      double rangeBandwidth,
      String kernel,
      boolean binSeeding,
      double minBinFreq,
      double tol,
      int maxIter,
      long localMaxPoints,
      Integer k,
      int kmeansMaxIter,
      long seed,
      boolean compare) {}

  /** The report's fields and the fits (for the GPU plan report). */
  public record Outcome(ObjectNode report, Clustering primary, Clustering kmeans) {}

  private JointSegmentation() {}

  /** Clusters the pixels of {@code in} (held by the driver) and writes the outputs into dir. */
  public static Outcome run(
      SparkSession spark, OutputDir dir, PictureInput in, Settings s, String format)
      throws IOException {
    BufferedImage picture = in.image();
    double hs = s.spatialBandwidth();
    double hr = s.rangeBandwidth();
    String pixels = new Path(dir.work(), "pixels").toString();
    // The pixels go to Parquet once and every plan reads them back: a scan of the parallelized
    // pixels (RDDScan) or a cached frame (InMemoryTableScan) would keep the hot plans off the GPU.
    ImagePoints.withJointFeatures(ImagePoints.frame(spark, picture), hs, hr)
        .write()
        .parquet(pixels);
    Dataset<Row> points = spark.read().parquet(pixels);
    String segment = PictureSegmentation.SEGMENT;
    Clustering primary =
        s.kmeansOnly()
            ? SegmentFits.kMeans(
                points, segment, s.k(), s.kmeansMaxIter(), s.seed(), dir.work().toString())
            : SegmentFits.meanShift(
                points,
                segment,
                s.kernel(),
                s.binSeeding(),
                s.minBinFreq(),
                s.tol(),
                s.maxIter(),
                s.localMaxPoints(),
                dir.work().toString());
    long labelStart = System.nanoTime();
    double[][] joint = ImagePoints.jointPoints(picture, hs, hr);
    Labelled seg = new Labelled(picture, SegmentFits.nearestCentres(joint, primary.centers()));
    double labelSeconds = (System.nanoTime() - labelStart) / 1e9;
    LOG.info(
        "{}: {} segments, fit in {} s",
        s.kmeansOnly() ? "k-means" : "mean shift (joint points)",
        seg.count(),
        String.format(Locale.ROOT, "%.3f", primary.fitSeconds()));
    RegionPictures.png(seg.painted, "segmented.png", dir::create);
    RegionPictures.png(seg.boundaries(picture), "boundaries.png", dir::create);
    if (in.synthetic) {
      RegionPictures.png(picture, "original.png", dir::create);
    }
    int[] truth = in.truth();
    ObjectNode report = ResultFiles.newObject();
    put(report, primary, seg, truth, s);
    report.with("seconds").put("label", labelSeconds);
    int w = picture.getWidth();
    int h = picture.getHeight();
    Dataset<Row> table = ImagePoints.labelFrame(spark, w, h, new String[] {segment}, seg.labels);
    Clustering km = null;
    if (s.compare()) {
      String kmSegment = PictureSegmentation.KMEANS_SEGMENT;
      int clusters = s.k() != null ? s.k() : seg.count();
      LOG.info("k-means with k = {}", clusters);
      km =
          SegmentFits.kMeans(
              points, kmSegment, clusters, s.kmeansMaxIter(), s.seed(), dir.work().toString());
      Labelled kmSeg = new Labelled(picture, SegmentFits.nearestCentres(joint, km.centers()));
      RegionPictures.png(kmSeg.painted, "segmented-kmeans.png", dir::create);
      RegionPictures.png(
          comparison(picture, seg, primary, kmSeg, km, s), "comparison.png", dir::create);
      put(report.putObject("kmeans"), km, kmSeg, truth, s);
      table =
          ImagePoints.labelFrame(
              spark, w, h, new String[] {segment, kmSegment}, seg.labels, kmSeg.labels);
    }
    ResultFiles.writeTable(dir, "labels", table, format);
    return new Outcome(report, primary, km);
  }

  private static BufferedImage comparison(
      BufferedImage picture,
      Labelled ms,
      Clustering msFit,
      Labelled km,
      Clustering kmFit,
      Settings s) {
    return ImageComparison.render(
        List.of(
            new ImageComparison.Picture(
                "original",
                String.format(Locale.ROOT, "%dx%d pixels", picture.getWidth(), picture.getHeight()),
                picture),
            new ImageComparison.Picture(
                "mean shift (joint points)",
                String.format(
                    Locale.ROOT,
                    "%d segments, hs %s, hr %s, %s kernel, %.1f s",
                    ms.count(),
                    SegmentParams.number(s.spatialBandwidth()),
                    SegmentParams.number(s.rangeBandwidth()),
                    msFit.parameters().get("kernel"),
                    msFit.fitSeconds()),
                ms.painted),
            new ImageComparison.Picture(
                "k-means",
                String.format(
                    Locale.ROOT,
                    "k = %d on the same points, %.1f s",
                    km.count(),
                    kmFit.fitSeconds()),
                km.painted)));
  }

  /** One method's fields: segments, parameters, iterations, timings, metrics. */
  private static void put(ObjectNode r, Clustering f, Labelled seg, int[] truth, Settings s) {
    r.put("n_segments", seg.count());
    ObjectNode p = ResultFiles.newObject();
    p.put("spatial_bandwidth", s.spatialBandwidth());
    p.put("range_bandwidth", s.rangeBandwidth());
    p.setAll((ObjectNode) ResultFiles.tree(f.parameters()));
    r.set("parameters", p);
    r.put("engine", String.valueOf(f.parameters().get("engine")));
    r.put("n_iter", f.numIter());
    r.put("converged", f.converged());
    ArrayNode sizes = r.putArray("segment_sizes");
    ArrayNode colours = r.putArray("segment_colours");
    for (int k = 0; k < seg.sizes.length; k++) {
      sizes.add(seg.sizes[k]);
      colours.add(String.format(Locale.ROOT, "#%06x", seg.colours[k]));
    }
    ObjectNode seconds = r.putObject("seconds");
    seconds.put("fit", f.fitSeconds());
    seconds.set("phases", ResultFiles.tree(f.phases()));
    if (!f.iterations().isEmpty()) {
      r.set("iterations", ResultFiles.tree(f.iterations()));
    }
    r.setAll((ObjectNode) ResultFiles.tree(f.details()));
    if (truth != null) {
      ClusteringMetrics m = ClusteringMetrics.of(Agreement.contingency(truth, seg.labels));
      r.putObject("metrics").put("ari", m.ari()).put("nmi", m.nmi());
    }
  }

  /** Every pixel's nearest centre, the segments' sizes and mean colours, the painted picture. */
  private static final class Labelled {
    final int[] labels;
    final long[] sizes;
    final int[] colours;
    final BufferedImage painted;

    Labelled(BufferedImage picture, int[] labels) {
      this.labels = labels;
      this.sizes = SegmentedImage.sizes(labels);
      this.colours = SegmentedImage.meanColours(picture, labels);
      this.painted = SegmentedImage.paint(labels, picture.getWidth(), picture.getHeight(), colours);
    }

    BufferedImage boundaries(BufferedImage picture) {
      int w = picture.getWidth();
      int h = picture.getHeight();
      int[] rgb = picture.getRGB(0, 0, w, h, null, 0, w);
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      out.setRGB(
          0, 0, w, h, RegionPainter.boundaries(labels, rgb, w, h, null, null, colours), 0, w);
      return out;
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
