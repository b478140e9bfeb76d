package io.github.meanshift.ml;

import static org.apache.spark.sql.functions.col;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Columns;
import io.github.meanshift.common.NamedEnum;
import io.github.meanshift.common.NearestCentres;
import io.github.meanshift.shift.Algorithm;
import io.github.meanshift.shift.Assignment;
import io.github.meanshift.shift.BandwidthEstimator;
import io.github.meanshift.shift.BandwidthMethod;
import io.github.meanshift.shift.BandwidthSelection;
import io.github.meanshift.shift.BandwidthSelector;
import io.github.meanshift.shift.BlurringMeanShift;
import io.github.meanshift.shift.EngineType;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.ModeMerge;
import io.github.meanshift.shift.ModeMerger;
import io.github.meanshift.shift.Neighbors;
import io.github.meanshift.shift.RidgeMerge;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
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
    LOG.info("mean shift: {}", describeParams(spec));
    boolean jvm = EngineChoice.useJvm(this, dataset.sparkSession());
    try (Points points = timer.time("prepare", () -> Points.open(this, dataset, spec, jvm))) {
      LOG.info("{}", points);
      BandwidthSelection bandwidth =
          isDefined(bandwidth())
              ? BandwidthSelection.given(getBandwidth())
              : timer.time("bandwidth", () -> chooseBandwidth(points, kernel));
      double h = bandwidth.bandwidth();
      if (h == 0) {
        return zeroBandwidth(points, spec, kernel, algorithm, bandwidth, timer, dataset);
      }
      EngineChoice choice =
          timer.time("neighbours", () -> EngineChoice.choose(this, points, jvm, kernel, h));
      LOG.info("engine {} ({})", choice.name(), choice.reason);
      Clusters clusters;
      Supplier<Dataset<Row>> predictions;
      MeanShiftModel model;
      if (algorithm == Algorithm.STANDARD) {
        boolean merge = merges(bandwidth);
        Seeded run = standard(points, choice, kernel, h, merge, timer);
        model = newModel(run.clusters(), h);
        if (basinLabels(merge, run)) {
          Dataset<Row> basins = basinPredictions(dataset, spec, run, model);
          predictions = () -> basins;
          clusters =
              timer.time(
                  "label",
                  () -> run.clusters().withSizes(countLabels(basins, model.numClusters())));
        } else {
          clusters = run.clusters();
          predictions = () -> model.transform(dataset);
        }
      } else {
        DriverPoints start = timer.time("collect", () -> collectForBlurring(points));
        BlurringMeanShift.Result run =
            timer.time("shift", () -> blurring(points, start, choice, kernel, h));
        clusters = blurringClusters(run, start.x.length);
        model = newModel(clusters, h);
        predictions =
            () -> labelsByPosition(dataset, spec, start.x, run.labels(), getPredictionCol());
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
              clusters,
              timer.phases(),
              predictions));
      LOG.info(
          "{} clusters; fit done in {} s ({})", model.numClusters(), fmt(timer.total()), timer);
      return model;
    }
  }

  /**
   * A standard run: its clusters, where the seeds started, and the mode each seed's position went
   * to (-1: the seed found no points); {@code everyPoint} when the seeds were every distinct point.
   */
  private record Seeded(Clusters clusters, double[][] seeds, int[] owner, boolean everyPoint) {}

  /** Whether this fit merges modes along density ridges. */
  private boolean merges(BandwidthSelection bandwidth) {
    ModeMerge merge = NamedEnum.parse(ModeMerge.class, getModeMerge(), "mode merge");
    return merge == ModeMerge.RIDGE || (merge == ModeMerge.AUTO && bandwidth.merge());
  }

  /** Whether the training points are labelled by their basin of attraction. */
  private boolean basinLabels(boolean merged, Seeded run) {
    Assignment assign = NamedEnum.parse(Assignment.class, getAssign(), "assignment");
    boolean basins = run.everyPoint() || (getBinSeeding() && getSeeds() == null);
    return assign == Assignment.MODE || (assign == Assignment.AUTO && merged && basins);
  }

  /**
   * The standard algorithm: seeds climb to the modes, which merge into one mode each within h (as
   * scikit-learn's), and, with {@code merge}, into clusters along density ridges.
   */
  private Seeded standard(
      Points points, EngineChoice choice, Kernel kernel, double h, boolean merge, FitTimer timer) {
    Seeds start = timer.time("seeding", () -> seeds(points, h));
    double[][] seeds = start.positions();
    LOG.info("{} seeds ({})", seeds.length, seedingName());
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
    ModeMerger.Centers merged =
        timer.time("merge", () -> ModeMerger.merge(run.modes(), run.support(), h));
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
    return new Seeded(clusters, seeds, merged.owner(), start.everyPoint());
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
   * The input with each point's basin of attraction: the cluster of the mode its own seed went to.
   * With every distinct point a seed, the seed at the point's position (a broadcast table of
   * positions); otherwise the seed that started nearest to it (with bin seeding, its bin's). A seed
   * that found no points, and with clusterAll false a point farther than h from every centre, falls
   * back to the nearest-centre rule.
   */
  private Dataset<Row> basinPredictions(
      Dataset<?> dataset, FeatureSpec spec, Seeded run, MeanShiftModel model) {
    String basin = "_ms_basin";
    Dataset<Row> withBasin;
    if (run.everyPoint()) {
      withBasin = labelsByPosition(dataset, spec, run.seeds(), run.owner(), basin);
    } else {
      String seed = "_ms_seed";
      Dataset<Row> withSeed =
          NearestCentres.assign(
              dataset.toDF(),
              spec.columns(),
              run.seeds(),
              Double.POSITIVE_INFINITY,
              model.cellSide(),
              seed);
      withBasin =
          withSeed
              .withColumn(
                  basin, functions.element_at(functions.lit(run.owner()), col(seed).plus(1)))
              .drop(seed);
    }
    // the nearest mode's cluster (-1 beyond h with clusterAll false), the fallback
    Dataset<Row> both = model.transform(withBasin);
    Column pred = col(getPredictionCol());
    Column basinCluster =
        functions
            .when(col(basin).lt(0), functions.lit(-1))
            .otherwise(
                functions.element_at(functions.lit(model.modeClusters()), col(basin).plus(1)));
    Column[] out = new Column[dataset.columns().length + 1];
    for (int i = 0; i < dataset.columns().length; i++) {
      out[i] = Columns.named(dataset.columns()[i]);
    }
    out[out.length - 1] =
        functions
            .when(basinCluster.geq(0).and(pred.geq(0)), basinCluster)
            .otherwise(pred)
            .as(getPredictionCol());
    return both.select(out);
  }

  /** Rows per label of {@code predictions}: clusters 0..k-1, and the orphans (-1) last. */
  private long[] countLabels(Dataset<Row> predictions, int k) {
    long[] sizes = new long[k + 1];
    for (Row r : predictions.groupBy(col(getPredictionCol())).count().collectAsList()) {
      int l = r.getInt(0);
      sizes[l < 0 ? k : l] = r.getLong(1);
    }
    return sizes;
  }

  /**
   * The blurring algorithm's start: every point on the driver, which broadcasts the current
   * positions to each pass.
   */
  private DriverPoints collectForBlurring(Points points) {
    long bytes = points.count() * points.dim() * 8L;
    if (bytes > getMaxBroadcastBytes()) {
      throw new BadInputException(
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
    return points.collect();
  }

  /** Blurring mean shift from {@code start}: every iteration moves every point. */
  private BlurringMeanShift.Result blurring(
      Points points, DriverPoints start, EngineChoice choice, Kernel kernel, double h) {
    BlurringMeanShift.Result run =
        BlurringMeanShift.run(
            (pos, w) -> points.engineAt(pos, w, choice, kernel, h, getMaxPairsPerTask()),
            start.x,
            start.w,
            h,
            getTol(),
            getMaxIter(),
            s -> LOG.info("{}", s));
    LOG.info(
        "blurring stopped ({}) after {} iterations: {} clusters",
        run.stop().name().toLowerCase(Locale.ROOT),
        run.iterations().size(),
        run.centers().length);
    return run;
  }

  private static Clusters blurringClusters(BlurringMeanShift.Result run, int points) {
    long[] sizes = new long[run.centers().length];
    for (int l : run.labels()) {
      sizes[l]++;
    }
    return new Clusters(
        run.centers(),
        Clusters.identity(run.centers().length),
        sizes,
        0,
        points,
        run.iterations(),
        run.stop() != BlurringMeanShift.Stop.MAX_ITER);
  }

  /**
   * The input with the cluster each of its points collapsed into under blurring. Points at the same
   * position follow the same path, so the labels are keyed by position: the input's features are
   * joined with a broadcast table of (position, label).
   */
  private Dataset<Row> labelsByPosition(
      Dataset<?> dataset, FeatureSpec spec, double[][] positions, int[] labels, String labelCol) {
    int d = spec.dim();
    StructType schema = new StructType();
    for (int j = 0; j < d; j++) {
      schema = schema.add(Columns.feature(j), DataTypes.DoubleType, false);
    }
    schema = schema.add(labelCol, DataTypes.IntegerType, false);
    java.util.Map<java.util.List<Double>, Row> byPosition = new java.util.LinkedHashMap<>();
    for (int i = 0; i < positions.length; i++) {
      Object[] v = new Object[d + 1];
      java.util.List<Double> key = new java.util.ArrayList<>(d);
      for (int j = 0; j < d; j++) {
        double x = positions[i][j] == 0.0 ? 0.0 : positions[i][j]; // -0.0 and 0.0 are one position
        v[j] = x;
        key.add(x);
      }
      v[d] = labels[i];
      byPosition.putIfAbsent(key, RowFactory.create(v));
    }
    Dataset<Row> table =
        dataset
            .sparkSession()
            .createDataFrame(new java.util.ArrayList<>(byPosition.values()), schema);
    Column[] features = spec.columns();
    Column[] withKeys = new Column[dataset.columns().length + d];
    Column[] out = new Column[dataset.columns().length + 1];
    Column on = null;
    for (int i = 0; i < dataset.columns().length; i++) {
      withKeys[i] = Columns.named(dataset.columns()[i]);
      out[i] = Columns.named(dataset.columns()[i]);
    }
    for (int j = 0; j < d; j++) {
      withKeys[dataset.columns().length + j] = features[j].as("_ms_key" + j);
      Column eq = col("_ms_key" + j).equalTo(col(Columns.feature(j)));
      on = on == null ? eq : on.and(eq);
    }
    out[dataset.columns().length] = col(labelCol);
    return dataset.select(withKeys).join(functions.broadcast(table), on).select(out);
  }

  /**
   * The bandwidth of an unset bandwidth param, from a bounded sample of the points: the
   * stable-partition selector, or scikit-learn's estimate_bandwidth; logged with its candidates.
   */
  private BandwidthSelection chooseBandwidth(Points points, Kernel kernel) {
    DriverPoints sample = points.sample(getBandwidthSampleSize(), getSeed());
    BandwidthMethod method =
        NamedEnum.parse(BandwidthMethod.class, getBandwidthMethod(), "bandwidth method");
    BandwidthSelection chosen;
    if (method == BandwidthMethod.QUANTILE) {
      double h = BandwidthEstimator.estimate(sample.x, sample.w, getQuantile());
      chosen =
          new BandwidthSelection(
              "quantile",
              h,
              false,
              java.util.List.of(),
              String.format(
                  Locale.ROOT,
                  "scikit-learn's estimate_bandwidth, quantile %s, on a sample of %d points",
                  getQuantile(),
                  sample.x.length));
    } else {
      chosen =
          BandwidthSelector.select(sample.x, sample.w, kernel, getTol(), getMaxIter(), getSeed());
      for (BandwidthSelection.Candidate c : chosen.candidates()) {
        LOG.info(
            "bandwidth candidate h {}: {} clusters, BIC {}",
            fmt(c.h()),
            c.clusters(),
            Double.isNaN(c.score()) ? "-" : fmt(c.score()));
      }
    }
    LOG.info("bandwidth {} ({}: {})", fmt(chosen.bandwidth()), chosen.method(), chosen.reason());
    return chosen;
  }

  /**
   * The fit when the chosen bandwidth is 0 (most points coincide): like scikit-learn, the flat
   * kernel clusters the distinct positions (every one is its own mode; labels by nearest, that is,
   * equal, position); other kernels cannot shift with h = 0.
   */
  private MeanShiftModel zeroBandwidth(
      Points points,
      FeatureSpec spec,
      Kernel kernel,
      Algorithm algorithm,
      BandwidthSelection bandwidth,
      FitTimer timer,
      Dataset<?> dataset) {
    if (kernel != Kernel.FLAT || algorithm != Algorithm.STANDARD) {
      throw new BadInputException(
          "the chosen bandwidth is 0: "
              + bandwidth.reason()
              + "; the flat kernel of the standard algorithm clusters the distinct values then,"
              + " any other needs a bandwidth > 0: set one");
    }
    double[][] distinct = timer.time("seeding", points::distinctPositions);
    long[] counts = points.clusterSizes(distinct, Double.POSITIVE_INFINITY, Double.NaN);
    double[] support = new double[distinct.length];
    for (int i = 0; i < distinct.length; i++) {
      support[i] = counts[i];
    }
    double[][] centers = ModeMerger.merge(distinct, support, 0).centers();
    long[] sizes = timer.time("label", () -> points.clusterSizes(centers, 0, Double.NaN));
    Clusters clusters =
        new Clusters(
            centers,
            Clusters.identity(centers.length),
            Arrays.copyOf(sizes, centers.length),
            sizes[centers.length],
            distinct.length,
            java.util.List.of(),
            true);
    MeanShiftModel model =
        copyValues(new MeanShiftModel(uid, centers, clusters.modeCluster()), ParamMap.empty());
    model.setParent(this);
    EngineChoice choice = EngineChoice.none(points);
    model.setSummary(
        new MeanShiftSummary(
            getPredictionCol(),
            spec.names(),
            points.count(),
            bandwidth,
            algorithm.paramName(),
            kernel.paramName(),
            choice,
            clusters,
            timer.phases(),
            () -> model.transform(dataset)));
    LOG.info("{} distinct values, each a cluster (bandwidth 0)", centers.length);
    return model;
  }

  private MeanShiftModel newModel(Clusters clusters, double h) {
    MeanShiftModel model =
        copyValues(
            new MeanShiftModel(uid, clusters.modes(), clusters.modeCluster()), ParamMap.empty());
    model.set(model.bandwidth(), h);
    model.setParent(this);
    return model;
  }

  /** Where the seeds start, and whether they are every distinct point. */
  private record Seeds(double[][] positions, boolean everyPoint) {}

  /**
   * The seeds: given, or scikit-learn's bin seeding (every distinct point when binning merged
   * nothing, as its get_bin_seeds does), or every distinct point.
   */
  private Seeds seeds(Points points, double h) {
    double[][] given = getSeeds();
    if (given != null) {
      for (double[] s : given) {
        if (s.length != points.dim()) {
          throw new BadInputException(
              "a seed has " + s.length + " values but the data have " + points.dim() + " features");
        }
      }
      return new Seeds(given, false);
    }
    if (getBinSeeding()) {
      double[][] bins = points.binSeeds(h, getMinBinFreq());
      if (bins.length < points.count()) {
        return new Seeds(bins, false);
      }
    }
    return new Seeds(points.distinctPositions(), true);
  }

  private String seedingName() {
    if (getSeeds() != null) {
      return "given";
    }
    return getBinSeeding()
        ? "bin seeding, min bin weight " + getMinBinFreq()
        : "every distinct point";
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
}
