package io.github.meanshift.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Agreement;
import io.github.meanshift.common.Clustering;
import io.github.meanshift.io.OutputDir;
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
 * One picture's region segmentation and its outputs: segmented.png, boundaries.png, labels/ {@code
 * (x, y, segment)}, original.png for a synthetic picture, and with a comparison k-means on the
 * joint points beside it (segmented-kmeans.png, comparison.png, a kmeans_segment column). A picture
 * held by the driver is segmented there on all its cores; a larger one in tiles.
 */
public final class PictureSegmentation {
  private static final Logger LOG = LoggerFactory.getLogger(PictureSegmentation.class);

  /** Label column of the segmentation. */
  public static final String SEGMENT = "segment";

  /** Label column of the k-means segmentation under a comparison. */
  public static final String KMEANS_SEGMENT = "kmeans_segment";

  /** k-means beside the regions: k (null: as many as regions), iterations, seed. */
  public record Compare(Integer k, int maxIter, long seed) {}

  /** The report's fields (without spark and totals), and the comparison's k-means fit. */
  public record Outcome(ObjectNode report, Clustering kmeans) {}

  private PictureSegmentation() {}

  /** Segments {@code in} and writes its outputs into {@code dir} (not committed). */
  public static Outcome run(
      SparkSession spark,
      OutputDir dir,
      PictureInput in,
      SegmentParams params,
      int tileSide,
      String format,
      Compare compare)
      throws IOException {
    if (!in.held()) {
      return tiled(spark, dir, in, params, tileSide, format);
    }
    Raster raster = Raster.of(in.picture);
    Regions regions = Segmenter.segment(raster, params, true);
    long t = System.nanoTime();
    RegionPictures.write(regions, raster, dir::create);
    if (in.synthetic) {
      RegionPictures.png(in.picture, "original.png", dir::create);
    }
    ObjectNode report =
        RegionReport.of(
            regions,
            params,
            tileSide,
            false,
            in.truth == null ? null : Agreement.contingency(in.truth, regions.labels()));
    report.with("seconds").put("pictures", (System.nanoTime() - t) / 1e9);
    int w = regions.width();
    int h = regions.height();
    Clustering km = null;
    Dataset<Row> table;
    if (compare == null) {
      table = ImagePoints.labelFrame(spark, w, h, new String[] {SEGMENT}, regions.labels());
    } else {
      int k = compare.k() != null ? compare.k() : regions.count();
      km = kMeans(spark, dir, in.picture, params, k, compare);
      int[] kmLabels =
          SegmentFits.nearestCentres(
              ImagePoints.jointPoints(
                  in.picture, params.spatialBandwidth(), params.rangeBandwidth()),
              km.centers());
      BufferedImage kmPainted = SegmentedImage.meanColourImage(in.picture, kmLabels);
      RegionPictures.png(kmPainted, "segmented-kmeans.png", dir::create);
      RegionPictures.png(
          comparison(in.picture, regions, params, kmPainted, km), "comparison.png", dir::create);
      ObjectNode kr = report.putObject("kmeans");
      kr.put("n_segments", (int) java.util.Arrays.stream(kmLabels).distinct().count());
      kr.set("parameters", ResultFiles.tree(km.parameters()));
      kr.put("n_iter", km.numIter());
      kr.put("converged", km.converged());
      kr.putObject("seconds").put("fit", km.fitSeconds());
      kr.setAll((ObjectNode) ResultFiles.tree(km.details()));
      if (in.truth != null) {
        io.github.meanshift.ml.ClusteringMetrics m =
            io.github.meanshift.ml.ClusteringMetrics.of(Agreement.contingency(in.truth, kmLabels));
        kr.putObject("metrics").put("ari", m.ari()).put("nmi", m.nmi());
      }
      table =
          ImagePoints.labelFrame(
              spark, w, h, new String[] {SEGMENT, KMEANS_SEGMENT}, regions.labels(), kmLabels);
    }
    t = System.nanoTime();
    ResultFiles.writeTable(dir, "labels", table, format);
    report.with("seconds").put("labels", (System.nanoTime() - t) / 1e9);
    return new Outcome(report, km);
  }

  private static Outcome tiled(
      SparkSession spark,
      OutputDir dir,
      PictureInput in,
      SegmentParams params,
      int tileSide,
      String format)
      throws IOException {
    try (TiledSegmentation tiled = TiledSegmentation.run(spark, in.source, params, tileSide)) {
      long[][] table = tiled.contingency();
      tiled.writePictures(
          dir.create("segmented.png"),
          dir.create("boundaries.png"),
          in.synthetic ? dir.create("original.png") : null);
      long t = System.nanoTime();
      ResultFiles.writeTable(dir, "labels", tiled.labels(spark), format);
      ObjectNode report = RegionReport.of(tiled, params, tileSide, true, table);
      report.with("seconds").put("labels", (System.nanoTime() - t) / 1e9);
      LOG.info(
          "labels/ written in {} s",
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t) / 1e9));
      return new Outcome(report, null);
    }
  }

  /** MLlib KMeans on the joint points of the picture, written once to Parquet and read back. */
  private static Clustering kMeans(
      SparkSession spark,
      OutputDir dir,
      BufferedImage picture,
      SegmentParams params,
      int k,
      Compare compare) {
    String pixels = new Path(dir.work(), "pixels").toString();
    ImagePoints.withJointFeatures(
            ImagePoints.frame(spark, picture), params.spatialBandwidth(), params.rangeBandwidth())
        .write()
        .parquet(pixels);
    LOG.info("k-means with k = {}", k);
    return SegmentFits.kMeans(
        spark.read().parquet(pixels),
        KMEANS_SEGMENT,
        k,
        compare.maxIter(),
        compare.seed(),
        dir.work().toString());
  }

  private static BufferedImage comparison(
      BufferedImage picture,
      Regions regions,
      SegmentParams params,
      BufferedImage kmPainted,
      Clustering km) {
    double seconds = regions.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
    return ImageComparison.render(
        List.of(
            new ImageComparison.Picture(
                "original",
                String.format(Locale.ROOT, "%dx%d pixels", picture.getWidth(), picture.getHeight()),
                picture),
            new ImageComparison.Picture(
                "mean-shift regions",
                String.format(
                    Locale.ROOT,
                    "%d regions, hs %s, hr %s, min %d px, %.2f s",
                    regions.count(),
                    SegmentParams.number(params.spatialBandwidth()),
                    SegmentParams.number(params.rangeBandwidth()),
                    params.minRegion(),
                    seconds),
                RegionPictures.segmented(regions)),
            new ImageComparison.Picture(
                "k-means",
                String.format(
                    Locale.ROOT,
                    "k = %d on the joint points, %.1f s",
                    km.centers().length,
                    km.fitSeconds()),
                kmPainted)));
  }
}
