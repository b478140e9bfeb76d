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

  /**
   * The SQL plans of the hot paths, for --explain-gpu; empty where the engine has none. Built only
   * when asked for: with hundreds of centres, analysing the labelling plans takes minutes.
   */
  java.util.function.Supplier<java.util.Map<String, Dataset<?>>> gpuPlans =
      java.util.LinkedHashMap::new;

  /** Why the engine has no GPU plans, when it has none (e.g. MLlib's RDD-based KMeans). */
  String noGpuPlans;

  /** {@link #noGpuPlans} of MLlib's KMeans. */
  static final String MLLIB_NO_GPU_PLANS =
      "MLlib KMeans runs on RDDs of vectors, not SQL plans: it stays on the CPU";

  /** Algorithm-specific results for the report (e.g. k-means training cost). */
  ObjectNode details = io.github.meanshift.report.ResultFiles.newObject();

  /** Adds a mean-shift fit's iterations (active seeds, largest shift, seconds) and phase times. */
  void recordProgress(io.github.meanshift.ml.MeanShiftSummary s) {
    for (io.github.meanshift.shift.IterationStats it : s.iterations()) {
      ObjectNode o = io.github.meanshift.report.ResultFiles.newObject();
      o.put("iteration", it.iteration());
      o.put("active", it.active());
      o.put("max_shift", it.maxShift());
      o.put("still_moving", it.stillMoving());
      o.put("seconds", it.seconds());
      iterations.add(o);
    }
    ObjectNode p = io.github.meanshift.report.ResultFiles.newObject();
    s.phaseSeconds().forEach(p::put);
    phases = p;
  }
}
