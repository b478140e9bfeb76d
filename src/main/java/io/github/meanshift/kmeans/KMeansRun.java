package io.github.meanshift.kmeans;

import io.github.meanshift.common.Clustering;
import io.github.meanshift.common.Columns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * How k-means runs, for the kmeans, compare and segment commands: MLlib's KMeans (whose params the
 * options keyed {@code kmeans.PARAM} set, defaults and checks included), or the columnar or
 * mini-batch k-means of this project with the same settings. A value class: the commands fill it
 * from their own options.
 */
public record KMeansRun(KMeans params, KMeansEngine engine, double batchFraction) {

  /**
   * Fits k-means with {@code clusters} clusters on {@code frame} (the input, possibly with other
   * predictions already attached); the predictions go to column {@code predictionCol}.
   *
   * @param features the feature columns
   * @param weightCol the sample weights, or null
   * @param workDir scratch space (the columnar engines' checkpoint)
   */
  public Clustering fit(
      Dataset<Row> frame,
      String[] features,
      String weightCol,
      int clusters,
      String predictionCol,
      String workDir) {
    return engine == KMeansEngine.MLLIB
        ? fitMllib(frame, features, weightCol, clusters, predictionCol)
        : fitColumnar(frame, features, weightCol, clusters, predictionCol, workDir);
  }

  private Map<String, Object> parameters(int clusters) {
    Map<String, Object> p =
        Clustering.ordered(
            "k", clusters,
            "engine", engine.paramName(),
            "init", params.getInitMode(),
            "max_iter", params.getMaxIter(),
            "tol", params.getTol(),
            "seed", params.getSeed());
    if (engine == KMeansEngine.MINIBATCH) {
      p.put("batch_fraction", batchFraction);
    }
    return p;
  }

  /** Fits MLlib's KMeans. */
  private Clustering fitMllib(
      Dataset<Row> frame, String[] features, String weightCol, int clusters, String predictionCol) {
    String vector = "_ms_kmeans_features";
    VectorAssembler assembler = new VectorAssembler().setInputCols(features).setOutputCol(vector);
    KMeans kmeans =
        params
            .copy(org.apache.spark.ml.param.ParamMap.empty())
            .setK(clusters)
            .setFeaturesCol(vector)
            .setPredictionCol(predictionCol);
    if (weightCol != null) {
      kmeans.setWeightCol(weightCol);
    }
    long start = System.nanoTime();
    PipelineModel pipeline =
        new Pipeline().setStages(new PipelineStage[] {assembler, kmeans}).fit(frame);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    KMeansModel model = (KMeansModel) pipeline.stages()[1];
    KMeansSummary summary = model.summary();
    Vector[] centres = model.clusterCenters();
    double[][] c = new double[centres.length][];
    for (int k = 0; k < c.length; k++) {
      c[k] = centres[k].toArray();
    }
    return new Clustering(
        "kmeans",
        predictionCol,
        pipeline.transform(frame).drop(Columns.named(vector)),
        c,
        summary.clusterSizes().clone(),
        0,
        summary.numIter(),
        summary.numIter() < params.getMaxIter(),
        fitSeconds,
        parameters(clusters),
        List.of(),
        Map.of("fit", fitSeconds),
        Clustering.ordered(
            "training_cost",
            summary.trainingCost(),
            "mean_seconds_per_iteration",
            fitSeconds / Math.max(1, summary.numIter())),
        pipeline,
        Clustering.noPlans(),
        Clustering.MLLIB_NO_GPU_PLANS);
  }

  /**
   * Fits the columnar (Lloyd) or mini-batch k-means, whose every iteration is a DataFrame plan on
   * plain double columns. The model is saved as MLlib's (assembler + KMeansModel) so that predict
   * reads it like any other k-means model.
   */
  private Clustering fitColumnar(
      Dataset<Row> frame,
      String[] features,
      String weightCol,
      int clusters,
      String predictionCol,
      String workDir) {
    boolean miniBatch = engine == KMeansEngine.MINIBATCH;
    KMeansBase<?> km =
        miniBatch
            ? new MiniBatchKMeans(frame, features).setBatchFraction(batchFraction)
            : new ColumnarKMeans(frame, features);
    km.setK(clusters)
        .setMaxIter(params.getMaxIter())
        .setTol(params.getTol())
        .setSeed(params.getSeed())
        .setInitMode(params.getInitMode())
        .setCheckpointPath(workDir + "/kmeans-points");
    if (weightCol != null) {
      km.setWeightCol(weightCol);
    }
    long start = System.nanoTime();
    KMeansResult result = miniBatch ? ((MiniBatchKMeans) km).fit() : ((ColumnarKMeans) km).fit();
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    Column assignment = result.assignment(features);
    double[] per = result.iterationSeconds();
    List<Map<String, Object>> iterations = new ArrayList<>();
    for (int i = 0; i < per.length; i++) {
      iterations.add(Clustering.ordered("iteration", i + 1, "seconds", per[i]));
    }
    double[][] centres = result.centres();
    return new Clustering(
        "kmeans",
        predictionCol,
        frame.withColumn(predictionCol, assignment),
        centres,
        result.clusterSizes(frame, features),
        0,
        result.iterations(),
        result.converged(),
        fitSeconds,
        parameters(clusters),
        iterations,
        phases(result.initSeconds(), fitSeconds),
        Clustering.ordered("training_cost", result.cost()),
        mllibPipeline(features, centres, predictionCol),
        Clustering.plans(
            () -> {
              Map<String, Dataset<?>> plans = new LinkedHashMap<>();
              plans.put(
                  miniBatch ? "step" : "iteration",
                  miniBatch
                      ? ((MiniBatchKMeans) km).stepPlan(centres, 0)
                      : ((ColumnarKMeans) km).iterationPlan(centres));
              plans.put("labels", frame.select(assignment));
              return plans;
            }),
        null);
  }

  private static Map<String, Double> phases(double init, double fit) {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("init", init);
    p.put("fit", fit);
    return p;
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
