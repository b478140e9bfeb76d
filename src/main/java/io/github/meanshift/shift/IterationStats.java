package io.github.meanshift.shift;

/**
 * One iteration of a mean-shift run, as logged and reported: how many seeds (or points) were still
 * moving when it started, the largest shift it made, how many stopped, and its wall time.
 */
public final class IterationStats implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int iteration;
  private final long active;
  private final double maxShift;
  private final long stillMoving;
  private final double seconds;

  public IterationStats(
      int iteration, long active, double maxShift, long stillMoving, double seconds) {
    this.iteration = iteration;
    this.active = active;
    this.maxShift = maxShift;
    this.stillMoving = stillMoving;
    this.seconds = seconds;
  }

  /** 1-based iteration number. */
  public int iteration() {
    return iteration;
  }

  /** Seeds (standard) or points (blurring) moved in this iteration. */
  public long active() {
    return active;
  }

  /** Largest distance any seed or point moved. */
  public double maxShift() {
    return maxShift;
  }

  /** Seeds or points that have not converged after this iteration. */
  public long stillMoving() {
    return stillMoving;
  }

  public double seconds() {
    return seconds;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "iteration %d: %d active, largest shift %.6g, %d still moving, %.3f s",
        iteration,
        active,
        maxShift,
        stillMoving,
        seconds);
  }
}
