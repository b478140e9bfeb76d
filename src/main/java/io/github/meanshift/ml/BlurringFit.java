package io.github.meanshift.ml;

import io.github.meanshift.shift.BlurringMeanShift;
import io.github.meanshift.shift.HaloBlurring;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.LocalShiftEngine;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.ShiftEngine;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blurring algorithm of a fit, by one of three paths, logged and reported with the reason:
 *
 * <ul>
 *   <li>{@code driver}: the points are held by the driver; its cores run every pass, nothing is
 *       broadcast;
 *   <li>{@code broadcast}: the point set ({@code n·d·8} bytes) fits maxBroadcastBytes; the driver
 *       keeps the positions and broadcasts them to every pass over the partitioned points;
 *   <li>{@code halo}: it does not; the positions stay partitioned and every pass is a join on grid
 *       cells with a halo of neighbouring cells ({@link HaloBlurring}), until the collapsed points
 *       fit the budget and the driver finishes.
 * </ul>
 */
final class BlurringFit {
  private static final Logger LOG = LoggerFactory.getLogger(BlurringFit.class);

  private BlurringFit() {}

  /**
   * What a blurring fit found.
   *
   * @param clusters centres and sizes
   * @param predictions the training data with their labels (column {@code predictionCol})
   * @param route the path and why
   */
  record Outcome(Clusters clusters, Supplier<Dataset<Row>> predictions, Route route) {}

  /** Which path ran and why, for the log and the report. */
  record Route(String path, String reason) implements java.io.Serializable {}

  static Outcome run(
      MeanShiftParams params,
      Points points,
      FeatureSpec spec,
      Dataset<?> dataset,
      EngineChoice choice,
      Kernel kernel,
      double h,
      FitTimer timer) {
    long bytes = points.count() * points.dim() * 8L;
    long budget = params.getMaxBroadcastBytes();
    String size =
        String.format(
            Locale.ROOT,
            "%d points x %d features = %d bytes, %s maxBroadcastBytes = %d",
            points.count(),
            points.dim(),
            bytes,
            bytes <= budget ? "within" : "more than",
            budget);
    Route route;
    if (points.onDriver()) {
      route = new Route("driver", "the points are held by the driver (" + size + ")");
    } else if (bytes <= budget) {
      route = new Route("broadcast", size + ": the positions are broadcast to every pass");
    } else {
      route =
          new Route(
              "halo",
              size
                  + ": the positions stay partitioned, each pass joins grid cells with their"
                  + " neighbours' points");
    }
    LOG.info("blurring path {} ({})", route.path(), route.reason());
    if (route.path().equals("halo")) {
      return halo(
          params, (DistributedPoints) points, spec, dataset, choice, kernel, h, timer, route);
    }
    DriverPoints start = timer.time("collect", points::collect);
    BlurringMeanShift.Result run =
        timer.time(
            "shift",
            () ->
                BlurringMeanShift.run(
                    (pos, w) ->
                        points.engineAt(pos, w, choice, kernel, h, params.getMaxPairsPerTask()),
                    start.x,
                    start.w,
                    h,
                    params.getTol(),
                    params.getMaxIter(),
                    s -> LOG.info("{}", s)));
    logStop(run);
    if (run.distinct() < start.x.length) {
      route =
          new Route(
              route.path(),
              String.format(
                  Locale.ROOT,
                  "%s; the last pass moved %d distinct positions (points that met move as one)",
                  route.reason(),
                  run.distinct()));
      LOG.info("blurring: the last pass moved {} distinct positions", run.distinct());
    }
    long[] sizes = new long[run.centers().length];
    for (int l : run.labels()) {
      sizes[l]++;
    }
    String predictionCol = params.getPredictionCol();
    return new Outcome(
        clusters(run, sizes, start.x.length),
        () -> PositionLabels.broadcast(dataset, spec, start.x, run.labels(), predictionCol),
        route);
  }

  private static Outcome halo(
      MeanShiftParams params,
      DistributedPoints points,
      FeatureSpec spec,
      Dataset<?> dataset,
      EngineChoice choice,
      Kernel kernel,
      double h,
      FitTimer timer,
      Route route) {
    long localMax = params.getLocalMaxPoints();
    String[] names = points.featureNames();
    BiFunction<double[][], double[], ShiftEngine> engineOver =
        (pos, w) ->
            pos.length <= localMax
                ? new LocalShiftEngine(pos, w, PointStats.of(pos, w), names, kernel, h, choice.grid)
                : points.engineAt(pos, w, choice, kernel, h, params.getMaxPairsPerTask());
    HaloBlurring.Result run =
        timer.time(
            "shift",
            () ->
                HaloBlurring.run(
                    points.frame(dataset.sparkSession()),
                    points.dim(),
                    kernel,
                    h,
                    params.getTol(),
                    params.getMaxIter(),
                    params.getMaxBroadcastBytes(),
                    points::store,
                    engineOver,
                    s -> LOG.info("{}", s)));
    logStop(run.clusters());
    Route done =
        new Route(
            route.path(),
            String.format(
                Locale.ROOT,
                "%s; %d halo passes, then %d collapsed positions on the driver",
                route.reason(),
                run.haloPasses(),
                run.cells()));
    LOG.info(
        "blurring path {}: {} halo passes, then {} positions on the driver",
        done.path(),
        run.haloPasses(),
        run.cells());
    // The labels outlive the fit's checkpoint, which closes with the points: kept on local disk.
    Dataset<Row> labels = run.labels().persist(StorageLevel.DISK_ONLY());
    timer.time("label", labels::count);
    String predictionCol = params.getPredictionCol();
    return new Outcome(
        clusters(run.clusters(), run.sizes(), points.count()),
        () ->
            PositionLabels.distributed(
                dataset,
                spec,
                labels.withColumnRenamed(HaloBlurring.LABEL, predictionCol),
                predictionCol),
        done);
  }

  private static void logStop(BlurringMeanShift.Result run) {
    LOG.info(
        "blurring stopped ({}) after {} iterations: {} clusters",
        run.stop().name().toLowerCase(Locale.ROOT),
        run.iterations().size(),
        run.centers().length);
  }

  private static Clusters clusters(BlurringMeanShift.Result run, long[] sizes, long points) {
    return new Clusters(
        run.centers(),
        Clusters.identity(run.centers().length),
        sizes,
        0,
        (int) Math.min(Integer.MAX_VALUE, points),
        run.iterations(),
        run.stop() != BlurringMeanShift.Stop.MAX_ITER);
  }
}
