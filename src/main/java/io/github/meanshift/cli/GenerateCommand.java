package io.github.meanshift.cli;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.data.SyntheticData;
import io.github.meanshift.io.OutputDir;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code generate}: writes a synthetic data set with known clusters (columns id, x0…, truth) as one
 * CSV file or a Parquet directory. The defaults make the seed notebook's data: 6 blobs of 250
 * points in 2-D, centres uniform in [-35, 35]², variance 5.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write a synthetic data set with known clusters (id, x0..., truth).")
final class GenerateCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

  @Option(
      names = "--dataset",
      paramLabel = "blobs|moons|ring",
      defaultValue = "blobs",
      description = "Shape (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--clusters",
      defaultValue = "6",
      description = "Blobs (default: ${DEFAULT-VALUE}).")
  int clusters;

  @Option(
      names = "--points-per-cluster",
      paramLabel = "N",
      defaultValue = "250",
      description = "Points per cluster (default: ${DEFAULT-VALUE}).")
  long perCluster;

  @Option(
      names = "--dim",
      defaultValue = "2",
      description = "Dimension of blobs (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(
      names = "--box",
      paramLabel = "B",
      defaultValue = "35",
      description = "Blob centres uniform in [-box, box]^dim (default: ${DEFAULT-VALUE}).")
  double box;

  @Option(
      names = "--noise",
      paramLabel = "STD",
      description =
          "Noise standard deviation (default: sqrt(5) for blobs, 0.08 for moons, 0.4 for ring).")
  Double noise;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE",
      description = "NAME.csv (one CSV file) or NAME.parquet (a Parquet directory).")
  String output;

  @Option(
      names = "--overwrite",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description = "Replace --output if it exists.")
  boolean overwrite;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    SyntheticData.Kind kind;
    SyntheticData data;
    try {
      kind = SyntheticData.Kind.parse(dataset);
      double sd = noise != null ? noise : defaultNoise(kind);
      data = new SyntheticData(kind, clusters, perCluster, dim, box, sd, seed);
    } catch (BadInputException e) {
      throw new UsageException(e.getMessage());
    }
    String lower = output.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    boolean csv = lower.endsWith(".csv");
    if (!csv && !lower.endsWith(".parquet")) {
      throw new UsageException("--output must end in .csv or .parquet, got " + output);
    }
    try (Sessions.Handle session = Sessions.start("generate", sparkOptions);
        OutputDir dir =
            OutputDir.create(
                output, overwrite, session.spark.sparkContext().hadoopConfiguration())) {
      Dataset<Row> frame = frame(session.spark, data);
      int files = data.size() <= 2_000_000 ? 1 : session.spark.sparkContext().defaultParallelism();
      if (csv) {
        Path tmp = new Path(dir.work(), "csv");
        frame.coalesce(1).write().option("header", "true").csv(tmp.toString());
        moveSinglePart(dir.fileSystem(), tmp, dir.result());
        dir.commit();
      } else {
        frame.repartition(files).write().mode("overwrite").parquet(dir.result().toString());
        dir.commit();
      }
      LOG.info(
          "wrote {} points ({} {}) to {}",
          data.size(),
          kind.name().toLowerCase(Locale.ROOT),
          data.dim() + "-D",
          dir.target());
      return 0;
    }
  }

  static double defaultNoise(SyntheticData.Kind kind) {
    switch (kind) {
      case BLOBS:
        return Math.sqrt(5);
      case MOONS:
        return 0.08;
      default:
        return 0.4;
    }
  }

  static Dataset<Row> frame(SparkSession spark, SyntheticData data) {
    StructType schema = new StructType().add("id", DataTypes.LongType, false);
    for (int j = 0; j < data.dim(); j++) {
      schema = schema.add("x" + j, DataTypes.DoubleType, false);
    }
    schema = schema.add("truth", DataTypes.IntegerType, false);
    int d = data.dim();
    return spark.createDataFrame(
        spark
            .range(data.size())
            .javaRDD()
            .map(
                id -> {
                  double[] p = data.point(id);
                  Object[] v = new Object[d + 2];
                  v[0] = id;
                  for (int j = 0; j < d; j++) {
                    v[j + 1] = p[j];
                  }
                  v[d + 1] = data.truth(id);
                  return RowFactory.create(v);
                }),
        schema);
  }

  /** Moves the one part file Spark wrote under {@code from} to the file {@code to}. */
  private static void moveSinglePart(FileSystem fs, Path from, Path to) throws java.io.IOException {
    List<Path> parts = new ArrayList<>();
    for (FileStatus s : fs.listStatus(from)) {
      if (s.getPath().getName().startsWith("part-")) {
        parts.add(s.getPath());
      }
    }
    if (parts.size() != 1) {
      throw new IllegalStateException("expected one CSV part file in " + from + ", found " + parts);
    }
    fs.delete(to, true);
    if (!fs.rename(parts.get(0), to)) {
      throw new java.io.IOException("could not move " + parts.get(0) + " to " + to);
    }
  }
}
