package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.Columns;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.ResultFiles;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.clustering.KMeansSummary;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/** The options of k-means (MLlib's KMeans), shared by the kmeans command. */
final class KMeansOptions {
  @Option(names = "--k", paramLabel = "K", description = "Number of clusters.")
  Integer k;

  @Option(
      names = "--max-iter",
      paramLabel = "N",
      defaultValue = "20",
      description = "Most Lloyd iterations (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(
      names = "--tol",
      paramLabel = "T",
      defaultValue = "1e-4",
      description = "Stop when every centre moves less than T (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Random seed of the initialisation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--init",
      paramLabel = "k-means|||random",
      defaultValue = "k-means||",
      description = "Initialisation (default: ${DEFAULT-VALUE}).")
  String init;

  /** Checks the options before Spark starts; {@code kRequired} for the kmeans command. */
  void validate(boolean kRequired) {
    if (k == null && kRequired) {
      throw new UsageException("--k is required");
    }
    if (k != null && k < 1) {
      throw new UsageException("--k must be at least 1, got " + k);
    }
    if (maxIter < 1) {
      throw new UsageException("--max-iter must be at least 1, got " + maxIter);
    }
    if (!(tol >= 0) || Double.isInfinite(tol)) {
      throw new UsageException("--tol must be a number >= 0, got " + tol);
    }
    MeanShiftOptions.oneOf("--init", init, "k-means||", "random");
  }

  /**
   * Fits MLlib's KMeans with {@code clusters} clusters on {@code frame} (the input, possibly with
   * other predictions already attached); the predictions go to column {@code predictionCol}.
   */
  Fitted fit(Dataset<Row> frame, InputData data, int clusters, String predictionCol) {
    String vector = "_ms_kmeans_features";
    VectorAssembler assembler =
        new VectorAssembler().setInputCols(data.features()).setOutputCol(vector);
    KMeans kmeans =
        new KMeans()
            .setK(clusters)
            .setMaxIter(maxIter)
            .setTol(tol)
            .setSeed(seed)
            .setInitMode(init.toLowerCase(Locale.ROOT))
            .setFeaturesCol(vector)
            .setPredictionCol(predictionCol);
    if (data.weightCol() != null) {
      kmeans.setWeightCol(data.weightCol());
    }
    long start = System.nanoTime();
    PipelineModel pipeline =
        new Pipeline().setStages(new PipelineStage[] {assembler, kmeans}).fit(frame);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    KMeansModel model = (KMeansModel) pipeline.stages()[1];
    KMeansSummary summary = model.summary();
    Fitted f = new Fitted();
    f.predictions = pipeline.transform(frame).drop(Columns.named(vector));
    f.predictionCol = predictionCol;
    Vector[] centres = model.clusterCenters();
    f.centers = new double[centres.length][];
    for (int c = 0; c < centres.length; c++) {
      f.centers[c] = centres[c].toArray();
    }
    f.sizes = summary.clusterSizes().clone();
    f.orphans = 0;
    f.numIter = summary.numIter();
    f.converged = summary.numIter() < maxIter;
    f.fitSeconds = fitSeconds;
    f.model = pipeline;
    f.noGpuPlans = "MLlib KMeans runs on RDDs of vectors, not SQL plans: it stays on the CPU";
    ObjectNode p = ResultFiles.newObject();
    p.put("k", clusters);
    p.put("engine", "mllib");
    p.put("init", init);
    p.put("max_iter", maxIter);
    p.put("tol", tol);
    p.put("seed", seed);
    f.parameters = p;
    f.phases = ResultFiles.newObject().put("fit", fitSeconds);
    f.details.put("training_cost", summary.trainingCost());
    f.details.put("mean_seconds_per_iteration", fitSeconds / Math.max(1, summary.numIter()));
    return f;
  }
}
