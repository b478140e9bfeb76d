package io.github.meanshift.cli;

import io.github.meanshift.io.InputData;
import java.util.List;
import picocli.CommandLine.Option;

/** What to read and which columns play which part. */
public final class InputOptions {
  @Option(
      names = "--input",
      required = true,
      paramLabel = "PATH",
      description = "CSV with a header row, or Parquet (by extension, or --input-format).")
  String input;

  @Option(
      names = "--input-format",
      paramLabel = "csv|parquet",
      description = "Format of --input when its name does not tell.")
  String inputFormat;

  @Option(
      names = "--features",
      split = ",",
      paramLabel = "COL[,COL...]",
      description = "Feature columns; default: every numeric column but the id, label and weight.")
  List<String> features;

  @Option(
      names = "--id-col",
      paramLabel = "NAME",
      description = "Id carried to the labels; default 'id' if present, else a row index.")
  String idCol;

  @Option(
      names = "--label-col",
      paramLabel = "NAME",
      description = "Optional ground truth: the report adds ARI and NMI.")
  String labelCol;

  InputData.Spec spec(String weightCol) {
    InputData.Spec s = new InputData.Spec();
    s.path = input;
    s.format = inputFormat;
    s.features = features;
    s.idCol = idCol;
    s.labelCol = labelCol;
    s.weightCol = weightCol;
    return s;
  }
}
