package io.github.meanshift.cli;

import io.github.meanshift.common.Clustering;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.report.BandwidthPlot;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code meanshift}: cluster the input with mean shift. */
@Command(
    name = "meanshift",
    mixinStandardHelpOptions = true,
    description = "Cluster the input with mean shift (standard or blurring).")
final class MeanShiftCommand extends ClusteringCommand {
  @Mixin MeanShiftOptions meanShift;

  @Override
  String commandName() {
    return "meanshift";
  }

  @Override
  void validateOptions() {
    meanShift.validate();
  }

  @Override
  Clustering fit(SparkSession spark, InputData data, String workDir) {
    return meanShift.fit(spark, data, workDir);
  }

  /** bandwidth.png, when the bandwidth was selected. */
  @Override
  void writeMorePictures(OutputDir dir, Clustering c) throws java.io.IOException {
    BandwidthPlot.writeIfScanned(dir, (MeanShiftModel) c.model());
  }
}
