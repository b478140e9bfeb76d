package example;

import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.MeanShiftModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Fits mean shift in a Spark ML Pipeline, saves and reloads it, and prints what it found. */
public final class FitPipeline {
  public static void main(String[] args) throws Exception {
    SparkSession spark =
        SparkSession.builder().master("local[2]").appName("uses-meanshift").getOrCreate();
    try {
      Random r = new Random(1);
      double[][] centres = {{0, 0}, {5, 5}, {0, 5}};
      List<Row> rows = new ArrayList<>();
      for (double[] c : centres) {
        for (int i = 0; i < 100; i++) {
          rows.add(RowFactory.create(c[0] + 0.3 * r.nextGaussian(), c[1] + 0.3 * r.nextGaussian()));
        }
      }
      StructType schema =
          new StructType()
              .add("x", DataTypes.DoubleType, false)
              .add("y", DataTypes.DoubleType, false);
      Dataset<Row> points = spark.createDataFrame(rows, schema);
      Pipeline pipeline =
          new Pipeline()
              .setStages(
                  new PipelineStage[] {
                    new VectorAssembler()
                        .setInputCols(new String[] {"x", "y"})
                        .setOutputCol("features"),
                    new MeanShift().setBandwidth(1.0)
                  });
      PipelineModel model = pipeline.fit(points);
      MeanShiftModel ms = (MeanShiftModel) model.stages()[1];
      model.write().overwrite().save(args[0]);
      PipelineModel loaded = PipelineModel.load(args[0]);
      long distinct = loaded.transform(points).select("prediction").distinct().count();
      System.out.println("clusters=" + ms.clusterCenters().length + " reloaded=" + distinct);
    } finally {
      spark.stop();
    }
  }
}
