package io.github.meanshift.cli;

import io.github.meanshift.io.OutputDir;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Where results go. */
public final class OutputOptions {
  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description =
          "Result directory; must not exist unless --overwrite. Appears only when complete.")
  String output;

  @Option(
      names = "--output-format",
      paramLabel = "parquet|csv",
      defaultValue = "parquet",
      description = "Format of the labels table (default: ${DEFAULT-VALUE}).")
  String outputFormat;

  @Option(
      names = "--overwrite",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description = "Replace --output if it exists.")
  boolean overwrite;

  /** The staged result directory for --output (see {@link OutputDir#create}). */
  OutputDir open(SparkSession spark) {
    return OutputDir.create(output, overwrite, spark.sparkContext().hadoopConfiguration());
  }

  String format() {
    String f = outputFormat.toLowerCase(Locale.ROOT);
    if (!f.equals("parquet") && !f.equals("csv")) {
      throw new UsageException(
          "--output-format must be parquet or csv, got '" + outputFormat + "'");
    }
    return f;
  }
}
