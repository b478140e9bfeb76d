package io.github.meanshift.ml;

import io.github.meanshift.common.Columns;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How good a clustering is: ARI and NMI against the truth when a label column is known (null
 * otherwise), and the silhouette (Spark's ClusteringEvaluator, squared Euclidean, over the points
 * that have a cluster), which needs at least two clusters and is skipped above {@link
 * #MAX_SILHOUETTE_CLUSTERS}: then it is null and {@code silhouetteNote} says why.
 */
public record Evaluation(Double ari, Double nmi, Double silhouette, String silhouetteNote) {
  /**
   * Most clusters the silhouette is computed for: Spark's costs a distance from every point to
   * every cluster (50,000 points in 48,000 clusters: minutes).
   */
  public static final int MAX_SILHOUETTE_CLUSTERS = 1000;

  /**
   * Evaluates the predictions in {@code predictionCol} of {@code predictions}.
   *
   * @param features the feature columns (for the silhouette)
   * @param labelCol the truth, or null
   * @param clusters number of clusters found
   */
  public static Evaluation of(
      Dataset<Row> predictions,
      String[] features,
      String labelCol,
      String predictionCol,
      int clusters) {
    Double ari = null;
    Double nmi = null;
    if (labelCol != null) {
      ClusteringMetrics m =
          ClusteringMetrics.of(predictions, Columns.named(labelCol), Columns.named(predictionCol));
      ari = m.ari();
      nmi = m.nmi();
    }
    if (clusters < 2) {
      return new Evaluation(
          ari,
          nmi,
          null,
          "one cluster: the silhouette compares each point's own cluster with the nearest other");
    }
    if (clusters > MAX_SILHOUETTE_CLUSTERS) {
      return new Evaluation(
          ari,
          nmi,
          null,
          clusters
              + " clusters: Spark's silhouette costs points x clusters; it is computed up to "
              + MAX_SILHOUETTE_CLUSTERS
              + " clusters");
    }
    Dataset<Row> clustered = predictions.where(Columns.named(predictionCol).geq(0));
    Dataset<Row> vectors =
        new VectorAssembler()
            .setInputCols(features)
            .setOutputCol("_ms_silhouette_features")
            .transform(clustered);
    double silhouette =
        new ClusteringEvaluator()
            .setFeaturesCol("_ms_silhouette_features")
            .setPredictionCol(predictionCol)
            .evaluate(vectors);
    return new Evaluation(ari, nmi, silhouette, null);
  }
}
