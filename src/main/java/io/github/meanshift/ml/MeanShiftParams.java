package io.github.meanshift.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * Params shared by {@link MeanShift} and {@link MeanShiftModel}, read the way MLlib's KMeans params
 * read: one method per param, a getter for each. Definitions, docs, validators and defaults are in
 * {@link MeanShiftParamDefs}.
 */
public interface MeanShiftParams extends Params {
  /** The owner's param definitions. */
  MeanShiftParamDefs defs();

  default StringArrayParam inputCols() {
    return defs().inputCols;
  }

  default Param<String> featuresCol() {
    return defs().featuresCol;
  }

  default Param<String> predictionCol() {
    return defs().predictionCol;
  }

  default Param<String> weightCol() {
    return defs().weightCol;
  }

  default DoubleParam bandwidth() {
    return defs().bandwidth;
  }

  default Param<String> bandwidthMethod() {
    return defs().bandwidthMethod;
  }

  default DoubleParam quantile() {
    return defs().quantile;
  }

  default IntParam bandwidthSampleSize() {
    return defs().bandwidthSampleSize;
  }

  default Param<String> kernel() {
    return defs().kernel;
  }

  default Param<String> algorithm() {
    return defs().algorithm;
  }

  default Param<String> neighbors() {
    return defs().neighbors;
  }

  default Param<String> engine() {
    return defs().engine;
  }

  default BooleanParam binSeeding() {
    return defs().binSeeding;
  }

  default DoubleParam minBinFreq() {
    return defs().minBinFreq;
  }

  default Param<String> seeding() {
    return defs().seeding;
  }

  default IntParam maxSeeds() {
    return defs().maxSeeds;
  }

  default LongParam seedCostBudget() {
    return defs().seedCostBudget;
  }

  default DoubleArrayArrayParam seeds() {
    return defs().seeds;
  }

  default BooleanParam clusterAll() {
    return defs().clusterAll;
  }

  default Param<String> assign() {
    return defs().assign;
  }

  default Param<String> modeMerge() {
    return defs().modeMerge;
  }

  default IntParam maxIter() {
    return defs().maxIter;
  }

  default DoubleParam tol() {
    return defs().tol;
  }

  default LongParam seed() {
    return defs().seed;
  }

  default LongParam maxPairsPerTask() {
    return defs().maxPairsPerTask;
  }

  default LongParam localMaxPoints() {
    return defs().localMaxPoints;
  }

  default LongParam maxBroadcastBytes() {
    return defs().maxBroadcastBytes;
  }

  default Param<String> checkpointDir() {
    return defs().checkpointDir;
  }

  default String[] getInputCols() {
    return isDefined(inputCols()) ? getOrDefault(inputCols()) : null;
  }

  default String getFeaturesCol() {
    return getOrDefault(featuresCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }

  default String getWeightCol() {
    return isDefined(weightCol()) ? getOrDefault(weightCol()) : null;
  }

  /** The bandwidth set by the user, or NaN when it is to be estimated. */
  default double getBandwidth() {
    return isDefined(bandwidth()) ? (Double) getOrDefault(bandwidth()) : Double.NaN;
  }

  default String getBandwidthMethod() {
    return getOrDefault(bandwidthMethod());
  }

  default double getQuantile() {
    return (Double) getOrDefault(quantile());
  }

  default int getBandwidthSampleSize() {
    return (Integer) getOrDefault(bandwidthSampleSize());
  }

  default String getKernel() {
    return getOrDefault(kernel());
  }

  default String getAlgorithm() {
    return getOrDefault(algorithm());
  }

  default String getNeighbors() {
    return getOrDefault(neighbors());
  }

  default String getEngine() {
    return getOrDefault(engine());
  }

  default boolean getBinSeeding() {
    return (Boolean) getOrDefault(binSeeding());
  }

  default String getSeeding() {
    return getOrDefault(seeding());
  }

  /** The seed cap, or null when unset (auto). */
  default Integer getMaxSeeds() {
    return isDefined(maxSeeds()) ? (Integer) getOrDefault(maxSeeds()) : null;
  }

  default long getSeedCostBudget() {
    return (Long) getOrDefault(seedCostBudget());
  }

  default double getMinBinFreq() {
    return (Double) getOrDefault(minBinFreq());
  }

  default double[][] getSeeds() {
    return isDefined(seeds()) ? getOrDefault(seeds()) : null;
  }

  default boolean getClusterAll() {
    return (Boolean) getOrDefault(clusterAll());
  }

  default String getAssign() {
    return getOrDefault(assign());
  }

  default String getModeMerge() {
    return getOrDefault(modeMerge());
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  default long getMaxPairsPerTask() {
    return (Long) getOrDefault(maxPairsPerTask());
  }

  default long getLocalMaxPoints() {
    return (Long) getOrDefault(localMaxPoints());
  }

  default long getMaxBroadcastBytes() {
    return (Long) getOrDefault(maxBroadcastBytes());
  }

  default String getCheckpointDir() {
    return isDefined(checkpointDir()) ? getOrDefault(checkpointDir()) : null;
  }
}
