package io.github.meanshift.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Labeler;
import io.github.meanshift.shift.BandwidthEstimator;
import io.github.meanshift.shift.BlurringMeanShift;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.LocalShiftEngine;
import io.github.meanshift.shift.ModeMerger;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.Seeding;
import io.github.meanshift.shift.ShiftEngine;
import io.github.meanshift.shift.SqlShiftEngine;
import io.github.meanshift.shift.StandardMeanShift;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
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

  @Override
  public MeanShiftModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    Timer timer = new Timer();
    FeatureSpec spec = timer.time("schema", () -> FeatureSpec.of(this, dataset));
    Kernel kern = Kernel.fromName(getKernel());
    boolean blurring = getAlgorithm().equals("blurring");
    LOG.info("mean shift: {}", describeParams(spec));
    boolean jvm = EngineChoice.useJvm(this, dataset.sparkSession());
    LocalPoints local =
        timer.time("prepare", () -> smallEnoughForDriver(dataset, spec, blurring, jvm));
    if (local != null) {
      return fitOnDriver(dataset, spec, local, kern, timer);
    }
    WorkDir work = WorkDir.open(dataset.sparkSession(), getCheckpointDir());
    boolean keepWork = false;
    try {
      PointSet points = timer.time("prepare", () -> prepare(dataset, spec, work, blurring));
      LOG.info(
          "{} points, {} features, checkpointed to {}", points.count(), spec.dim(), work.where());
      boolean estimated = !isDefined(bandwidth());
      double h =
          estimated
              ? timer.time("bandwidth", () -> estimateBandwidth(points, jvm))
              : getBandwidth();
      EngineChoice choice =
          timer.time(
              "neighbours", () -> EngineChoice.choose(this, jvm, points, kern, h, getSeed()));
      LOG.info("engine {} ({})", choice.name(), choice.reason);
      MeanShiftSummary.Builder sb = new MeanShiftSummary.Builder();
      sb.engine = choice.name();
      sb.neighbors = choice.grid ? "grid" : "exact";
      putBandwidthPlan(sb, points, estimated);
      MeanShiftModel model;
      if (blurring) {
        model = fitBlurring(dataset, points, kern, h, timer, sb, work, choice);
        keepWork = true; // the summary's predictions read the checkpoint
      } else {
        model = fitStandard(dataset, points, kern, h, timer, sb, choice);
      }
      return finish(model, sb, spec.names(), points.count(), h, estimated, kern, timer);
    } finally {
      if (!keepWork) {
        work.close();
      }
    }
  }

  /**
   * The bandwidth from a sample: on the driver for the CPU engine, as a SQL plan (the GPU's path)
   * otherwise.
   */
  private double estimateBandwidth(PointSet points, boolean jvm) {
    return checkedEstimate(
        jvm
            ? BandwidthEstimator.estimate(
                points, getQuantile(), getBandwidthSampleSize(), getSeed())
            : BandwidthEstimator.plan(points, getQuantile(), getBandwidthSampleSize(), getSeed())
                .first()
                .getDouble(0));
  }

  /** An estimated bandwidth, logged; 0 (too many duplicates) is an error. */
  private double checkedEstimate(double h) {
    if (!(h > 0)) {
      throw new IllegalArgumentException(
          "the estimated bandwidth is 0 (more than a quantile "
              + getQuantile()
              + " of the points are duplicates); set a bandwidth or a larger quantile");
    }
    LOG.info(
        "bandwidth estimated: {} (quantile {}, sample of at most {} points)",
        fmt(h),
        getQuantile(),
        getBandwidthSampleSize());
    return h;
  }

  private MeanShiftModel newModel(double[][] centers, double h) {
    MeanShiftModel model = copyValues(new MeanShiftModel(uid, centers), ParamMap.empty());
    model.set(model.bandwidth(), h);
    model.setParent(this);
    return model;
  }

  private MeanShiftModel fitStandard(
      Dataset<?> dataset,
      PointSet points,
      Kernel kern,
      double h,
      Timer timer,
      MeanShiftSummary.Builder sb,
      EngineChoice choice) {
    double[][] seedPositions = timer.time("seeding", () -> seeds(points, h));
    LOG.info("{} seeds ({})", seedPositions.length, seedingName());
    ModeMerger.Centers merged;
    try (ShiftEngine engine =
        timer.time("engine", () -> choice.engine(points, kern, h, getMaxPairsPerTask()))) {
      merged = shiftAndMerge(engine, seedPositions, h, timer, sb);
    }
    MeanShiftModel model = newModel(merged.centers(), h);
    Column label = model.predictColumn(Columns.features(points.dim()));
    long[] sizes =
        timer.time("label", () -> clusterSizes(points.hot(), label, merged.centers().length));
    putIterationPlan(sb, points, kern, h, seedPositions, choice.grid);
    putSeedingPlan(sb, points, h);
    putLabelPlans(sb, points, label);
    sb.predictions = () -> model.transform(dataset);
    sb.centers = merged.centers();
    sb.clusterSizes = java.util.Arrays.copyOf(sizes, merged.centers().length);
    sb.orphans = sizes[merged.centers().length];
    sb.numSeeds = seedPositions.length;
    return model;
  }

  private MeanShiftModel fitBlurring(
      Dataset<?> dataset,
      PointSet points,
      Kernel kern,
      double h,
      Timer timer,
      MeanShiftSummary.Builder sb,
      WorkDir work,
      EngineChoice choice) {
    long bytes = points.count() * points.dim() * 8L;
    if (bytes > getMaxBroadcastBytes()) {
      throw new IllegalArgumentException(
          "blurring mean shift broadcasts the whole point set ("
              + points.count()
              + " points x "
              + points.dim()
              + " features = "
              + bytes
              + " bytes), more than maxBroadcastBytes = "
              + getMaxBroadcastBytes()
              + "; use the standard algorithm or raise the budget");
    }
    LocalPoints local = timer.time("collect", () -> LocalPoints.collect(points));
    SparkSession spark = dataset.sparkSession();
    String[] names = points.featureNames();
    // With the JVM engine and few points, each iteration runs on the driver: no Spark job.
    boolean onDriver = choice.jvm && points.count() <= getLocalMaxPoints();
    if (onDriver) {
      sb.engine = "local/" + (choice.grid ? "grid" : "exact");
      LOG.info(
          "blurring iterations on the driver ({} points, at most localMaxPoints)", points.count());
    }
    BlurringMeanShift.Result run =
        timer.time(
            "shift",
            () ->
                BlurringMeanShift.run(
                    (pos, w) -> {
                      if (onDriver) {
                        return new LocalShiftEngine(
                            pos, w, PointStats.of(pos, w), names, kern, h, choice.grid);
                      }
                      PointSet current =
                          PointSet.fromArrays(
                              spark, pos, w, names, df -> work.materialize(df, "positions"));
                      return choice.engine(current, kern, h, getMaxPairsPerTask());
                    },
                    local.x,
                    local.w,
                    h,
                    getTol(),
                    getMaxIter(),
                    s -> LOG.info("{}", s)));
    LOG.info(
        "blurring stopped ({}) after {} iterations: {} clusters",
        run.stop().name().toLowerCase(Locale.ROOT),
        run.iterations().size(),
        run.centers().length);
    MeanShiftModel model = newModel(run.centers(), h);
    Dataset<Row> labels = timer.time("label", () -> local.labels(spark, run.labels()));
    putIterationPlan(sb, points, kern, h, local.x, choice.grid);
    putLabelPlans(sb, points, model.predictColumn(Columns.features(points.dim())));
    long[] sizes = new long[run.centers().length];
    for (int l : run.labels()) {
      sizes[l]++;
    }
    String[] original = dataset.columns();
    Column[] out = new Column[original.length + 1];
    for (int i = 0; i < original.length; i++) {
      out[i] = Columns.named(original[i]);
    }
    out[original.length] = col(LocalPoints.LABEL).as(getPredictionCol());
    Dataset<Row> predictions =
        points.data().join(functions.broadcast(labels), Columns.PID).select(out);
    sb.predictions = () -> predictions;
    sb.centers = run.centers();
    sb.clusterSizes = sizes;
    sb.orphans = 0;
    sb.iterations = run.iterations();
    sb.converged = run.stop() != BlurringMeanShift.Stop.MAX_ITER;
    sb.numSeeds = points.count();
    return model;
  }

  /**
   * The standard algorithm on points held by the driver: the same steps as on Spark (bandwidth from
   * a sample, seeds, passes, merging, labels), each on arrays, with the JVM engine's loops run on
   * the driver's cores ({@link LocalShiftEngine}). No Spark job runs after the points are read; the
   * summary's predictions and GPU plans are still Spark plans over the input.
   */
  private MeanShiftModel fitOnDriver(
      Dataset<?> dataset, FeatureSpec spec, LocalPoints local, Kernel kern, Timer timer) {
    String[] names = spec.names();
    PointStats stats = PointStats.of(local.x, local.w, names, getWeightCol());
    LOG.info("{} points, {} features, held by the driver", stats.count(), spec.dim());
    boolean estimated = !isDefined(bandwidth());
    double h =
        estimated
            ? timer.time(
                "bandwidth",
                () ->
                    checkedEstimate(
                        BandwidthEstimator.estimate(
                            local.x, local.w, getQuantile(), getBandwidthSampleSize(), getSeed())))
            : getBandwidth();
    EngineChoice choice =
        timer.time(
            "neighbours", () -> EngineChoice.chooseOnDriver(this, local.x, kern, h, getSeed()));
    LOG.info("engine {} ({})", choice.name(), choice.reason);
    double[][] seedPositions =
        timer.time(
            "seeding",
            () ->
                getSeeds() != null
                    ? checkedSeeds(getSeeds(), spec.dim())
                    : getBinSeeding()
                        ? Seeding.binSeedsOrAllPoints(local.x, local.w, h, getMinBinFreq())
                        : Seeding.allPoints(local.x));
    LOG.info("{} seeds ({})", seedPositions.length, seedingName());
    MeanShiftSummary.Builder sb = new MeanShiftSummary.Builder();
    ModeMerger.Centers merged;
    try (ShiftEngine engine =
        new LocalShiftEngine(local.x, local.w, stats, names, kern, h, choice.grid)) {
      merged = shiftAndMerge(engine, seedPositions, h, timer, sb);
    }
    MeanShiftModel model = newModel(merged.centers(), h);
    double maxDistance = getClusterAll() ? Double.POSITIVE_INFINITY : h;
    long[] sizes = new long[merged.centers().length];
    long orphans = 0;
    for (double[] p : local.x) {
      int k = Labeler.nearest(p, merged.centers(), maxDistance);
      if (k < 0) {
        orphans++;
      } else {
        sizes[k]++;
      }
    }
    PointSet source = new PointSet(hotFrame(dataset, spec, false), names, stats);
    putBandwidthPlan(sb, source, estimated);
    putIterationPlan(sb, source, kern, h, seedPositions, choice.grid);
    putSeedingPlan(sb, source, h);
    putLabelPlans(sb, source, model.predictColumn(Columns.features(spec.dim())));
    sb.predictions = () -> model.transform(dataset);
    sb.centers = merged.centers();
    sb.clusterSizes = sizes;
    sb.orphans = orphans;
    sb.numSeeds = seedPositions.length;
    sb.engine = choice.name();
    sb.neighbors = choice.grid ? "grid" : "exact";
    return finish(model, sb, names, stats.count(), h, estimated, kern, timer);
  }

  /** Runs the passes from {@code seeds} and merges the modes, recording the iterations. */
  private ModeMerger.Centers shiftAndMerge(
      ShiftEngine engine, double[][] seeds, double h, Timer timer, MeanShiftSummary.Builder sb) {
    StandardMeanShift.Result run =
        timer.time(
            "shift",
            () ->
                StandardMeanShift.run(
                    engine, seeds, h, getTol(), getMaxIter(), s -> LOG.info("{}", s)));
    sb.iterations = run.iterations();
    sb.converged = run.allConverged();
    return timer.time("merge", () -> ModeMerger.merge(run.modes(), run.support(), h));
  }

  /** Fills the summary's common fields, attaches it to the model and logs the fit. */
  private MeanShiftModel finish(
      MeanShiftModel model,
      MeanShiftSummary.Builder sb,
      String[] names,
      long numPoints,
      double h,
      boolean estimated,
      Kernel kern,
      Timer timer) {
    sb.predictionCol = getPredictionCol();
    sb.featureNames = names;
    sb.numPoints = numPoints;
    sb.bandwidth = h;
    sb.bandwidthEstimated = estimated;
    sb.algorithm = getAlgorithm();
    sb.kernel = kern.paramName();
    sb.phaseSeconds = timer.phases();
    model.setSummary(sb.build());
    LOG.info("{} clusters; fit done in {} s ({})", model.numClusters(), fmt(timer.total()), timer);
    return model;
  }

  /** Records the bandwidth estimation plan (when the bandwidth was estimated). */
  private void putBandwidthPlan(MeanShiftSummary.Builder sb, PointSet points, boolean estimated) {
    if (estimated) {
      sb.hotPlans.put(
          "bandwidth",
          () ->
              BandwidthEstimator.plan(points, getQuantile(), getBandwidthSampleSize(), getSeed()));
    }
  }

  /** Records the seeding plan (unless the seeds were given). */
  private void putSeedingPlan(MeanShiftSummary.Builder sb, PointSet points, double h) {
    if (getSeeds() == null) {
      sb.hotPlans.put(
          "seeding",
          () ->
              getBinSeeding()
                  ? Seeding.binSeedPlan(points, h, getMinBinFreq())
                  : Seeding.allPointsPlan(points));
    }
  }

  /** Records the plan of one pass (its first batch of seeds) as the SQL engine runs it. */
  private void putIterationPlan(
      MeanShiftSummary.Builder sb,
      PointSet points,
      Kernel kern,
      double h,
      double[][] seeds,
      boolean grid) {
    sb.hotPlans.put(
        "iteration",
        () -> {
          SqlShiftEngine sql =
              grid
                  ? SqlShiftEngine.grid(points, kern, h, getMaxPairsPerTask())
                  : new SqlShiftEngine(points, kern, h, getMaxPairsPerTask());
          return sql.plan(seeds, 0, Math.min(seeds.length, sql.seedsPerBatch()));
        });
  }

  private static void putLabelPlans(MeanShiftSummary.Builder sb, PointSet points, Column label) {
    sb.hotPlans.put("labels", () -> points.hot().select(col(Columns.PID), label));
    sb.hotPlans.put("cluster_sizes", () -> sizesPlan(points.hot(), label));
  }

  /** Reads the features once into the internal columns, checkpoints them, and checks them. */
  private PointSet prepare(Dataset<?> dataset, FeatureSpec spec, WorkDir work, boolean carry) {
    Dataset<Row> stored = work.materialize(hotFrame(dataset, spec, carry), "points");
    PointStats stats = PointStats.compute(stored, spec.names(), getWeightCol());
    return new PointSet(stored, spec.names(), stats);
  }

  /** The internal columns (id, features, weight), after the user's columns when {@code carry}. */
  private Dataset<Row> hotFrame(Dataset<?> dataset, FeatureSpec spec, boolean carry) {
    Column[] features = spec.columns();
    List<Column> cols = new ArrayList<>();
    if (carry) {
      for (String c : dataset.columns()) {
        cols.add(Columns.named(c));
      }
    }
    cols.add(monotonically_increasing_id().as(Columns.PID));
    for (int j = 0; j < features.length; j++) {
      cols.add(features[j].as(Columns.feature(j)));
    }
    String wc = getWeightCol();
    cols.add((wc == null ? lit(1.0) : Columns.named(wc).cast("double")).as(Columns.WEIGHT));
    return dataset.select(cols.toArray(new Column[0]));
  }

  /**
   * The points on the driver, when the standard algorithm runs on the JVM engine and the data have
   * at most localMaxPoints rows (one job reads at most one row more); null otherwise.
   */
  private LocalPoints smallEnoughForDriver(
      Dataset<?> dataset, FeatureSpec spec, boolean blurring, boolean jvm) {
    long max = getLocalMaxPoints();
    if (blurring || !jvm || max <= 0) {
      return null;
    }
    List<Row> rows =
        hotFrame(dataset, spec, false)
            .limit((int) Math.min(Integer.MAX_VALUE - 1, max + 1))
            .collectAsList();
    return rows.size() <= max ? LocalPoints.of(rows, spec.dim()) : null;
  }

  private double[][] seeds(PointSet points, double h) {
    double[][] given = getSeeds();
    if (given != null) {
      return checkedSeeds(given, points.dim());
    }
    if (getBinSeeding()) {
      return Seeding.binSeedsOrAllPoints(points, h, getMinBinFreq());
    }
    return Seeding.allPoints(points);
  }

  private static double[][] checkedSeeds(double[][] given, int dim) {
    for (double[] s : given) {
      if (s.length != dim) {
        throw new IllegalArgumentException(
            "a seed has " + s.length + " values but the data have " + dim + " features");
      }
    }
    return given;
  }

  private String seedingName() {
    if (getSeeds() != null) {
      return "given";
    }
    return getBinSeeding()
        ? "bin seeding, min bin weight " + getMinBinFreq()
        : "every distinct point";
  }

  /** Rows (label, count); the label is aliased so a constant label is not a GROUP BY ordinal. */
  private static Dataset<Row> sizesPlan(Dataset<Row> points, Column label) {
    return points.groupBy(label.as("_ms_label")).count();
  }

  /** Points per cluster, and the orphans (-1) as the last element. */
  private static long[] clusterSizes(Dataset<Row> points, Column label, int clusters) {
    long[] sizes = new long[clusters + 1];
    for (Row r : sizesPlan(points, label).collectAsList()) {
      int k = r.getInt(0);
      sizes[k < 0 ? sizes.length - 1 : k] = r.getLong(1);
    }
    return sizes;
  }

  private String describeParams(FeatureSpec spec) {
    return String.format(
        Locale.ROOT,
        "features %s, bandwidth %s, kernel %s, algorithm %s, neighbors %s, bin seeding %s,"
            + " cluster all %s, max iter %d, tol %s",
        spec,
        isDefined(bandwidth()) ? fmt(getBandwidth()) : "auto (quantile " + getQuantile() + ")",
        getKernel(),
        getAlgorithm(),
        getNeighbors(),
        getBinSeeding(),
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

  /** Wall time of each phase of a fit. */
  static final class Timer {
    private final java.util.LinkedHashMap<String, Double> phases = new java.util.LinkedHashMap<>();

    <T> T time(String phase, Supplier<T> body) {
      long start = System.nanoTime();
      try {
        return body.get();
      } finally {
        phases.merge(phase, (System.nanoTime() - start) / 1e9, Double::sum);
      }
    }

    java.util.LinkedHashMap<String, Double> phases() {
      return new java.util.LinkedHashMap<>(phases);
    }

    double total() {
      return phases.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      phases.forEach(
          (k, v) ->
              sb.append(sb.length() == 0 ? "" : ", ")
                  .append(k)
                  .append(' ')
                  .append(fmt(v))
                  .append(" s"));
      return sb.toString();
    }
  }
}
