package io.github.meanshift.cli;

import io.github.meanshift.common.Clustering;
import io.github.meanshift.io.InputData;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.report.MeanShiftResults;
import io.github.meanshift.shift.Algorithm;
import io.github.meanshift.shift.Assignment;
import io.github.meanshift.shift.BandwidthMethod;
import io.github.meanshift.shift.EngineType;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.ModeMerge;
import io.github.meanshift.shift.Neighbors;
import io.github.meanshift.shift.SeedMethod;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of mean shift, shared by the meanshift, compare and bench commands. Each option keyed
 * {@code meanShift.PARAM} takes its default and its check from that param of {@link MeanShift}
 * ({@link ParamOptions}); only the bandwidth ({@code auto} or a number) and the seed file are read
 * here.
 */
final class MeanShiftOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--bandwidth",
      paramLabel = "H|auto|quantile",
      defaultValue = "auto",
      description =
          "Kernel bandwidth; auto: the scale at which the partition of a sample is stable, for any"
              + " kernel; quantile: scikit-learn's estimate_bandwidth (default: ${DEFAULT-VALUE}).")
  String bandwidth;

  @Option(
      names = "--quantile",
      paramLabel = "Q",
      descriptionKey = "meanShift.quantile",
      description = "Quantile of --bandwidth quantile, in (0, 1] (default: ${DEFAULT-VALUE}).")
  double quantile;

  @Option(
      names = "--kernel",
      paramLabel = "NAME",
      descriptionKey = "meanShift.kernel",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Kernel kernel;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      descriptionKey = "meanShift.algorithm",
      description =
          "standard: seeds move, data stay; blurring: the data move (default: ${DEFAULT-VALUE}).")
  Algorithm algorithm;

  @Option(
      names = "--neighbors",
      paramLabel = "NAME",
      descriptionKey = "meanShift.neighbors",
      description = "Neighbour search: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Neighbors neighbors;

  @Option(
      names = "--engine",
      paramLabel = "NAME",
      descriptionKey = "meanShift.engine",
      description =
          "Engine of the iterations: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  EngineType engine;

  @Option(
      names = "--bin-seeding",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      descriptionKey = "meanShift.binSeeding",
      description =
          "Seed from a grid of side h instead of every point (default: ${DEFAULT-VALUE}).")
  boolean binSeeding;

  @Option(
      names = "--seeding",
      paramLabel = "NAME",
      descriptionKey = "meanShift.seeding",
      description =
          "Where seeds start: points (every distinct point), bins (as --bin-seeding), sample (a"
              + " weighted sample of the points), kmeans (k-means|| centres) or auto (bins with"
              + " --bin-seeding, else points; a sample when that is more than --max-seeds or the"
              + " cap from --seed-cost-budget) (default: ${DEFAULT-VALUE}).")
  SeedMethod seeding;

  @Option(
      names = "--max-seeds",
      paramLabel = "M",
      descriptionKey = "meanShift.maxSeeds",
      description =
          "Most seeds: more points or bins are replaced by a weighted sample of M; the number"
              + " sample and kmeans draw (default: the cap from --seed-cost-budget).")
  Integer maxSeeds;

  @Option(
      names = "--seed-cost-budget",
      paramLabel = "N",
      descriptionKey = "meanShift.seedCostBudget",
      description =
          "Most point x seed x feature products an iteration may cost under auto seeding; sets"
              + " the seed cap (default: ${DEFAULT-VALUE}).")
  long seedCostBudget;

  @Option(
      names = "--min-bin-freq",
      paramLabel = "N",
      descriptionKey = "meanShift.minBinFreq",
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
      arity = "1",
      descriptionKey = "meanShift.clusterAll",
      description =
          "false: points farther than h from every centre get -1 (default: ${DEFAULT-VALUE}).")
  boolean clusterAll;

  @Option(
      names = "--assign",
      paramLabel = "auto|nearest|mode",
      descriptionKey = "meanShift.assign",
      description =
          "Labels of the input: nearest (mode, scikit-learn's way), mode (the basin of"
              + " attraction: the mode each point's own seed climbed to), or auto (mode when modes"
              + " were merged and seeds have basins, else nearest) (default: ${DEFAULT-VALUE}).")
  Assignment assign;

  @Option(
      names = "--mode-merge",
      paramLabel = "auto|ridge|none",
      descriptionKey = "meanShift.modeMerge",
      description =
          "Merge modes joined by a density ridge (a ring or a moon split into arcs): ridge, none,"
              + " or auto (as the bandwidth selection decides) (default: ${DEFAULT-VALUE}).")
  ModeMerge modeMerge;

  @Option(
      names = "--max-iter",
      paramLabel = "N",
      descriptionKey = "meanShift.maxIter",
      description = "Most iterations (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(
      names = "--tol",
      paramLabel = "T",
      descriptionKey = "meanShift.tol",
      description = "A seed stops when it moves at most tol*h (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(
      names = "--seed",
      paramLabel = "N",
      descriptionKey = "meanShift.seed",
      description = "Random seed for sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--max-pairs-per-task",
      paramLabel = "N",
      descriptionKey = "meanShift.maxPairsPerTask",
      description = "Most point-seed pairs one task materialises (default: ${DEFAULT-VALUE}).")
  long maxPairsPerTask;

  @Option(
      names = "--local-max-points",
      paramLabel = "N",
      descriptionKey = "meanShift.localMaxPoints",
      description =
          "Largest input fitted on the driver (no Spark job per iteration); 0 always runs the"
              + " iterations on the executors (default: ${DEFAULT-VALUE}).")
  long localMaxPoints;

  @Option(
      names = "--max-broadcast-bytes",
      paramLabel = "N",
      descriptionKey = "meanShift.maxBroadcastBytes",
      description =
          "Largest point set (n*d*8 bytes) blurring mean shift broadcasts (default:"
              + " ${DEFAULT-VALUE}).")
  long maxBroadcastBytes;

  private Double fixedBandwidth;

  /** Checks the options before Spark starts. */
  void validate() {
    fixedBandwidth = parseBandwidth(bandwidth);
    ParamOptions.check(spec);
    if (binSeeding && seeding != null && seeding != SeedMethod.AUTO && seeding != SeedMethod.BINS) {
      throw new UsageException(
          "--bin-seeding asks for bin seeding but --seeding is " + seeding + ": drop one of them");
    }
    if (seeds != null && seeding != null && seeding != SeedMethod.AUTO) {
      throw new UsageException(
          "--seeds and --seeding " + seeding + " both say where seeds start: drop one of them");
    }
  }

  /** The bandwidth as a number, or null for a method's name. */
  static Double parseBandwidth(String text) {
    for (BandwidthMethod m : BandwidthMethod.values()) {
      if (m.paramName().equalsIgnoreCase(text)) {
        return null;
      }
    }
    double h;
    try {
      h = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--bandwidth must be a positive number, auto or quantile, got '" + text + "'");
    }
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new UsageException(
          "--bandwidth must be a positive number, auto or quantile, got '" + text + "'");
    }
    return h;
  }

  /** The bandwidth given as a number; a usage error for auto. */
  double fixedBandwidth() {
    if (fixedBandwidth == null) {
      throw new UsageException("this measurement needs --bandwidth as a number");
    }
    return fixedBandwidth;
  }

  /** The estimator these options describe, on the given feature columns. */
  MeanShift estimator(String[] features) {
    MeanShift ms = ParamOptions.apply(spec, "meanShift", new MeanShift()).setInputCols(features);
    if (fixedBandwidth != null) {
      ms.setBandwidth(fixedBandwidth);
    } else {
      ms.setBandwidthMethod(bandwidth.toLowerCase(java.util.Locale.ROOT));
    }
    return ms;
  }

  /** Fits mean shift on the input through the Spark ML API. */
  Clustering fit(SparkSession spark, InputData data, String workDir) {
    MeanShift ms = estimator(data.features()).setCheckpointDir(workDir);
    if (data.weightCol() != null) {
      ms.setWeightCol(data.weightCol());
    }
    if (seeds != null) {
      ms.setSeeds(SeedFile.read(spark, seeds, data.features()));
    }
    MeanShiftModel model = ms.fit(data.frame());
    return MeanShiftResults.of(model, data.frame(), seeds);
  }
}
