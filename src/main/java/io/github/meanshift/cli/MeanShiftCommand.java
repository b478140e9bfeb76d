package io.github.meanshift.cli;

import io.github.meanshift.io.InputData;
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
  Fitted fit(SparkSession spark, InputData data, String workDir) {
    return meanShift.fit(spark, data, workDir);
  }
}
