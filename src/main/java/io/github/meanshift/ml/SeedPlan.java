package io.github.meanshift.ml;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Columns;
import io.github.meanshift.common.NamedEnum;
import io.github.meanshift.shift.SeedMethod;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where a standard fit's seeds start, and why: given, every distinct point, bins, a weighted sample
 * or k-means|| centres. An iteration costs about n · reach · d products per seed still moving, so
 * with automatic seeding the number of seeds is capped at {@code seedCostBudget / (n · reach · d)}
 * (at least {@link #MIN_CAP}): points or bins beyond the cap are replaced by a weighted sample of
 * the cap's size, whose modes merge as the exhaustive run's would. Sixteen features and 100,000
 * points give 2,500 seeds at the default budget; 2-D data on the grid reach a small share of the
 * points, so every point stays a seed there.
 *
 * @param positions where the seeds start
 * @param method the seeding that ran (auto only for given seeds)
 * @param everyPoint whether the seeds are every distinct point (their basins are exact)
 * @param candidates how many seeds points or bins would have given (-1 when not counted)
 * @param cap the seed cap in force (-1 for none)
 * @param reason one line for the log and the report
 */
record SeedPlan(
    double[][] positions,
    SeedMethod method,
    boolean everyPoint,
    long candidates,
    long cap,
    String reason) {

  /** Least seed cap the budget may set: every cluster of more than n/256 points gets seeds. */
  static final int MIN_CAP = 256;

  /** Lloyd iterations of k-means seeding: the centres need to cover the data, not converge. */
  static final int KMEANS_ITERATIONS = 10;

  /** The seeding's name in logs and reports: given, points, bins, sample or kmeans. */
  String name() {
    return method == SeedMethod.AUTO ? "given" : method.paramName();
  }

  /** The seeds of a fit with {@code params} on {@code points} at bandwidth {@code h}. */
  static SeedPlan choose(
      MeanShiftParams params, Points points, double h, EngineChoice choice, SparkSession spark) {
    SeedMethod method = NamedEnum.parse(SeedMethod.class, params.getSeeding(), "seeding");
    double[][] given = params.getSeeds();
    if (given != null) {
      return given(given, points.dim(), method);
    }
    if (params.getBinSeeding() && method != SeedMethod.AUTO && method != SeedMethod.BINS) {
      throw new BadInputException(
          "binSeeding (--bin-seeding) asks for bin seeding but seeding is '"
              + method
              + "': drop one of them");
    }
    Integer maxSeeds = params.getMaxSeeds();
    long budgetCap = budgetCap(params.getSeedCostBudget(), points, choice);
    String budget =
        String.format(
            Locale.ROOT,
            "seed cost budget %.3g / (%d points x %.3g%% in reach x %d features)",
            (double) params.getSeedCostBudget(),
            points.count(),
            100 * choice.reach,
            points.dim());
    long cap = maxSeeds != null ? maxSeeds : method == SeedMethod.AUTO ? budgetCap : -1;
    String capWhy = maxSeeds != null ? "maxSeeds" : budget;
    switch (method) {
      case SAMPLE, KMEANS -> {
        int m = (int) Math.min(maxSeeds != null ? maxSeeds : budgetCap, Integer.MAX_VALUE - 8);
        String why = maxSeeds != null ? "maxSeeds" : "the cap from the " + budget;
        return method == SeedMethod.SAMPLE
            ? sample(points, m, params.getSeed(), -1, m, "as asked, " + m + " seeds (" + why + ")")
            : kmeans(points, m, params, spark, why);
      }
      case BINS -> {
        return bins(points, h, params, cap, capWhy);
      }
      case POINTS -> {
        return everyPoint(points, params, cap, capWhy);
      }
      default -> {
        return params.getBinSeeding()
            ? bins(points, h, params, cap, capWhy)
            : everyPoint(points, params, cap, capWhy);
      }
    }
  }

  /** {@code seedCostBudget / (n · reach · d)}, at least {@link #MIN_CAP}. */
  static long budgetCap(long budget, Points points, EngineChoice choice) {
    double perSeed = Math.max(1.0, points.count() * choice.reach * points.dim());
    return Math.max(MIN_CAP, (long) Math.min(Integer.MAX_VALUE - 8, budget / perSeed));
  }

  private static SeedPlan given(double[][] given, int dim, SeedMethod method) {
    if (method != SeedMethod.AUTO) {
      throw new BadInputException(
          "explicit seeds (--seeds) and seeding '"
              + method
              + "' both say where seeds start: drop one");
    }
    for (double[] s : given) {
      if (s.length != dim) {
        throw new BadInputException(
            "a seed has " + s.length + " values but the data have " + dim + " features");
      }
    }
    return new SeedPlan(given, SeedMethod.AUTO, false, -1, -1, given.length + " given seeds");
  }

  private static SeedPlan everyPoint(
      Points points, MeanShiftParams params, long cap, String capWhy) {
    Points.Candidates all = points.distinctPositions(cap < 0 ? Long.MAX_VALUE : cap);
    if (all.positions() != null) {
      return new SeedPlan(
          all.positions(),
          SeedMethod.POINTS,
          true,
          all.count(),
          cap,
          "every distinct point: " + all.count() + " seeds" + (cap < 0 ? "" : ", cap " + cap));
    }
    return capped(points, params, all.count(), "distinct points", cap, capWhy);
  }

  /**
   * scikit-learn's bin seeding; when binning merges nothing, every distinct point (as its
   * get_bin_seeds does).
   */
  private static SeedPlan bins(
      Points points, double h, MeanShiftParams params, long cap, String capWhy) {
    Points.Candidates bins =
        points.binSeeds(h, params.getMinBinFreq(), cap < 0 ? Long.MAX_VALUE : cap);
    if (bins.positions() == null) {
      return capped(points, params, bins.count(), "bins", cap, capWhy);
    }
    if (bins.count() >= points.count()) {
      return everyPoint(points, params, cap, capWhy);
    }
    return new SeedPlan(
        bins.positions(),
        SeedMethod.BINS,
        false,
        bins.count(),
        cap,
        String.format(
            Locale.ROOT,
            "bin seeding: %d bins of side %s with weight >= %s%s",
            bins.count(),
            MeanShift.fmt(h),
            params.getMinBinFreq(),
            cap < 0 ? "" : ", cap " + cap));
  }

  /** {@code count} candidates are more than {@code cap}: a weighted sample of {@code cap}. */
  private static SeedPlan capped(
      Points points, MeanShiftParams params, long count, String what, long cap, String capWhy) {
    int m = (int) Math.min(cap, Integer.MAX_VALUE - 8);
    return sample(
        points,
        m,
        params.getSeed(),
        count,
        cap,
        String.format(
            Locale.ROOT,
            "a weighted sample of %d points: %d %s would be more seeds than the cap %d (%s)",
            m,
            count,
            what,
            cap,
            capWhy));
  }

  private static SeedPlan sample(
      Points points, int m, long seed, long candidates, long cap, String reason) {
    double[][] drawn = points.weightedSample(m, seed);
    return new SeedPlan(drawn, SeedMethod.SAMPLE, false, candidates, cap, reason);
  }

  /** MLlib's KMeans (k-means|| start) with k = m, a few iterations, weighted like the points. */
  private static SeedPlan kmeans(
      Points points, int m, MeanShiftParams params, SparkSession spark, String why) {
    int k = (int) Math.min(m, points.count());
    String[] features = Columns.featureNames(points.dim());
    String vector = "_ms_vec";
    Dataset<Row> frame =
        new VectorAssembler()
            .setInputCols(features)
            .setOutputCol(vector)
            .transform(points.frame(spark));
    double[][] centres;
    if (k < 2) {
      centres = points.weightedSample(1, params.getSeed());
    } else {
      KMeansModel model =
          new KMeans()
              .setK(k)
              .setMaxIter(KMEANS_ITERATIONS)
              .setSeed(params.getSeed())
              .setFeaturesCol(vector)
              .setWeightCol(Columns.WEIGHT)
              .fit(frame);
      centres = Arrays.stream(model.clusterCenters()).map(Vector::toArray).toArray(double[][]::new);
    }
    return new SeedPlan(
        centres,
        SeedMethod.KMEANS,
        false,
        -1,
        m,
        String.format(
            Locale.ROOT,
            "as asked, %d k-means|| centres (k %d: %s; %d Lloyd iterations)",
            centres.length,
            k,
            why,
            KMEANS_ITERATIONS));
  }
}
