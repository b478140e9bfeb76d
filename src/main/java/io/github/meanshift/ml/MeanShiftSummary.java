package io.github.meanshift.ml;

import io.github.meanshift.shift.BandwidthSelection;
import io.github.meanshift.shift.IterationStats;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a mean-shift fit found and how it ran: centres and cluster sizes, the bandwidth used, the
 * engine, the iterations with their largest shift and time, and the time of each phase. Immutable:
 * built once, at the end of the fit. {@link #predictions()} is the training data with the
 * prediction column, computed lazily.
 */
public final class MeanShiftSummary implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final transient Supplier<Dataset<Row>> predictionsPlan;
  private transient Dataset<Row> predictions;
  private final String predictionCol;
  private final String[] featureNames;
  private final long numPoints;
  private final BandwidthSelection bandwidth;
  private final String algorithm;
  private final String kernel;
  private final String neighbors;
  private final String engine;
  private final String engineReason;
  private final Route route;
  private final Clusters clusters;
  private final Map<String, Double> phaseSeconds;

  MeanShiftSummary(
      String predictionCol,
      String[] featureNames,
      long numPoints,
      BandwidthSelection bandwidth,
      String algorithm,
      String kernel,
      EngineChoice choice,
      Route route,
      Clusters clusters,
      Map<String, Double> phaseSeconds,
      Supplier<Dataset<Row>> predictions) {
    this.predictionCol = predictionCol;
    this.featureNames = featureNames.clone();
    this.numPoints = numPoints;
    this.bandwidth = bandwidth;
    this.algorithm = algorithm;
    this.kernel = kernel;
    this.neighbors = choice.grid ? "grid" : "exact";
    this.engine = choice.name();
    this.engineReason = choice.reason;
    this.route = route;
    this.clusters = clusters;
    this.phaseSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
    this.predictionsPlan = predictions;
  }

  /**
   * The training data with the prediction column (lazy). The plan itself is built on first call: a
   * fit whose caller never asks for the predictions should not pay for analysing it.
   */
  public synchronized Dataset<Row> predictions() {
    if (predictions == null && predictionsPlan != null) {
      predictions = predictionsPlan.get();
    }
    return predictions;
  }

  public String predictionCol() {
    return predictionCol;
  }

  public String[] featureNames() {
    return featureNames.clone();
  }

  /** Cluster centres; row k is the centre of cluster k. */
  public double[][] clusterCenters() {
    return MeanShiftModel.copyOf(clusters.centers());
  }

  public int numClusters() {
    return clusters.centers().length;
  }

  /** Modes found (more than the clusters when modes joined by a density ridge merged). */
  public int numModes() {
    return clusters.modes().length;
  }

  /** Number of training points in each cluster. */
  public long[] clusterSizes() {
    return clusters.sizes().clone();
  }

  /** Training points labelled -1 (only with clusterAll false). */
  public long orphans() {
    return clusters.orphans();
  }

  public long numPoints() {
    return numPoints;
  }

  /** The bandwidth used: set by the user or chosen. */
  public double bandwidth() {
    return bandwidth.bandwidth();
  }

  /** Whether the bandwidth was chosen from the data rather than set. */
  public boolean bandwidthEstimated() {
    return !bandwidth.method().equals("given");
  }

  /** How the bandwidth was chosen: method, candidates, reason. */
  public BandwidthSelection bandwidthSelection() {
    return bandwidth;
  }

  public String algorithm() {
    return algorithm;
  }

  public String kernel() {
    return kernel;
  }

  /** The neighbour search that ran (exact or grid), after resolving auto. */
  public String neighbors() {
    return neighbors;
  }

  /** The engine that ran the iterations, e.g. sql/exact. */
  public String engine() {
    return engine;
  }

  /** Why that engine and neighbour search ran. */
  public String engineReason() {
    return engineReason;
  }

  /**
   * How the run went: for the standard algorithm, the seeding (method, seeds, candidates, cap and
   * why); for blurring, the path (driver, broadcast or halo) and why.
   */
  public Route route() {
    return route;
  }

  /**
   * The seeding of a standard run or the path of a blurring run.
   *
   * @param seeding points, bins, sample, kmeans or given (null for blurring)
   * @param seeds seeds the run started from
   * @param seedCandidates seeds points or bins would have given (-1: not counted)
   * @param seedCap the cap on seeds (-1: none)
   * @param blurringPath driver, broadcast or halo (null for the standard algorithm)
   * @param reason why, one line
   */
  public record Route(
      String seeding,
      long seeds,
      long seedCandidates,
      long seedCap,
      String blurringPath,
      String reason)
      implements java.io.Serializable {
    static Route seeding(SeedPlan plan) {
      return new Route(
          plan.name(), plan.positions().length, plan.candidates(), plan.cap(), null, plan.reason());
    }

    static Route blurring(String path, String reason) {
      return new Route(null, -1, -1, -1, path, reason);
    }
  }

  /** Seeds the standard algorithm started from (points, for blurring). */
  public long numSeeds() {
    return clusters.numSeeds();
  }

  public List<IterationStats> iterations() {
    return clusters.iterations();
  }

  public int numIter() {
    return clusters.iterations().size();
  }

  /** Whether the run stopped by its convergence rule rather than at maxIter. */
  public boolean converged() {
    return clusters.converged();
  }

  /** Seconds per phase of the fit, in the order they ran. */
  public Map<String, Double> phaseSeconds() {
    return phaseSeconds;
  }

  /** Seconds of the whole fit. */
  public double fitSeconds() {
    return phaseSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
