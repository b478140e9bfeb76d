package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Columns;
import io.github.meanshift.io.InputData;
import io.github.meanshift.kmeans.ColumnarKMeans;
import io.github.meanshift.kmeans.KMeansBase;
import io.github.meanshift.kmeans.KMeansResult;
import io.github.meanshift.kmeans.MiniBatchKMeans;
import io.github.meanshift.report.ResultFiles;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.clustering.KMeansSummary;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/** The options of k-means (MLlib's KMeans), shared by the kmeans command. */
final class KMeansOptions {
  /** MLlib KMeans' default seed: the hash of its class name (HasSeed). */
  static final String MLLIB_DEFAULT_SEED = "-1689246527";

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
      defaultValue = MLLIB_DEFAULT_SEED,
      description =
          "Random seed of the initialisation (default: ${DEFAULT-VALUE}, MLlib KMeans' own"
              + " default, so that results equal a plain MLlib fit).")
  long seed;

  @Option(
      names = "--init",
      paramLabel = "k-means|||random",
      defaultValue = "k-means||",
      description = "Initialisation (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(
      names = "--engine",
      paramLabel = "mllib|columnar|minibatch",
      defaultValue = "mllib",
      description =
          "mllib: MLlib KMeans (RDDs, CPU); columnar: Lloyd iterations as DataFrame plans (GPU-ready);"
              + " minibatch: mini-batch k-means as DataFrame plans (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(
      names = "--batch-fraction",
      paramLabel = "F",
      defaultValue = "0.1",
      description =
          "minibatch: fraction of the points in each step's batch (default: ${DEFAULT-VALUE}).")
  double batchFraction;

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
    MeanShiftOptions.oneOf("--engine", engine, "mllib", "columnar", "minibatch");
    if (!(batchFraction > 0 && batchFraction <= 1)) {
      throw new UsageException("--batch-fraction must be in (0, 1], got " + batchFraction);
    }
  }

  /**
   * Fits MLlib's KMeans with {@code clusters} clusters on {@code frame} (the input, possibly with
   * other predictions already attached); the predictions go to column {@code predictionCol}.
   */
  Fitted fit(
      Dataset<Row> frame, InputData data, int clusters, String predictionCol, String workDir) {
    String e = engine.toLowerCase(Locale.ROOT);
    return e.equals("mllib")
        ? fitMllib(frame, data, clusters, predictionCol)
        : fitColumnar(frame, data, clusters, predictionCol, workDir, e.equals("minibatch"));
  }

  /** Fits MLlib's KMeans. */
  private Fitted fitMllib(Dataset<Row> frame, InputData data, int clusters, String predictionCol) {
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
    f.noGpuPlans = Fitted.MLLIB_NO_GPU_PLANS;
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

  /**
   * Fits the columnar (Lloyd) or mini-batch k-means, whose every iteration is a DataFrame plan on
   * plain double columns. The model is saved as MLlib's (assembler + KMeansModel) so that predict
   * reads it like any other k-means model.
   */
  private Fitted fitColumnar(
      Dataset<Row> frame,
      InputData data,
      int clusters,
      String predictionCol,
      String workDir,
      boolean miniBatch) {
    String[] features = data.features();
    KMeansBase<?> km =
        miniBatch
            ? new MiniBatchKMeans(frame, features).setBatchFraction(batchFraction)
            : new ColumnarKMeans(frame, features);
    km.setK(clusters)
        .setMaxIter(maxIter)
        .setTol(tol)
        .setSeed(seed)
        .setInitMode(init.toLowerCase(Locale.ROOT))
        .setCheckpointPath(workDir + "/kmeans-points");
    if (data.weightCol() != null) {
      km.setWeightCol(data.weightCol());
    }
    long start = System.nanoTime();
    KMeansResult result = miniBatch ? ((MiniBatchKMeans) km).fit() : ((ColumnarKMeans) km).fit();
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    Column[] cols =
        Arrays.stream(features).map(c -> Columns.named(c).cast("double")).toArray(Column[]::new);
    Column assignment = result.assignment(cols);
    Fitted f = new Fitted();
    f.predictions = frame.withColumn(predictionCol, assignment);
    f.predictionCol = predictionCol;
    f.centers = result.centres();
    f.sizes = new long[result.k()];
    for (Row r : frame.groupBy(assignment.as("_ms_k")).count().collectAsList()) {
      f.sizes[r.getInt(0)] = r.getLong(1);
    }
    f.numIter = result.iterations();
    f.converged = result.converged();
    f.fitSeconds = fitSeconds;
    f.model = mllibPipeline(features, result.centres(), predictionCol);
    ObjectNode p = ResultFiles.newObject();
    p.put("k", clusters);
    p.put("engine", miniBatch ? "minibatch" : "columnar");
    p.put("init", init);
    p.put("max_iter", maxIter);
    p.put("tol", tol);
    p.put("seed", seed);
    if (miniBatch) {
      p.put("batch_fraction", batchFraction);
    }
    f.parameters = p;
    f.phases = ResultFiles.newObject().put("init", result.initSeconds()).put("fit", fitSeconds);
    double[] per = result.iterationSeconds();
    for (int i = 0; i < per.length; i++) {
      f.iterations.add(ResultFiles.newObject().put("iteration", i + 1).put("seconds", per[i]));
    }
    f.details.put("training_cost", result.cost());
    double[][] centres = result.centres();
    f.gpuPlans =
        () -> {
          java.util.Map<String, Dataset<?>> plans = new java.util.LinkedHashMap<>();
          plans.put(
              miniBatch ? "step" : "iteration",
              miniBatch
                  ? ((MiniBatchKMeans) km).stepPlan(centres, 0)
                  : ((ColumnarKMeans) km).iterationPlan(centres));
          plans.put("labels", frame.select(assignment));
          return plans;
        };
    return f;
  }

  /** An MLlib k-means pipeline (assembler + KMeansModel) with the given centres, for saving. */
  private static PipelineModel mllibPipeline(
      String[] features, double[][] centres, String predictionCol) {
    String vector = "_ms_kmeans_features";
    org.apache.spark.mllib.linalg.Vector[] c =
        new org.apache.spark.mllib.linalg.Vector[centres.length];
    for (int k = 0; k < c.length; k++) {
      c[k] = org.apache.spark.mllib.linalg.Vectors.dense(centres[k]);
    }
    KMeansModel model =
        new KMeansModel(
                Identifiable$.MODULE$.randomUID("kmeans"),
                new org.apache.spark.mllib.clustering.KMeansModel(c))
            .setFeaturesCol(vector)
            .setPredictionCol(predictionCol);
    VectorAssembler assembler = new VectorAssembler().setInputCols(features).setOutputCol(vector);
    return new PipelineModel(
        Identifiable$.MODULE$.randomUID("pipeline"), new Transformer[] {assembler, model});
  }
}
