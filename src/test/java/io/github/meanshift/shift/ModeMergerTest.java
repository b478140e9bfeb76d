package io.github.meanshift.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The merge of many modes (looked up by cell) against the plain greedy scan written out here. */
class ModeMergerTest {
  @ParameterizedTest(name = "{0} modes in {1}-D, h {2}")
  @CsvSource({"3000, 2, 0.05", "2000, 3, 0.2", "1500, 6, 0.6", "300, 1, 0.001", "2000, 8, 1.0"})
  void cellLookupGivesThePlainScansCentres(int m, int d, double h) {
    Random r = new Random(m + d);
    double[][] modes = new double[m][d];
    double[] support = new double[m];
    boolean[] found = new boolean[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        modes[i][j] = r.nextDouble() * (j == 0 ? 3 : 1) - 0.5;
      }
      support[i] = r.nextInt(20); // ties in support: the coordinates decide
      found[i] = r.nextInt(50) != 0;
    }
    modes[m - 1] = modes[0].clone(); // a duplicate
    ModeMerger.Centers got = ModeMerger.merge(modes, support, found, h);
    int[] owner = new int[m];
    List<double[]> kept = plainScan(modes, support, found, h, owner);
    assertEquals(kept.size(), got.centers().length, "centres");
    for (int k = 0; k < kept.size(); k++) {
      assertArrayEquals(kept.get(k), got.centers()[k], 0.0, "centre " + k);
    }
    assertArrayEquals(owner, got.owner(), "owners");
    assertTrue(kept.size() < m, "some modes merged");
  }

  /** scikit-learn's rule, literally: by support then coordinates, descending; first within h. */
  static List<double[]> plainScan(
      double[][] modes, double[] support, boolean[] found, double h, int[] owner) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < modes.length; i++) {
      if (found[i]) {
        order.add(i);
      }
    }
    Comparator<Integer> bySupport = Comparator.comparingDouble(i -> support[i]);
    Comparator<Integer> byCoords = (a, b) -> Arrays.compare(modes[a], modes[b]);
    order.sort(bySupport.thenComparing(byCoords).reversed());
    Arrays.fill(owner, -1);
    List<double[]> kept = new ArrayList<>();
    for (int i : order) {
      for (int c = 0; c < kept.size(); c++) {
        double s = 0;
        for (int j = 0; j < modes[i].length; j++) {
          double diff = kept.get(c)[j] - modes[i][j];
          s += diff * diff;
        }
        if (s <= h * h) {
          owner[i] = c;
          break;
        }
      }
      if (owner[i] < 0) {
        owner[i] = kept.size();
        kept.add(modes[i]);
      }
    }
    return kept;
  }
}
