package io.github.meanshift.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.ResultFiles;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.ml.MeanShiftSummary;
import io.github.meanshift.shift.Labeler;
import java.util.stream.IntStream;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two ways to segment pixel points in the joint spatial-range space ({@link
 * ImagePoints#JOINT_FEATURES}): mean shift through the {@link MeanShift} estimator with bandwidth
 * 1, and MLlib's KMeans. Each returns the centres, sizes and timings as a {@link JointFit}; the
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
  public static JointFit meanShift(
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
    MeanShiftSummary s = model.summary();
    JointFit f = new JointFit();
    f.predictionCol = segmentCol;
    f.centers = s.clusterCenters();
    f.sizes = s.clusterSizes();
    f.gpuPlans = s::gpuPlans;
    f.orphans = s.orphans();
    f.numIter = s.numIter();
    f.converged = s.converged();
    f.fitSeconds = s.fitSeconds();
    f.model = model;
    ObjectNode p = ResultFiles.newObject();
    p.put("bandwidth", s.bandwidth());
    p.put("kernel", s.kernel());
    p.put("bin_seeding", binSeeding);
    p.put("min_bin_freq", minBinFreq);
    p.put("n_seeds", s.numSeeds());
    p.put("tol", tol);
    p.put("neighbors", s.neighbors());
    p.put("engine", s.engine());
    p.put("max_iter", maxIter);
    p.put("local_max_points", localMaxPoints);
    f.parameters = p;
    f.summary = s;
    return f;
  }

  /**
   * MLlib KMeans (k-means|| initialisation) on the joint features.
   *
   * @param points rows with the joint features
   * @param segmentCol name of the output label column
   * @param k number of segments
   * @param maxIter most Lloyd iterations
   * @param seed random seed of the initialisation
   */
  public static JointFit kMeans(
      Dataset<Row> points, String segmentCol, int k, int maxIter, long seed) {
    String vector = "_segment_features";
    Dataset<Row> vectors =
        new VectorAssembler()
            .setInputCols(ImagePoints.JOINT_FEATURES)
            .setOutputCol(vector)
            .transform(points);
    long start = System.nanoTime();
    KMeansModel model =
        new KMeans()
            .setK(k)
            .setMaxIter(maxIter)
            .setSeed(seed)
            .setFeaturesCol(vector)
            .setPredictionCol(segmentCol)
            .fit(vectors);
    double seconds = (System.nanoTime() - start) / 1e9;
    JointFit f = new JointFit();
    f.predictionCol = segmentCol;
    f.centers = new double[model.clusterCenters().length][];
    for (int c = 0; c < f.centers.length; c++) {
      f.centers[c] = model.clusterCenters()[c].toArray();
    }
    f.sizes = model.summary().clusterSizes().clone();
    f.numIter = model.summary().numIter();
    f.converged = f.numIter < maxIter;
    f.fitSeconds = seconds;
    f.model = model;
    f.noGpuPlans = JointFit.MLLIB_NO_GPU_PLANS;
    ObjectNode p = ResultFiles.newObject();
    p.put("k", k);
    p.put("engine", "mllib");
    p.put("init", "k-means||");
    p.put("max_iter", maxIter);
    p.put("seed", seed);
    f.parameters = p;
    f.phases = ResultFiles.newObject().put("fit", seconds);
    f.details.put("training_cost", model.summary().trainingCost());
    return f;
  }
}
