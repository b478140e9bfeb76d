package io.github.meanshift.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where and how Spark runs; shared by every command that starts Spark. */
public final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master; default local[*] (embedded). Anything else goes through spark-submit.")
  String master;

  @Option(
      names = "--gpu",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description = "Run with the RAPIDS Accelerator and conf/gpu.conf.")
  boolean gpu;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "Any Spark setting; repeatable.")
  List<String> conf = new ArrayList<>();

  @Option(
      names = "--dry-run",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description = "Print the command submit.sh would run, and run nothing.")
  boolean dryRun;

  /** The --conf pairs, checked. */
  List<String[]> confPairs() {
    List<String[]> out = new ArrayList<>();
    for (String c : conf) {
      int eq = c.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--conf expects KEY=VALUE, got '" + c + "'");
      }
      out.add(new String[] {c.substring(0, eq).trim(), c.substring(eq + 1).trim()});
    }
    return out;
  }
}
