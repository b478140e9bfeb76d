package io.github.meanshift.segment;

import io.github.meanshift.common.Clustering;
import io.github.meanshift.common.Labeler;
import io.github.meanshift.kmeans.KMeansEngine;
import io.github.meanshift.kmeans.KMeansRun;
import io.github.meanshift.kmeans.MiniBatchKMeans;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.report.MeanShiftResults;
import java.util.stream.IntStream;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two ways to segment pixel points in the joint spatial-range space ({@link
 * ImagePoints#JOINT_FEATURES}): mean shift through the {@link MeanShift} estimator with bandwidth
 * 1, and MLlib's KMeans. Each returns the centres, sizes and timings as a {@link Clustering}; the
 * pixels, which the driver holds anyway, are then labelled there by {@link #nearestCentres}.
 */
public final class SegmentFits {
  /** The joint bandwidth: the features are already divided by hs and hr. */
  public static final double JOINT_BANDWIDTH = 1.0;

  private SegmentFits() {}

  /**
   * The segment of every point: its nearest centre (the first on ties), the rule of both mean
   * shift's and k-means' predictions. Runs on the driver's cores.
   */
  public static int[] nearestCentres(double[][] points, double[][] centers) {
    return IntStream.range(0, points.length)
        .parallel()
        .map(i -> Labeler.nearest(points[i], centers, Double.POSITIVE_INFINITY))
        .toArray();
  }

  /**
   * Mean shift on the joint features with bandwidth 1.
   *
   * @param points rows with the joint features
   * @param segmentCol name of the output label column
   * @param kernel kernel name
   * @param binSeeding seed from a grid of side 1 (hs pixels by hr colour units) instead of every
   *     pixel
   * @param minBinFreq with bin seeding, least pixels in a seeding bin
   * @param tol a seed stops when it moves at most tol (times the bandwidth, 1)
   * @param maxIter most iterations of a seed
   * @param localMaxPoints fit on the driver up to this many pixels (0: never)
   * @param workDir scratch space for checkpoints
   */
  public static Clustering meanShift(
      Dataset<Row> points,
      String segmentCol,
      String kernel,
      boolean binSeeding,
      double minBinFreq,
      double tol,
      int maxIter,
      long localMaxPoints,
      String workDir) {
    MeanShiftModel model =
        new MeanShift()
            .setInputCols(ImagePoints.JOINT_FEATURES)
            .setBandwidth(JOINT_BANDWIDTH)
            .setKernel(kernel)
            .setBinSeeding(binSeeding)
            .setMinBinFreq(minBinFreq)
            .setTol(tol)
            .setMaxIter(maxIter)
            .setLocalMaxPoints(localMaxPoints)
            .setPredictionCol(segmentCol)
            .setCheckpointDir(workDir)
            .fit(points);
    return MeanShiftResults.of(model, points, null);
  }

  /**
   * MLlib KMeans (k-means|| initialisation) on the joint features.
   *
   * @param points rows with the joint features
   * @param segmentCol name of the output label column
   * @param k number of segments
   * @param maxIter most Lloyd iterations
   * @param seed random seed of the initialisation
   * @param workDir scratch space
   */
  public static Clustering kMeans(
      Dataset<Row> points, String segmentCol, int k, int maxIter, long seed, String workDir) {
    KMeansRun kmeans =
        new KMeansRun(
            new KMeans().setMaxIter(maxIter).setSeed(seed),
            KMeansEngine.MLLIB,
            MiniBatchKMeans.DEFAULT_BATCH_FRACTION);
    return kmeans.fit(points, ImagePoints.JOINT_FEATURES, null, k, segmentCol, workDir);
  }
}
