package io.github.meanshift.cli;

import io.github.meanshift.common.Clustering;
import io.github.meanshift.io.InputData;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kmeans}: cluster the input with MLlib's KMeans, with the same outputs as meanshift. */
@Command(
    name = "kmeans",
    mixinStandardHelpOptions = true,
    description = "Cluster the input with k-means (MLlib KMeans).")
final class KMeansCommand extends ClusteringCommand {
  @Mixin KMeansArgs kmeans;

  @Override
  String commandName() {
    return "kmeans";
  }

  @Override
  void validateOptions() {
    kmeans.validate();
  }

  @Override
  Clustering fit(SparkSession spark, InputData data, String workDir) {
    return kmeans
        .options()
        .fit(data.frame(), data.features(), data.weightCol(), kmeans.k, "prediction", workDir);
  }
}
