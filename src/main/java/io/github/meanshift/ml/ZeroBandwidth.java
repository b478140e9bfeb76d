package io.github.meanshift.ml;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.shift.Algorithm;
import io.github.meanshift.shift.BandwidthSelection;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.ModeMerger;
import io.github.meanshift.shift.SeedMethod;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fit when the chosen bandwidth is 0 (most points coincide): like scikit-learn, the flat kernel
 * clusters the distinct positions (every one is its own mode; labels by nearest, that is, equal,
 * position); other kernels cannot shift with h = 0.
 */
final class ZeroBandwidth {
  private static final Logger LOG = LoggerFactory.getLogger(ZeroBandwidth.class);

  private ZeroBandwidth() {}

  static MeanShiftModel fit(
      MeanShiftParams params,
      Points points,
      FeatureSpec spec,
      Kernel kernel,
      Algorithm algorithm,
      BandwidthSelection bandwidth,
      FitTimer timer,
      Dataset<?> dataset,
      BiFunction<Clusters, Double, MeanShiftModel> newModel) {
    if (kernel != Kernel.FLAT || algorithm != Algorithm.STANDARD) {
      throw new BadInputException(
          "the chosen bandwidth is 0: "
              + bandwidth.reason()
              + "; the flat kernel of the standard algorithm clusters the distinct values then,"
              + " any other needs a bandwidth > 0: set one");
    }
    double[][] distinct =
        timer.time("seeding", () -> points.distinctPositions(Long.MAX_VALUE).positions());
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
            List.of(),
            true);
    MeanShiftModel model = newModel.apply(clusters, 0.0);
    EngineChoice choice = EngineChoice.none(points);
    model.setSummary(
        new MeanShiftSummary(
            params.getPredictionCol(),
            spec.names(),
            points.count(),
            bandwidth,
            algorithm.paramName(),
            kernel.paramName(),
            choice,
            MeanShiftSummary.Route.seeding(
                new SeedPlan(
                    distinct,
                    SeedMethod.POINTS,
                    true,
                    distinct.length,
                    -1,
                    "bandwidth 0: every distinct value is a mode")),
            clusters,
            timer.phases(),
            () -> model.transform(dataset)));
    LOG.info("{} distinct values, each a cluster (bandwidth 0)", centers.length);
    return model;
  }
}
