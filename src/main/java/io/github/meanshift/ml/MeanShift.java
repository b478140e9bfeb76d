package io.github.meanshift.ml;

import io.github.meanshift.common.NamedEnum;
import io.github.meanshift.shift.Algorithm;
import io.github.meanshift.shift.Assignment;
import io.github.meanshift.shift.BandwidthMethod;
import io.github.meanshift.shift.BandwidthSelection;
import io.github.meanshift.shift.BandwidthSelector;
import io.github.meanshift.shift.EngineType;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.ModeMerge;
import io.github.meanshift.shift.ModeMerger;
import io.github.meanshift.shift.Neighbors;
import io.github.meanshift.shift.RidgeMerge;
import io.github.meanshift.shift.SeedMethod;
import io.github.meanshift.shift.ShiftEngine;
import io.github.meanshift.shift.StandardMeanShift;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mean-shift clustering as a Spark ML estimator.
 *
 * <pre>{@code
 * MeanShiftModel model = new MeanShift().setBandwidth(2.5).setInputCols(new String[] {"x", "y"}).fit(df);
 * model.transform(df).show();
 * }</pre>
 *
 * <p>With the flat kernel and the same seeds it reproduces scikit-learn's {@code MeanShift}: seeds
 * climb to the modes, converged seeds are ranked by support and merged within one bandwidth, and
 * points are labelled by their nearest centre. The points are read once and checkpointed; every
 * iteration broadcasts only the seeds still moving.
 */
public class MeanShift extends Estimator<MeanShiftModel>
    implements MeanShiftParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MeanShift.class);

  private final String uid;
  private final MeanShiftParamDefs defs;

  public MeanShift() {
    this(Identifiable$.MODULE$.randomUID("meanShift"));
  }

  public MeanShift(String uid) {
    this.uid = uid;
    this.defs = new MeanShiftParamDefs(this);
    defs.setDefaults(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MeanShiftParamDefs defs() {
    return defs;
  }

  public MeanShift setInputCols(String[] value) {
    set(inputCols(), value);
    return this;
  }

  public MeanShift setFeaturesCol(String value) {
    set(featuresCol(), value);
    return this;
  }

  public MeanShift setPredictionCol(String value) {
    set(predictionCol(), value);
    return this;
  }

  public MeanShift setWeightCol(String value) {
    set(weightCol(), value);
    return this;
  }

  public MeanShift setBandwidth(double value) {
    set(bandwidth(), value);
    return this;
  }

  public MeanShift setBandwidthMethod(String value) {
    set(bandwidthMethod(), value);
    return this;
  }

  public MeanShift setBandwidthMethod(BandwidthMethod value) {
    return setBandwidthMethod(value.paramName());
  }

  public MeanShift setQuantile(double value) {
    set(quantile(), value);
    return this;
  }

  public MeanShift setBandwidthSampleSize(int value) {
    set(bandwidthSampleSize(), value);
    return this;
  }

  public MeanShift setKernel(String value) {
    set(kernel(), value);
    return this;
  }

  public MeanShift setAlgorithm(String value) {
    set(algorithm(), value);
    return this;
  }

  public MeanShift setNeighbors(String value) {
    set(neighbors(), value);
    return this;
  }

  public MeanShift setEngine(String value) {
    set(engine(), value);
    return this;
  }

  public MeanShift setBinSeeding(boolean value) {
    set(binSeeding(), value);
    return this;
  }

  public MeanShift setSeeding(String value) {
    set(seeding(), value);
    return this;
  }

  public MeanShift setSeeding(SeedMethod value) {
    return setSeeding(value.paramName());
  }

  public MeanShift setMaxSeeds(int value) {
    set(maxSeeds(), value);
    return this;
  }

  public MeanShift setSeedCostBudget(long value) {
    set(seedCostBudget(), value);
    return this;
  }

  public MeanShift setMinBinFreq(double value) {
    set(minBinFreq(), value);
    return this;
  }

  public MeanShift setSeeds(double[][] value) {
    set(seeds(), value);
    return this;
  }

  public MeanShift setClusterAll(boolean value) {
    set(clusterAll(), value);
    return this;
  }

  public MeanShift setAssign(String value) {
    set(assign(), value);
    return this;
  }

  public MeanShift setAssign(Assignment value) {
    return setAssign(value.paramName());
  }

  public MeanShift setMaxIter(int value) {
    set(maxIter(), value);
    return this;
  }

  public MeanShift setTol(double value) {
    set(tol(), value);
    return this;
  }

  public MeanShift setSeed(long value) {
    set(seed(), value);
    return this;
  }

  public MeanShift setMaxPairsPerTask(long value) {
    set(maxPairsPerTask(), value);
    return this;
  }

  public MeanShift setLocalMaxPoints(long value) {
    set(localMaxPoints(), value);
    return this;
  }

  public MeanShift setMaxBroadcastBytes(long value) {
    set(maxBroadcastBytes(), value);
    return this;
  }

  public MeanShift setCheckpointDir(String value) {
    set(checkpointDir(), value);
    return this;
  }

  public MeanShift setKernel(Kernel value) {
    return setKernel(value.paramName());
  }

  public MeanShift setAlgorithm(Algorithm value) {
    return setAlgorithm(value.paramName());
  }

  public MeanShift setNeighbors(Neighbors value) {
    return setNeighbors(value.paramName());
  }

  public MeanShift setEngine(EngineType value) {
    return setEngine(value.paramName());
  }

  /**
   * Fits mean shift: reads the points once (onto the driver when small, else into a Parquet
   * checkpoint), sets the bandwidth, chooses the engine and neighbour search, runs the standard or
   * blurring iterations, merges the modes into centres, counts the clusters' points, and releases
   * the points before it returns.
   */
  @Override
  public MeanShiftModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    FitTimer timer = new FitTimer();
    FeatureSpec spec = timer.time("schema", () -> FeatureSpec.of(this, dataset));
    Kernel kernel = Kernel.fromName(getKernel());
    Algorithm algorithm = NamedEnum.parse(Algorithm.class, getAlgorithm(), "algorithm");
    NamedEnum.parse(SeedMethod.class, getSeeding(), "seeding");
    LOG.info("mean shift: {}", describeParams(spec));
    boolean jvm = EngineChoice.useJvm(this, dataset.sparkSession());
    try (Points points = timer.time("prepare", () -> Points.open(this, dataset, spec, jvm))) {
      LOG.info("{}", points);
      BandwidthSelection bandwidth =
          isDefined(bandwidth())
              ? BandwidthSelection.given(getBandwidth())
              : timer.time("bandwidth", () -> Bandwidths.choose(this, points, kernel));
      double h = bandwidth.bandwidth();
      if (h == 0) {
        return ZeroBandwidth.fit(
            this, points, spec, kernel, algorithm, bandwidth, timer, dataset, this::newModel);
      }
      EngineChoice choice =
          timer.time("neighbours", () -> EngineChoice.choose(this, points, jvm, kernel, h));
      LOG.info("engine {} ({})", choice.name(), choice.reason);
      Clusters clusters;
      Supplier<Dataset<Row>> predictions;
      MeanShiftModel model;
      MeanShiftSummary.Route route;
      if (algorithm == Algorithm.STANDARD) {
        boolean merge = merges(bandwidth);
        Seeded run = standard(points, choice, kernel, h, merge, timer, dataset);
        model = newModel(run.clusters(), h);
        route = MeanShiftSummary.Route.seeding(run.plan());
        if (basinLabels(merge, run)) {
          Dataset<Row> basins =
              BasinLabels.predictions(dataset, spec, run.plan(), run.owner(), model);
          predictions = () -> basins;
          clusters =
              timer.time(
                  "label",
                  () ->
                      run.clusters()
                          .withSizes(
                              BasinLabels.count(basins, getPredictionCol(), model.numClusters())));
        } else {
          clusters = run.clusters();
          predictions = () -> model.transform(dataset);
        }
      } else {
        BlurringFit.Outcome run =
            BlurringFit.run(this, points, spec, dataset, choice, kernel, h, timer);
        clusters = run.clusters();
        model = newModel(clusters, h);
        predictions = run.predictions();
        route = MeanShiftSummary.Route.blurring(run.route().path(), run.route().reason());
      }
      model.setSummary(
          new MeanShiftSummary(
              getPredictionCol(),
              spec.names(),
              points.count(),
              bandwidth,
              algorithm.paramName(),
              kernel.paramName(),
              choice,
              route,
              clusters,
              timer.phases(),
              predictions));
      LOG.info(
          "{} clusters; fit done in {} s ({})", model.numClusters(), fmt(timer.total()), timer);
      return model;
    }
  }

  /**
   * A standard run: its clusters, where the seeds started and why, and the mode each seed's
   * position went to (-1: the seed found no points).
   */
  private record Seeded(Clusters clusters, SeedPlan plan, int[] owner) {}

  /** Whether this fit merges modes along density ridges. */
  private boolean merges(BandwidthSelection bandwidth) {
    ModeMerge merge = NamedEnum.parse(ModeMerge.class, getModeMerge(), "mode merge");
    return merge == ModeMerge.RIDGE || (merge == ModeMerge.AUTO && bandwidth.merge());
  }

  /**
   * Whether the training points are labelled by their basin of attraction: asked for, or auto with
   * merged modes and seeds drawn from the data (not given).
   */
  private boolean basinLabels(boolean merged, Seeded run) {
    Assignment assign = NamedEnum.parse(Assignment.class, getAssign(), "assignment");
    boolean basins = getSeeds() == null;
    return assign == Assignment.MODE || (assign == Assignment.AUTO && merged && basins);
  }

  /**
   * The standard algorithm: seeds climb to the modes, which merge into one mode each within h (as
   * scikit-learn's), and, with {@code merge}, into clusters along density ridges.
   */
  private Seeded standard(
      Points points,
      EngineChoice choice,
      Kernel kernel,
      double h,
      boolean merge,
      FitTimer timer,
      Dataset<?> dataset) {
    SeedPlan plan =
        timer.time(
            "seeding", () -> SeedPlan.choose(this, points, h, choice, dataset.sparkSession()));
    double[][] seeds = plan.positions();
    LOG.info("{} seeds ({}: {})", seeds.length, plan.name(), plan.reason());
    StandardMeanShift.Result run;
    try (ShiftEngine engine =
        timer.time("engine", () -> points.engine(choice, kernel, h, getMaxPairsPerTask()))) {
      run =
          timer.time(
              "shift",
              () ->
                  StandardMeanShift.run(
                      engine, seeds, h, getTol(), getMaxIter(), s -> LOG.info("{}", s)));
    }
    ModeMerger.Centers merged = timer.time("merge", () -> ModeMerger.merge(run, h));
    double[][] modes = merged.centers();
    int[] modeCluster =
        merge
            ? timer.time("merge", () -> ridgeMerge(points, modes, kernel, h))
            : Clusters.identity(modes.length);
    double maxDistance = getClusterAll() ? Double.POSITIVE_INFINITY : h;
    double side = JvmShiftEngine.cellSide(kernel, h);
    long[] byMode = timer.time("label", () -> points.clusterSizes(modes, maxDistance, side));
    int k = Arrays.stream(modeCluster).max().orElse(-1) + 1;
    long[] sizes = new long[k + 1];
    for (int m = 0; m < modes.length; m++) {
      sizes[modeCluster[m]] += byMode[m];
    }
    sizes[k] = byMode[modes.length];
    Clusters clusters =
        new Clusters(
            modes,
            modeCluster,
            Arrays.copyOf(sizes, k),
            sizes[k],
            seeds.length,
            run.iterations(),
            run.allConverged());
    return new Seeded(clusters, plan, merged.owner());
  }

  /**
   * The cluster of each mode after {@link RidgeMerge}, on the bounded sample the bandwidth selector
   * draws.
   */
  private int[] ridgeMerge(Points points, double[][] modes, Kernel kernel, double h) {
    DriverPoints drawn = points.sample(getBandwidthSampleSize(), getSeed());
    BandwidthSelector.Sample sample = BandwidthSelector.sample(drawn.x, drawn.w, getSeed());
    int[] cluster = RidgeMerge.clusters(modes, sample.x(), sample.w(), kernel, h);
    LOG.info(
        "{} modes merged along density ridges into {} clusters",
        modes.length,
        Arrays.stream(cluster).max().orElse(-1) + 1);
    return cluster;
  }

  /**
   * A model of {@code clusters} at bandwidth {@code h} (0: unset, the distinct values of a zero
   * bandwidth), with this estimator's params.
   */
  MeanShiftModel newModel(Clusters clusters, double h) {
    MeanShiftModel model =
        copyValues(
            new MeanShiftModel(uid, clusters.modes(), clusters.modeCluster()), ParamMap.empty());
    if (h > 0) {
      model.set(model.bandwidth(), h);
    }
    model.setParent(this);
    return model;
  }

  private String describeParams(FeatureSpec spec) {
    return String.format(
        Locale.ROOT,
        "features %s, bandwidth %s, kernel %s, algorithm %s, neighbors %s, seeding %s%s,"
            + " cluster all %s, max iter %d, tol %s",
        spec,
        isDefined(bandwidth()) ? fmt(getBandwidth()) : getBandwidthMethod(),
        getKernel(),
        getAlgorithm(),
        getNeighbors(),
        getSeeds() != null ? "given" : getBinSeeding() ? "bins" : getSeeding(),
        getMaxSeeds() == null ? "" : " (max " + getMaxSeeds() + ")",
        getClusterAll(),
        getMaxIter(),
        getTol());
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String wc = getWeightCol();
    if (wc != null) {
      FeatureSpec.checkNumericColumns(schema, new String[] {wc});
    }
    return schema;
  }

  @Override
  public MeanShift copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MeanShift> read() {
    return new org.apache.spark.ml.util.DefaultParamsReader<>();
  }

  public static MeanShift load(String path) {
    return read().load(path);
  }
}
