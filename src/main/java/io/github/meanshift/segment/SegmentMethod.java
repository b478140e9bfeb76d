package io.github.meanshift.segment;

import io.github.meanshift.common.NamedEnum;

/** How the segment command segments a picture. */
public enum SegmentMethod implements NamedEnum {
  /** Comaniciu and Meer's segmentation: filtering, region labelling, fusion, pruning. */
  REGIONS,
  /** Mean-shift clustering of the pixels as joint (x/hs, y/hs, r/hr, g/hr, b/hr) points. */
  POINTS,
  /** The former name of {@link #POINTS}. */
  MEANSHIFT,
  /** MLlib KMeans on the joint points. */
  KMEANS;

  /** The method this name stands for ({@link #MEANSHIFT} is {@link #POINTS}). */
  public SegmentMethod resolved() {
    return this == MEANSHIFT ? POINTS : this;
  }

  @Override
  public String toString() {
    return paramName();
  }
}
