package io.github.meanshift.ml;

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
 * iterations with their largest shift and time, and the time of each phase. {@link #predictions()}
 * is the training data with the prediction column, computed lazily.
 */
public final class MeanShiftSummary implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final transient Supplier<Dataset<Row>> predictionsPlan;
  private transient Dataset<Row> predictions;
  private final String predictionCol;
  private final String[] featureNames;
  private final double[][] centers;
  private final long[] clusterSizes;
  private final long orphans;
  private final long numPoints;
  private final double bandwidth;
  private final boolean bandwidthEstimated;
  private final String algorithm;
  private final String kernel;
  private final String neighbors;
  private final String engine;
  private final long numSeeds;
  private final List<IterationStats> iterations;
  private final boolean converged;
  private final Map<String, Double> phaseSeconds;
  private final transient Map<String, Supplier<Dataset<?>>> hotPlans;

  MeanShiftSummary(Builder b) {
    this.predictionsPlan = b.predictions;
    this.predictionCol = b.predictionCol;
    this.featureNames = b.featureNames;
    this.centers = b.centers;
    this.clusterSizes = b.clusterSizes;
    this.orphans = b.orphans;
    this.numPoints = b.numPoints;
    this.bandwidth = b.bandwidth;
    this.bandwidthEstimated = b.bandwidthEstimated;
    this.algorithm = b.algorithm;
    this.kernel = b.kernel;
    this.neighbors = b.neighbors;
    this.engine = b.engine;
    this.numSeeds = b.numSeeds;
    this.iterations = List.copyOf(b.iterations);
    this.converged = b.converged;
    this.phaseSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(b.phaseSeconds));
    this.hotPlans = new LinkedHashMap<>(b.hotPlans);
  }

  /**
   * The training data with the prediction column (lazy). The plan itself is built on first call:
   * with many centres the nearest-centre expression is large and costs seconds to analyse, which a
   * fit whose caller never asks for the predictions should not pay.
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
    return MeanShiftModel.copyOf(centers);
  }

  public int numClusters() {
    return centers.length;
  }

  /** Number of training points in each cluster. */
  public long[] clusterSizes() {
    return clusterSizes.clone();
  }

  /** Training points labelled -1 (only with clusterAll false). */
  public long orphans() {
    return orphans;
  }

  public long numPoints() {
    return numPoints;
  }

  /** The bandwidth used: set by the user or estimated. */
  public double bandwidth() {
    return bandwidth;
  }

  public boolean bandwidthEstimated() {
    return bandwidthEstimated;
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

  /** Seeds the standard algorithm started from (points, for blurring). */
  public long numSeeds() {
    return numSeeds;
  }

  public List<IterationStats> iterations() {
    return iterations;
  }

  public int numIter() {
    return iterations.size();
  }

  /** Whether the run stopped by its convergence rule rather than at maxIter. */
  public boolean converged() {
    return converged;
  }

  /** Seconds per phase of the fit, in the order they ran. */
  public Map<String, Double> phaseSeconds() {
    return phaseSeconds;
  }

  /**
   * The Spark SQL plans of this fit's hot paths (an iteration, labelling, seeding, bandwidth
   * estimation), as the GPU would run them: for checking operator placement with the RAPIDS
   * Accelerator's ExplainPlan. Building a plan runs no iteration.
   */
  public Map<String, Dataset<?>> gpuPlans() {
    Map<String, Dataset<?>> out = new LinkedHashMap<>();
    hotPlans.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Seconds of the whole fit. */
  public double fitSeconds() {
    return phaseSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  static final class Builder {
    /** Builds the predictions plan on first use. */
    Supplier<Dataset<Row>> predictions;

    String predictionCol;
    String[] featureNames;
    double[][] centers;
    long[] clusterSizes;
    long orphans;
    long numPoints;
    double bandwidth;
    boolean bandwidthEstimated;
    String algorithm;
    String kernel;
    String neighbors;
    String engine;
    long numSeeds;
    List<IterationStats> iterations = List.of();
    boolean converged;
    Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    Map<String, Supplier<Dataset<?>>> hotPlans = new LinkedHashMap<>();

    MeanShiftSummary build() {
      return new MeanShiftSummary(this);
    }
  }
}
