package io.github.meanshift.cli;

import io.github.meanshift.kmeans.KMeansBase;
import io.github.meanshift.kmeans.KMeansEngine;
import io.github.meanshift.kmeans.KMeansRun;
import io.github.meanshift.kmeans.MiniBatchKMeans;
import org.apache.spark.ml.clustering.KMeans;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the kmeans command. Those keyed {@code kmeans.PARAM} are MLlib KMeans' params
 * (default and check from MLlib: its own default seed, say, so that a run equals a plain MLlib
 * fit); the engine and the mini-batch fraction are this project's.
 */
final class KMeansArgs {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--k", paramLabel = "K", description = "Number of clusters.")
  Integer k;

  @Option(
      names = "--max-iter",
      paramLabel = "N",
      descriptionKey = "kmeans.maxIter",
      description = "Most Lloyd iterations (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(
      names = "--tol",
      paramLabel = "T",
      descriptionKey = "kmeans.tol",
      description = "Stop when every centre moves less than T (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(
      names = "--seed",
      paramLabel = "N",
      descriptionKey = "kmeans.seed",
      description =
          "Random seed of the initialisation (default: ${DEFAULT-VALUE}, MLlib KMeans' own"
              + " default, so that results equal a plain MLlib fit).")
  long seed;

  @Option(
      names = "--init",
      paramLabel = "k-means|||random",
      descriptionKey = "kmeans.initMode",
      description = "Initialisation (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(
      names = "--engine",
      paramLabel = "NAME",
      defaultValue = "mllib",
      description =
          "mllib: MLlib KMeans (RDDs, CPU); columnar: Lloyd iterations as DataFrame plans (GPU-ready);"
              + " minibatch: mini-batch k-means as DataFrame plans (default: ${DEFAULT-VALUE}).")
  KMeansEngine engine;

  @Option(
      names = "--batch-fraction",
      paramLabel = "F",
      defaultValue = "" + MiniBatchKMeans.DEFAULT_BATCH_FRACTION,
      description =
          "minibatch: fraction of the points in each step's batch (default: ${DEFAULT-VALUE}).")
  double batchFraction;

  /** Checks the options before Spark starts: --k is required here. */
  void validate() {
    if (k == null) {
      throw new UsageException("--k is required");
    }
    checkK("--k", k, engine);
    ParamOptions.check(spec);
    MiniBatchKMeans.checkBatchFraction(batchFraction);
  }

  /** Checks a number of clusters with the check of the engine that will use it. */
  @SuppressWarnings("unchecked")
  static void checkK(String option, int k, KMeansEngine engine) {
    if (engine == KMeansEngine.MLLIB) {
      ParamOptions.checkValue(
          option, (org.apache.spark.ml.param.Param<Object>) (Object) new KMeans().k(), k);
    } else {
      KMeansBase.checkK(k);
    }
  }

  KMeansRun options() {
    return new KMeansRun(ParamOptions.apply(spec, "kmeans", new KMeans()), engine, batchFraction);
  }
}
