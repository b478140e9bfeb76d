package io.github.meanshift;

import java.util.Random;

/** Small point sets shared by the tests of several packages. */
public final class TestPoints {
  private TestPoints() {}

  /**
   * Three 2-D blobs of 50 points each (seed 5, standard deviation 0.45), close enough that the
   * Gaussian tails overlap.
   */
  public static double[][] threeBlobs() {
    Random r = new Random(5);
    double[][] centres = {{0, 0}, {3, 0.5}, {1, 3}};
    double[][] x = new double[150][];
    for (int i = 0; i < x.length; i++) {
      double[] c = centres[i / 50];
      x[i] = new double[] {c[0] + 0.45 * r.nextGaussian(), c[1] + 0.45 * r.nextGaussian()};
    }
    return x;
  }
}
