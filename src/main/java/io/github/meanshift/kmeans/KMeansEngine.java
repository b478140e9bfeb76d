package io.github.meanshift.kmeans;

import io.github.meanshift.common.NamedEnum;

/** What fits k-means. */
public enum KMeansEngine implements NamedEnum {
  /** MLlib's KMeans (RDDs of vectors: the CPU). */
  MLLIB,
  /** Lloyd iterations as DataFrame plans on plain double columns (GPU-ready). */
  COLUMNAR,
  /** Sculley's mini-batch k-means as DataFrame plans. */
  MINIBATCH;

  @Override
  public String toString() {
    return paramName();
  }
}
