package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.InputData;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.ml.MeanShiftSummary;
import io.github.meanshift.report.ResultFiles;
import io.github.meanshift.shift.Kernel;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options of mean shift, shared by the meanshift and compare commands. */
final class MeanShiftOptions {
  @Option(
      names = "--bandwidth",
      paramLabel = "H|auto",
      defaultValue = "auto",
      description = "Kernel bandwidth, or auto to estimate it (default: ${DEFAULT-VALUE}).")
  String bandwidth;

  @Option(
      names = "--quantile",
      paramLabel = "Q",
      defaultValue = "0.3",
      description = "Quantile for --bandwidth auto, in (0, 1] (default: ${DEFAULT-VALUE}).")
  double quantile;

  @Option(
      names = "--kernel",
      paramLabel = "NAME",
      defaultValue = "gaussian",
      description = "gaussian, flat, epanechnikov or triangular (default: ${DEFAULT-VALUE}).")
  String kernel;

  @Option(
      names = "--algorithm",
      paramLabel = "standard|blurring",
      defaultValue = "standard",
      description =
          "standard: seeds move, data stay; blurring: the data move (default: ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(
      names = "--neighbors",
      paramLabel = "auto|exact|grid",
      defaultValue = "auto",
      description = "Neighbour search (default: ${DEFAULT-VALUE}).")
  String neighbors;

  @Option(
      names = "--engine",
      paramLabel = "auto|sql|jvm",
      defaultValue = "auto",
      description = "Engine of the iterations (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(
      names = "--bin-seeding",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description = "Seed from a grid of side h instead of every point.")
  boolean binSeeding;

  @Option(
      names = "--min-bin-freq",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "With --bin-seeding, least points in a seeding bin (default: ${DEFAULT-VALUE}).")
  double minBinFreq;

  @Option(
      names = "--seeds",
      paramLabel = "PATH",
      description = "CSV or Parquet of starting seeds with the feature columns.")
  String seeds;

  @Option(
      names = "--cluster-all",
      paramLabel = "true|false",
      defaultValue = "true",
      arity = "1",
      description =
          "false: points farther than h from every centre get -1 (default: ${DEFAULT-VALUE}).")
  boolean clusterAll;

  @Option(
      names = "--max-iter",
      paramLabel = "N",
      defaultValue = "300",
      description = "Most iterations (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(
      names = "--tol",
      paramLabel = "T",
      defaultValue = "1e-3",
      description = "A seed stops when it moves at most tol*h (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description = "Random seed for sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--max-pairs-per-task",
      paramLabel = "N",
      defaultValue = "20000000",
      description = "Most point-seed pairs one task materialises (default: ${DEFAULT-VALUE}).")
  long maxPairsPerTask;

  @Option(
      names = "--local-max-points",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Largest input fitted on the driver (no Spark job per iteration); 0 always runs the"
              + " iterations on the executors (default: ${DEFAULT-VALUE}).")
  long localMaxPoints;

  private Double fixedBandwidth;

  /** Checks the options before Spark starts. */
  void validate() {
    fixedBandwidth = parseBandwidth(bandwidth);
    if (!(quantile > 0 && quantile <= 1)) {
      throw new UsageException("--quantile must be in (0, 1], got " + quantile);
    }
    try {
      Kernel.fromName(kernel);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--kernel: " + e.getMessage());
    }
    oneOf("--algorithm", algorithm, "standard", "blurring");
    oneOf("--neighbors", neighbors, "auto", "exact", "grid");
    oneOf("--engine", engine, "auto", "sql", "jvm");
    if (!(minBinFreq >= 0) || Double.isInfinite(minBinFreq)) {
      throw new UsageException("--min-bin-freq must be a number >= 0, got " + minBinFreq);
    }
    if (maxIter < 1) {
      throw new UsageException("--max-iter must be at least 1, got " + maxIter);
    }
    if (!(tol >= 0) || Double.isInfinite(tol)) {
      throw new UsageException("--tol must be a number >= 0, got " + tol);
    }
    if (maxPairsPerTask < 1) {
      throw new UsageException("--max-pairs-per-task must be at least 1, got " + maxPairsPerTask);
    }
    if (localMaxPoints < 0) {
      throw new UsageException("--local-max-points must be at least 0, got " + localMaxPoints);
    }
  }

  /** The bandwidth as a number, or null for auto. */
  static Double parseBandwidth(String text) {
    if (text.equalsIgnoreCase("auto")) {
      return null;
    }
    double h;
    try {
      h = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--bandwidth must be a positive number or auto, got '" + text + "'");
    }
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new UsageException("--bandwidth must be a positive number or auto, got '" + text + "'");
    }
    return h;
  }

  static void oneOf(String option, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value.toLowerCase(Locale.ROOT))) {
        return;
      }
    }
    throw new UsageException(
        option + " must be one of " + String.join(", ", allowed) + "; got '" + value + "'");
  }

  /** The bandwidth given as a number; a usage error for auto. */
  double fixedBandwidth() {
    if (fixedBandwidth == null) {
      throw new UsageException("this measurement needs --bandwidth as a number, not auto");
    }
    return fixedBandwidth;
  }

  /** The estimator these options describe, on the given feature columns. */
  MeanShift estimator(String[] features) {
    MeanShift ms =
        new MeanShift()
            .setInputCols(features)
            .setQuantile(quantile)
            .setKernel(kernel.toLowerCase(Locale.ROOT))
            .setAlgorithm(algorithm.toLowerCase(Locale.ROOT))
            .setNeighbors(neighbors.toLowerCase(Locale.ROOT))
            .setEngine(engine.toLowerCase(Locale.ROOT))
            .setBinSeeding(binSeeding)
            .setMinBinFreq(minBinFreq)
            .setClusterAll(clusterAll)
            .setMaxIter(maxIter)
            .setTol(tol)
            .setSeed(seed)
            .setMaxPairsPerTask(maxPairsPerTask)
            .setLocalMaxPoints(localMaxPoints);
    if (fixedBandwidth != null) {
      ms.setBandwidth(fixedBandwidth);
    }
    return ms;
  }

  /** Fits mean shift on the input through the Spark ML API. */
  Fitted fit(SparkSession spark, InputData data, String workDir) {
    MeanShift ms = estimator(data.features()).setCheckpointDir(workDir);
    if (data.weightCol() != null) {
      ms.setWeightCol(data.weightCol());
    }
    if (seeds != null) {
      ms.setSeeds(SeedFile.read(spark, seeds, data.features()));
    }
    MeanShiftModel model = ms.fit(data.frame());
    MeanShiftSummary s = model.summary();
    Fitted f = new Fitted();
    f.predictions = s.predictions();
    f.predictionCol = s.predictionCol();
    f.centers = s.clusterCenters();
    f.sizes = s.clusterSizes();
    f.orphans = s.orphans();
    f.numIter = s.numIter();
    f.converged = s.converged();
    f.fitSeconds = s.fitSeconds();
    f.model = model;
    f.gpuPlans = s::gpuPlans;
    ObjectNode p = ResultFiles.newObject();
    p.put("bandwidth", s.bandwidth());
    p.put("bandwidth_estimated", s.bandwidthEstimated());
    p.put("quantile", quantile);
    p.put("kernel", s.kernel());
    p.put("algorithm", s.algorithm());
    p.put("neighbors", s.neighbors());
    p.put("engine", s.engine());
    p.put("bin_seeding", binSeeding);
    p.put("min_bin_freq", minBinFreq);
    p.put("seeds", seeds);
    p.put("n_seeds", s.numSeeds());
    p.put("cluster_all", clusterAll);
    p.put("max_iter", maxIter);
    p.put("tol", tol);
    f.parameters = p;
    f.recordProgress(s);
    return f;
  }
}
