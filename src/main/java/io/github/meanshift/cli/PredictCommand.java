package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Columns;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.report.Reports;
import io.github.meanshift.report.ResultFiles;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code predict}: assigns the points of {@code --input} to the clusters of a saved model and
 * writes labels/ and report.json. The input must have the model's feature columns (or name its own
 * with --features, in the model's order).
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Assign new points to the clusters of a model saved with --save-model.")
final class PredictCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "A saved model.")
  String model;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String format = output.format();
    try (Sessions.Handle session = Sessions.start("predict", sparkOptions);
        OutputDir dir = output.open(session.spark)) {
      SparkSession spark = session.spark;
      SavedModel saved = SavedModel.load(model, spark.sparkContext().hadoopConfiguration());
      InputData.Spec spec = input.spec(null);
      if (spec.features == null) {
        spec.features = List.of(saved.features);
      } else if (spec.features.size() != saved.features.length) {
        throw new UsageException(
            "--features lists "
                + spec.features.size()
                + " columns but the model was fitted on "
                + saved.features.length
                + " ("
                + String.join(", ", saved.features)
                + ")");
      }
      InputData data;
      try {
        data = InputData.read(spark, spec);
      } catch (BadInputException e) {
        throw new UsageException(
            e.getMessage() + "; the model's features are " + String.join(", ", saved.features), e);
      }
      Column[] features =
          Arrays.stream(data.features())
              .map(c -> Columns.named(c).cast("double"))
              .toArray(Column[]::new);
      long predictStart = System.nanoTime();
      Dataset<Row> labels =
          saved
              .assign(data.frame(), features, "prediction")
              .select(Columns.named(data.idCol()), Columns.named("prediction"));
      ResultFiles.writeLabels(dir, labels, data.idCol(), "prediction", format);
      Dataset<Row> written =
          format.equals("csv")
              ? spark
                  .read()
                  .option("header", "true")
                  .option("inferSchema", "true")
                  .csv(dir.result("labels").toString())
              : spark.read().parquet(dir.result("labels").toString());
      long[] sizes = new long[saved.centers.length];
      long orphans = 0;
      for (Row r : written.groupBy("prediction").count().collectAsList()) {
        int k = ((Number) r.get(0)).intValue();
        if (k < 0) {
          orphans += r.getLong(1);
        } else {
          sizes[k] = r.getLong(1);
        }
      }
      double predictSeconds = (System.nanoTime() - predictStart) / 1e9;
      ObjectNode report =
          Reports.header("predict", data, output.output, Arrays.stream(sizes).sum() + orphans);
      report.put("model", model);
      report.put("model_kind", saved.kind);
      report.put("n_clusters", saved.centers.length);
      ArrayNode s = report.putArray("cluster_sizes");
      Arrays.stream(sizes).forEach(s::add);
      report.put("orphans", orphans);
      report.putObject("seconds").put("predict", predictSeconds);
      Reports.write(
          report,
          dir,
          spark,
          sparkOptions.gpu,
          sparkOptions.explainGpu
              ? Reports.gpuPlan(dir, Map.of("labels", gpuLabels(saved, data, dir)), List.of())
              : null,
          start);
      dir.commit();
      LOG.info(
          "assigned {} points to {} clusters ({} orphans); results in {}",
          Arrays.stream(sizes).sum() + orphans,
          saved.centers.length,
          orphans,
          dir.target());
      return 0;
    }
  }

  /**
   * The assignment as a run on the GPU executes it: over the input's features copied to Parquet (a
   * CSV scan in FAILFAST mode would not run on the GPU).
   */
  private static Dataset<?> gpuLabels(SavedModel saved, InputData data, OutputDir dir) {
    String[] f = data.features();
    Column[] cols = new Column[f.length + 1];
    cols[0] = Columns.named(data.idCol()).as(Columns.PID);
    for (int j = 0; j < f.length; j++) {
      cols[j + 1] = Columns.named(f[j]).cast("double").as(Columns.feature(j));
    }
    String path = new org.apache.hadoop.fs.Path(dir.work(), "gpu-plan-points").toString();
    data.frame().select(cols).write().parquet(path);
    Dataset<Row> stored = data.frame().sparkSession().read().parquet(path);
    return saved.assign(stored, Columns.features(f.length), "prediction");
  }
}
