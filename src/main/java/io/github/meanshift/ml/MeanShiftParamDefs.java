package io.github.meanshift.ml;

import io.github.meanshift.shift.Algorithm;
import io.github.meanshift.shift.Assignment;
import io.github.meanshift.shift.BandwidthMethod;
import io.github.meanshift.shift.EngineType;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.ModeMerge;
import io.github.meanshift.shift.Neighbors;
import io.github.meanshift.shift.SeedMethod;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The params of {@link MeanShift} and {@link MeanShiftModel}, built once per owner: each has a
 * name, a one-line doc ending in its default, a validator, and one default. {@link MeanShiftParams}
 * exposes them as the owner's own param methods.
 */
final class MeanShiftParamDefs implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  final StringArrayParam inputCols;
  final Param<String> featuresCol;
  final Param<String> predictionCol;
  final Param<String> weightCol;
  final DoubleParam bandwidth;
  final Param<String> bandwidthMethod;
  final DoubleParam quantile;
  final IntParam bandwidthSampleSize;
  final Param<String> kernel;
  final Param<String> algorithm;
  final Param<String> neighbors;
  final Param<String> engine;
  final BooleanParam binSeeding;
  final Param<String> seeding;
  final IntParam maxSeeds;
  final LongParam seedCostBudget;
  final DoubleParam minBinFreq;
  final DoubleArrayArrayParam seeds;
  final BooleanParam clusterAll;
  final Param<String> assign;
  final Param<String> modeMerge;
  final IntParam maxIter;
  final DoubleParam tol;
  final LongParam seed;
  final LongParam maxPairsPerTask;
  final Param<String> checkpointDir;
  final LongParam maxBroadcastBytes;
  final LongParam localMaxPoints;

  /** Default seedCostBudget: about a second an iteration on two cores of the JVM loops. */
  static final long DEFAULT_SEED_COST_BUDGET = 4_000_000_000L;

  MeanShiftParamDefs(Params owner) {
    inputCols =
        new StringArrayParam(
            owner,
            "inputCols",
            "Numeric feature columns; when unset, featuresCol (a vector column) is used."
                + " Default: unset.");
    featuresCol =
        new Param<>(owner, "featuresCol", "Vector features column name. Default: features.");
    predictionCol =
        new Param<>(owner, "predictionCol", "Prediction column name. Default: prediction.");
    weightCol =
        new Param<>(
            owner,
            "weightCol",
            "Column of non-negative sample weights; a point of weight w counts as w points."
                + " Default: unset (every point weighs 1).");
    bandwidth =
        new DoubleParam(
            owner,
            "bandwidth",
            "Kernel bandwidth h; when unset it is chosen by bandwidthMethod. Default: unset.",
            ParamCheck.above(0.0));
    bandwidthMethod =
        new Param<>(
            owner,
            "bandwidthMethod",
            "How an unset bandwidth is chosen: auto (the scale at which the partition of a sample"
                + " is stable, for any kernel) or quantile (scikit-learn's estimate_bandwidth, a"
                + " flat-kernel radius). Default: auto.",
            ParamCheck.oneOf(BandwidthMethod.class));
    quantile =
        new DoubleParam(
            owner,
            "quantile",
            "Quantile of neighbour distances of bandwidthMethod quantile. Default: 0.3.",
            ParamCheck.inRangeOpenClosed(0.0, 1.0));
    bandwidthSampleSize =
        new IntParam(
            owner,
            "bandwidthSampleSize",
            "Most points sampled to choose the bandwidth. Default: 10000.",
            ParamCheck.atLeast(1L));
    kernel =
        new Param<>(
            owner,
            "kernel",
            "Kernel: gaussian, flat, epanechnikov or triangular. Default: gaussian.",
            ParamCheck.oneOf(Kernel.class));
    algorithm =
        new Param<>(
            owner,
            "algorithm",
            "standard (seeds move, data stay) or blurring (the data move). Default: standard.",
            ParamCheck.oneOf(Algorithm.class));
    neighbors =
        new Param<>(
            owner,
            "neighbors",
            "Neighbour search: exact (every pair), grid (adjacent cells only) or auto."
                + " Default: auto.",
            ParamCheck.oneOf(Neighbors.class));
    engine =
        new Param<>(
            owner,
            "engine",
            "Engine of the iterations: sql (DataFrame plan, GPU-ready), jvm (CPU loop per"
                + " partition) or auto. Default: auto.",
            ParamCheck.oneOf(EngineType.class));
    binSeeding =
        new BooleanParam(
            owner,
            "binSeeding",
            "Seed from a grid of side h instead of from every point. Default: false.");
    seeding =
        new Param<>(
            owner,
            "seeding",
            "Where the seeds start: points (every distinct point), bins (bin seeding), sample (a"
                + " weighted sample of the points), kmeans (k-means|| centres) or auto (bins with"
                + " binSeeding, else points; a sample when that is more seeds than maxSeeds or the"
                + " cap from seedCostBudget). Default: auto.",
            ParamCheck.oneOf(SeedMethod.class));
    maxSeeds =
        new IntParam(
            owner,
            "maxSeeds",
            "Most seeds: points or bins beyond it are replaced by a sample; the number of seeds"
                + " sample and kmeans draw. Default: unset (auto: the cap from seedCostBudget).",
            ParamCheck.atLeast(1));
    seedCostBudget =
        new LongParam(
            owner,
            "seedCostBudget",
            "Most point x seed x feature products one iteration of the standard algorithm may"
                + " cost under auto seeding (with the grid, only the points within reach count);"
                + " it sets the seed cap. Default: 4000000000.",
            ParamCheck.atLeast(1L));
    minBinFreq =
        new DoubleParam(
            owner,
            "minBinFreq",
            "With bin seeding, only bins holding at least this weight of points seed."
                + " Default: 1.",
            ParamCheck.atLeast(0.0));
    seeds =
        new DoubleArrayArrayParam(
            owner,
            "seeds",
            "Explicit starting seeds (rows of feature values), like scikit-learn's seeds."
                + " Default: unset.");
    clusterAll =
        new BooleanParam(
            owner,
            "clusterAll",
            "Label every point; if false, points farther than h from every centre get -1."
                + " Default: true.");
    assign =
        new Param<>(
            owner,
            "assign",
            "How training points get their cluster: nearest (the nearest mode, scikit-learn's"
                + " way), mode (the mode their own seed climbed to: the basin of attraction) or auto"
                + " (mode when modes were merged and the seeds have basins, else nearest). New"
                + " points always go to the nearest mode's cluster. Default: auto.",
            ParamCheck.oneOf(Assignment.class));
    modeMerge =
        new Param<>(
            owner,
            "modeMerge",
            "Whether modes joined by a density ridge merge into one cluster (a ring or a moon"
                + " split into arcs): ridge, none, or auto (as the bandwidth selector decides; none"
                + " for a bandwidth set by hand). Default: auto.",
            ParamCheck.oneOf(ModeMerge.class));
    maxIter =
        new IntParam(
            owner,
            "maxIter",
            "Most iterations of any seed (or of blurring). Default: 300.",
            ParamCheck.atLeast(1L));
    tol =
        new DoubleParam(
            owner,
            "tol",
            "A seed stops when it moves at most tol·h. Default: 0.001.",
            ParamCheck.atLeast(0.0));
    seed = new LongParam(owner, "seed", "Random seed for sampling. Default: 0.");
    maxPairsPerTask =
        new LongParam(
            owner,
            "maxPairsPerTask",
            "Most point-seed pairs one task may materialise; seeds are batched to respect it."
                + " Default: 20000000.",
            ParamCheck.atLeast(1L));
    maxBroadcastBytes =
        new LongParam(
            owner,
            "maxBroadcastBytes",
            "Largest point set (n·d·8 bytes) blurring mean shift broadcasts each iteration."
                + " Default: 268435456.",
            ParamCheck.atLeast(1L));
    localMaxPoints =
        new LongParam(
            owner,
            "localMaxPoints",
            "Largest data set the standard algorithm fits on the driver when the JVM engine runs"
                + " (no Spark job per iteration); 0 always distributes. Default: 100000.",
            ParamCheck.atLeast(0L));
    checkpointDir =
        new Param<>(
            owner,
            "checkpointDir",
            "Directory (on storage every executor sees) for the Parquet checkpoint of the"
                + " points. Default: unset (Spark's checkpoint dir, a local temporary directory"
                + " in local mode, else memory).");
  }

  /** Sets every default on {@code owner}, the params' parent. */
  void setDefaults(MeanShiftParams owner) {
    owner.setDefault(featuresCol, "features");
    owner.setDefault(predictionCol, "prediction");
    owner.setDefault(bandwidthMethod, BandwidthMethod.AUTO.paramName());
    owner.setDefault(quantile, 0.3);
    owner.setDefault(bandwidthSampleSize, 10000);
    owner.setDefault(kernel, Kernel.GAUSSIAN.paramName());
    owner.setDefault(algorithm, Algorithm.STANDARD.paramName());
    owner.setDefault(neighbors, Neighbors.AUTO.paramName());
    owner.setDefault(engine, EngineType.AUTO.paramName());
    owner.setDefault(binSeeding, false);
    owner.setDefault(minBinFreq, 1.0);
    owner.setDefault(clusterAll, true);
    owner.setDefault(seeding, SeedMethod.AUTO.paramName());
    owner.setDefault(seedCostBudget, DEFAULT_SEED_COST_BUDGET);
    owner.setDefault(assign, Assignment.AUTO.paramName());
    owner.setDefault(modeMerge, ModeMerge.AUTO.paramName());
    owner.setDefault(maxIter, 300);
    owner.setDefault(tol, 1e-3);
    owner.setDefault(seed, 0L);
    owner.setDefault(maxPairsPerTask, 20_000_000L);
    owner.setDefault(maxBroadcastBytes, 256L << 20);
    owner.setDefault(localMaxPoints, 100_000L);
  }
}
