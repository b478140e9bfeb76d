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
      names = "--explain-gpu",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description =
          "Write gpu-plan.txt: where the RAPIDS Accelerator would run each hot path (no GPU needed).")
  boolean explainGpu;

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

  /** Whether the RAPIDS jar is needed on the classpath. */
  boolean needsRapidsJar() {
    return gpu || explainGpu;
  }

  /**
   * conf/gpu.conf's settings for this run: all of them with --gpu; with --explain-gpu alone, only
   * the SQL settings (no plugin, no GPU resources), so that plans are judged as a GPU run would
   * build them.
   */
  java.util.Map<String, String> gpuConf(java.nio.file.Path gpuConfFile) {
    java.util.Map<String, String> all = io.github.meanshift.io.SparkProperties.read(gpuConfFile);
    if (gpu) {
      return all;
    }
    java.util.Map<String, String> sql = new java.util.LinkedHashMap<>();
    if (explainGpu) {
      all.forEach(
          (k, v) -> {
            if (!k.equals("spark.plugins") && !k.contains(".resource.")) {
              sql.put(k, v);
            }
          });
    }
    return sql;
  }

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
