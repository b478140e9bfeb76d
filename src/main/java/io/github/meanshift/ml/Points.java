package io.github.meanshift.ml;

import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.ShiftEngine;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The points a fit works on: held by the driver ({@link DriverPoints}, small data, no Spark job per
 * iteration) or partitioned across the executors ({@link DistributedPoints}, checkpointed once).
 * Every step of a fit that touches the data goes through this interface, so {@link MeanShift#fit}
 * reads the same for both: statistics, a sample for the bandwidth and the neighbour search, seeds,
 * the engine of the passes, cluster sizes. Closing releases what the points hold.
 */
interface Points extends AutoCloseable {
  /**
   * The points of {@code dataset} for a fit with {@code params}: on the driver when the JVM engine
   * runs and there are at most localMaxPoints of them (one job reads at most one row more),
   * otherwise checkpointed where every executor reads them.
   */
  static Points open(MeanShiftParams params, Dataset<?> dataset, FeatureSpec spec, boolean jvm) {
    Dataset<Row> hot = spec.hotFrame(dataset, params.getWeightCol());
    long max = params.getLocalMaxPoints();
    if (jvm && max > 0) {
      List<Row> rows = hot.limit((int) Math.min(Integer.MAX_VALUE - 1, max + 1)).collectAsList();
      if (rows.size() <= max) {
        return DriverPoints.of(rows, spec.names(), params.getWeightCol());
      }
    }
    WorkDir work = WorkDir.open(dataset.sparkSession(), params.getCheckpointDir());
    try {
      return DistributedPoints.checkpoint(hot, spec.names(), params.getWeightCol(), work);
    } catch (RuntimeException e) {
      work.close();
      throw e;
    }
  }

  /** Count, total weight and range of the points (checked when they were read). */
  PointStats stats();

  default long count() {
    return stats().count();
  }

  /** The user's names of the features, in order. */
  String[] featureNames();

  default int dim() {
    return featureNames().length;
  }

  /** Whether the points are held by the driver. */
  boolean onDriver();

  /** A uniform sample of at most {@code size} points, on the driver (all, if no more). */
  DriverPoints sample(int size, long seed);

  /** Every point, on the driver (blurring moves them there). */
  DriverPoints collect();

  /**
   * Seed positions of a kind, or only their number when there are more than the caller's limit
   * (then {@code positions} is null and nothing large reached the driver).
   */
  record Candidates(long count, double[][] positions) {
    static Candidates of(double[][] positions, long limit) {
      return new Candidates(positions.length, positions.length <= limit ? positions : null);
    }
  }

  /** Every distinct position, once, if there are at most {@code limit}. */
  Candidates distinctPositions(long limit);

  /**
   * The bins of scikit-learn's bin seeding, if at most {@code limit}: points binned on a grid of
   * side {@code binSize} (each coordinate rounded half-to-even), a seed at the grid position of
   * each bin whose weight is at least {@code minBinFreq}.
   */
  Candidates binSeeds(double binSize, double minBinFreq, long limit);

  /**
   * At most {@code size} positions drawn without replacement with probability proportional to the
   * points' weights (Efraimidis and Spirakis: the smallest keys -ln(u)/w), zero weights never.
   */
  double[][] weightedSample(int size, long seed);

  /** The points as a frame of internal columns (id, features, weight), for MLlib. */
  Dataset<Row> frame(SparkSession spark);

  /** The engine of the passes over these points. */
  ShiftEngine engine(EngineChoice choice, Kernel kernel, double bandwidth, long maxPairsPerTask);

  /**
   * An engine of the same kind over other positions of these points (blurring mean shift builds one
   * per iteration).
   */
  ShiftEngine engineAt(
      double[][] positions,
      double[] weights,
      EngineChoice choice,
      Kernel kernel,
      double bandwidth,
      long maxPairsPerTask);

  /**
   * Points nearest to each centre (the first on ties), and as a last element the points farther
   * than {@code maxDistance} from every centre.
   *
   * @param cellSide side of the cells a nearest-centre search looks in first (see {@link
   *     io.github.meanshift.common.NearestCentres}); NaN for none
   */
  long[] clusterSizes(double[][] centers, double maxDistance, double cellSide);

  /** Releases checkpoints and caches. */
  @Override
  void close();
}
