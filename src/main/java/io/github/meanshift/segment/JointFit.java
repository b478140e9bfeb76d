package io.github.meanshift.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.ResultFiles;
import io.github.meanshift.ml.MeanShiftSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;

/**
 * What a clustering of the joint pixel points ({@link SegmentFits}) returns: centres, sizes,
 * iterations and timings, for the command's report and picture.
 */
public final class JointFit {
  /** {@link #noGpuPlans} of MLlib's KMeans. */
  public static final String MLLIB_NO_GPU_PLANS =
      "MLlib KMeans runs on RDDs of vectors, not SQL plans: it stays on the CPU";

  public String predictionCol;
  public double[][] centers;
  public long[] sizes;
  public long orphans;
  public int numIter;
  public boolean converged;
  public double fitSeconds;

  /** Parameters as used (resolved choices). */
  public ObjectNode parameters;

  /** Seconds per phase of the fit; null for mean shift (the summary holds them). */
  public ObjectNode phases;

  /** The mean-shift fit's summary (iterations, phases); null for k-means. */
  public MeanShiftSummary summary;

  /** The fitted model. */
  public MLWritable model;

  /** The SQL plans of the hot paths, for --explain-gpu (built only when asked for). */
  public Supplier<Map<String, Dataset<?>>> gpuPlans = LinkedHashMap::new;

  /** Why the fit has no GPU plans, when it has none. */
  public String noGpuPlans;

  /** Algorithm-specific results for the report (e.g. k-means training cost). */
  public ObjectNode details = ResultFiles.newObject();
}
