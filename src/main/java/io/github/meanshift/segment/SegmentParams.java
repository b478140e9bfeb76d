package io.github.meanshift.segment;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.shift.Kernel;
import java.io.Serializable;
import java.util.Locale;

/**
 * The parameters of Comaniciu and Meer's segmentation, with their defaults and checks.
 *
 * <p>Filtering: every pixel climbs from its own point {@code (x, y, r, g, b)} of the joint
 * spatial-range domain to a mode, each step the kernel-weighted mean of the pixels within {@code
 * hs} pixels (a disc) whose colour is within {@code hr}, with the product kernel {@code
 * k(d_s²/hs²)·k(d_r²/hr²)}. The state stays on the pixel grid and the colour cube (both rounded
 * each step), so windows are addressed directly and a climb stops at a fixed point; it also stops
 * when a step moves less than {@code tol} joint units, or after {@code maxIter} steps.
 *
 * <p>Labelling: adjacent pixels (4-neighbours) are one region when their modes are within {@code
 * hs} in space and {@link #LINK_RANGE} of {@code hr} in colour. Fusion: adjacent regions whose mean
 * modes are within {@link #FUSION_RANGE} of {@code hr} merge, until none do. Pruning: a region of
 * fewer than {@code minRegion} pixels merges into the adjacent region of closest mean mode.
 */
public record SegmentParams(
    double spatialBandwidth,
    double rangeBandwidth,
    Kernel kernel,
    int maxIter,
    double tol,
    int minRegion,
    boolean basin)
    implements Serializable {

  /** Default hs, in pixels. */
  public static final double DEFAULT_SPATIAL_BANDWIDTH = 8;

  /** Default hr, in colour units (0..255 a channel). */
  public static final double DEFAULT_RANGE_BANDWIDTH = 16;

  /** Default kernel profile (flat: the window mean, the shadow of Epanechnikov's density). */
  public static final Kernel DEFAULT_KERNEL = Kernel.FLAT;

  /** Default most steps of a climb; the halo of a tile is this many windows wide. */
  public static final int DEFAULT_MAX_ITER = 10;

  /** Default least step, in joint units (a shift of hs pixels or hr colour units is 1). */
  public static final double DEFAULT_TOL = 0.1;

  /** Default least region size, in pixels (EDISON's). */
  public static final int DEFAULT_MIN_REGION = 20;

  /** Default of the basin-of-attraction speed-up (see {@link ModeFilter}). */
  public static final boolean DEFAULT_BASIN = true;

  /** Neighbouring pixels link when their mode colours are within this fraction of hr. */
  public static final double LINK_RANGE = 0.5;

  /** Adjacent regions fuse when their mean mode colours are within this fraction of hr. */
  public static final double FUSION_RANGE = 0.5;

  /** Most steps of a climb. */
  public static final int MAX_ITER = 255;

  /** Largest hs: the window must fit a tile's halo. */
  public static final double MAX_SPATIAL_BANDWIDTH = 256;

  /**
   * @throws BadInputException if a value is out of range or the kernel is not flat, epanechnikov or
   *     gaussian
   */
  public SegmentParams {
    check(
        spatialBandwidth >= 1 && spatialBandwidth <= MAX_SPATIAL_BANDWIDTH,
        "spatial bandwidth must be in 1.."
            + (int) MAX_SPATIAL_BANDWIDTH
            + " pixels, got "
            + spatialBandwidth);
    check(
        rangeBandwidth > 0 && rangeBandwidth <= 442,
        "range bandwidth must be in (0, 442] colour units, got " + rangeBandwidth);
    check(kernel != null, "kernel must not be null");
    check(
        kernel == Kernel.FLAT || kernel == Kernel.EPANECHNIKOV || kernel == Kernel.GAUSSIAN,
        "segmentation kernels are flat, epanechnikov and gaussian, got "
            + (kernel == null ? null : kernel.paramName()));
    check(maxIter >= 1 && maxIter <= MAX_ITER, "max iterations must be in 1..255, got " + maxIter);
    check(tol >= 0 && tol < Double.POSITIVE_INFINITY, "tol must be finite and >= 0, got " + tol);
    check(minRegion >= 0, "min region must be >= 0 pixels, got " + minRegion);
  }

  /** The defaults. */
  public static SegmentParams defaults() {
    return new SegmentParams(
        DEFAULT_SPATIAL_BANDWIDTH,
        DEFAULT_RANGE_BANDWIDTH,
        DEFAULT_KERNEL,
        DEFAULT_MAX_ITER,
        DEFAULT_TOL,
        DEFAULT_MIN_REGION,
        DEFAULT_BASIN);
  }

  /** Kernel names accepted by the segmentation. */
  public static String kernelNames() {
    return "flat, epanechnikov, gaussian";
  }

  /**
   * Window radius in pixels: {@code hs} for the flat and Epanechnikov kernels, the cut-off ({@link
   * Kernel#GAUSSIAN_CUTOFF}·hs) for the Gaussian.
   */
  public int radius() {
    return (int) Math.floor(spatialBandwidth * kernel.radius());
  }

  /**
   * Margin a tile needs around its core so that every core pixel's climb reads only pixels the tile
   * holds: a step moves the state at most one window radius (a mean of pixels within the window
   * lies in it, and so does its rounding), so {@code maxIter} steps read pixels at most {@code
   * maxIter · radius} away.
   */
  public int halo() {
    return maxIter * radius();
  }

  /** hs². */
  double spatial2() {
    return spatialBandwidth * spatialBandwidth;
  }

  /** Largest squared colour distance (an integer) inside the range window. */
  int rangeWindow2() {
    double r = rangeBandwidth * kernel.radius();
    return (int) Math.min(3 * 255 * 255, Math.floor(r * r));
  }

  /** Largest squared colour distance at which neighbouring modes link. */
  double link2() {
    double r = LINK_RANGE * rangeBandwidth;
    return r * r;
  }

  /** Largest squared distance of mean mode colours at which adjacent regions fuse. */
  double fusion2() {
    double r = FUSION_RANGE * rangeBandwidth;
    return r * r;
  }

  /** The parameters as the report shows them. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "hs %s px, hr %s, %s kernel, max-iter %d, tol %s, min-region %d, speed-up %s",
        number(spatialBandwidth),
        number(rangeBandwidth),
        kernel.paramName(),
        maxIter,
        number(tol),
        minRegion,
        basin ? "basin" : "none");
  }

  static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new BadInputException(message);
    }
  }
}
