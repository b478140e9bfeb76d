package io.github.meanshift.ml;

import io.github.meanshift.common.NamedEnum;
import io.github.meanshift.shift.BandwidthEstimator;
import io.github.meanshift.shift.BandwidthMethod;
import io.github.meanshift.shift.BandwidthSelection;
import io.github.meanshift.shift.BandwidthSelector;
import io.github.meanshift.shift.Kernel;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bandwidth of a fit whose bandwidth param is unset, from a bounded sample of the points: the
 * stable-partition selector ({@link BandwidthSelector}) or scikit-learn's estimate_bandwidth,
 * logged with its candidates. It runs on the driver: the sample is at most bandwidthSampleSize
 * points, whatever the input's size.
 */
final class Bandwidths {
  private static final Logger LOG = LoggerFactory.getLogger(Bandwidths.class);

  private Bandwidths() {}

  static BandwidthSelection choose(MeanShiftParams params, Points points, Kernel kernel) {
    DriverPoints sample = points.sample(params.getBandwidthSampleSize(), params.getSeed());
    BandwidthMethod method =
        NamedEnum.parse(BandwidthMethod.class, params.getBandwidthMethod(), "bandwidth method");
    BandwidthSelection chosen;
    if (method == BandwidthMethod.QUANTILE) {
      double h = BandwidthEstimator.estimate(sample.x, sample.w, params.getQuantile());
      chosen =
          new BandwidthSelection(
              "quantile",
              h,
              false,
              List.of(),
              String.format(
                  Locale.ROOT,
                  "scikit-learn's estimate_bandwidth, quantile %s, on a sample of %d points",
                  params.getQuantile(),
                  sample.x.length));
    } else {
      chosen =
          BandwidthSelector.select(
              sample.x, sample.w, kernel, params.getTol(), params.getMaxIter(), params.getSeed());
      for (BandwidthSelection.Candidate c : chosen.candidates()) {
        LOG.info(
            "bandwidth candidate h {}: {} clusters, BIC {}",
            MeanShift.fmt(c.h()),
            c.clusters(),
            Double.isNaN(c.score()) ? "-" : MeanShift.fmt(c.score()));
      }
    }
    LOG.info(
        "bandwidth {} ({}: {})",
        MeanShift.fmt(chosen.bandwidth()),
        chosen.method(),
        chosen.reason());
    return chosen;
  }
}
