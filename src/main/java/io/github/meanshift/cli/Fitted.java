package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What a clustering command's fit hands to the shared output code. */
final class Fitted {
  /** The input rows with the prediction column. */
  Dataset<Row> predictions;

  String predictionCol = "prediction";
  double[][] centers;
  long[] sizes;
  long orphans;
  int numIter;
  boolean converged;
  double fitSeconds;

  /** Parameters as used (bandwidth after estimation, resolved choices). */
  ObjectNode parameters;

  /** One entry per iteration, for the report. */
  List<ObjectNode> iterations = new ArrayList<>();

  /** Seconds per phase of the fit. */
  ObjectNode phases;

  /** The fitted model, for --save-model. */
  MLWritable model;

  /** Algorithm-specific results for the report (e.g. k-means training cost). */
  ObjectNode details = io.github.meanshift.io.ResultFiles.newObject();
}
