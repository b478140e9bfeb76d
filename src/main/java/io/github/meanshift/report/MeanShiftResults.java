package io.github.meanshift.report;

import io.github.meanshift.common.Clustering;
import io.github.meanshift.ml.GpuPlans;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.ml.MeanShiftSummary;
import io.github.meanshift.shift.BandwidthSelection;
import io.github.meanshift.shift.IterationStats;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;

/**
 * A mean-shift fit as a {@link Clustering}, and the one parameters schema every command that runs
 * mean shift reports (meanshift, compare, segment).
 */
public final class MeanShiftResults {
  private MeanShiftResults() {}

  /**
   * The clustering of a fitted model (with its summary) on {@code input}.
   *
   * @param seedsSource where explicit seeds came from (a path), or null
   */
  public static Clustering of(MeanShiftModel model, Dataset<?> input, String seedsSource) {
    MeanShiftSummary s = model.summary();
    return new Clustering(
        "meanshift",
        s.predictionCol(),
        s.predictions(),
        s.clusterCenters(),
        s.clusterSizes(),
        s.orphans(),
        s.numIter(),
        s.converged(),
        s.fitSeconds(),
        parameters(model, seedsSource),
        iterations(s.iterations()),
        s.phaseSeconds(),
        Clustering.ordered(
            "bandwidth_selection", bandwidthSelection(s.bandwidthSelection()),
            "route", route(s)),
        model,
        work -> GpuPlans.meanShift(model, input, work),
        null);
  }

  /** report.json's parameters of a mean-shift fit: the values as used, choices resolved. */
  public static Map<String, Object> parameters(MeanShiftModel model, String seedsSource) {
    MeanShiftSummary s = model.summary();
    return Clustering.ordered(
        "bandwidth", s.bandwidth(),
        "bandwidth_estimated", s.bandwidthEstimated(),
        "bandwidth_method", s.bandwidthSelection().method(),
        "quantile", model.getQuantile(),
        "kernel", s.kernel(),
        "algorithm", s.algorithm(),
        "neighbors", s.neighbors(),
        "engine", s.engine(),
        "seeding", s.route().seeding() == null ? model.getSeeding() : s.route().seeding(),
        "max_seeds", model.getMaxSeeds(),
        "seed_cost_budget", model.getSeedCostBudget(),
        "max_broadcast_bytes", model.getMaxBroadcastBytes(),
        "bin_seeding", model.getBinSeeding(),
        "min_bin_freq", model.getMinBinFreq(),
        "seeds", seedsSource,
        "n_seeds", s.numSeeds(),
        "cluster_all", model.getClusterAll(),
        "assign", model.getAssign(),
        "mode_merge", model.getModeMerge(),
        "n_modes", s.numModes(),
        "max_iter", model.getMaxIter(),
        "tol", model.getTol(),
        "local_max_points", model.getLocalMaxPoints());
  }

  /**
   * report.json's route: the engine and why; for the standard algorithm the seeding (method, seeds,
   * how many points or bins would have seeded, the cap) and why; for blurring the path and why.
   */
  public static Map<String, Object> route(MeanShiftSummary s) {
    MeanShiftSummary.Route r = s.route();
    Map<String, Object> m =
        Clustering.ordered("engine", s.engine(), "engine_reason", s.engineReason());
    if (r.seeding() != null) {
      m.putAll(
          Clustering.ordered(
              "seeding", r.seeding(),
              "n_seeds", r.seeds(),
              "seed_candidates", r.seedCandidates() < 0 ? null : r.seedCandidates(),
              "seed_cap", r.seedCap() < 0 ? null : r.seedCap(),
              "seeding_reason", r.reason()));
    } else {
      m.putAll(
          Clustering.ordered("blurring_path", r.blurringPath(), "blurring_reason", r.reason()));
    }
    return m;
  }

  /**
   * report.json's bandwidth_selection: method, chosen, reason, and each candidate h with its
   * clusters and score (null where not scored).
   */
  public static Map<String, Object> bandwidthSelection(BandwidthSelection b) {
    return Clustering.ordered(
        "method", b.method(),
        "chosen", b.bandwidth(),
        "merge", b.merge(),
        "reason", b.reason(),
        "candidates",
            b.candidates().stream()
                .map(
                    c ->
                        Clustering.ordered(
                            "track", c.track(),
                            "h", c.h(),
                            "n_clusters", c.clusters(),
                            "score", Double.isNaN(c.score()) ? null : c.score()))
                .toList());
  }

  /** One entry per iteration: active seeds, largest shift, still moving, seconds. */
  public static List<Map<String, Object>> iterations(List<IterationStats> its) {
    return its.stream()
        .map(
            it ->
                Clustering.ordered(
                    "iteration", it.iteration(),
                    "active", it.active(),
                    "max_shift", it.maxShift(),
                    "still_moving", it.stillMoving(),
                    "seconds", it.seconds()))
        .toList();
  }
}
