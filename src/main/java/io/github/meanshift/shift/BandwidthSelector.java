package io.github.meanshift.shift;

import io.github.meanshift.common.Agreement;
import io.github.meanshift.common.Labeler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The default bandwidth, for every kernel: the scale at which the partition of the data is stable
 * (Comaniciu and Meer's scale selection), found on a bounded sample, and whether modes joined by a
 * density ridge should merge ({@link RidgeMerge}).
 *
 * <p>From {@code b}, scikit-learn's estimate_bandwidth on the sample, it scans Gaussian scales
 * {@code σ_i = b·2^(-i/4)}, i = 0..24, coarse to fine. At each it runs the standard mean shift on
 * the sample (weights kept) from {@link #SEEDS} fixed seeds with {@code h = σ·}{@link
 * Kernel#matchedScale}, and keeps two partitions of the sample into the clusters that hold at least
 * {@link #MIN_SHARE} of it:
 *
 * <ul>
 *   <li>plain: each point to its nearest such mode;
 *   <li>merged: each point to its nearest mode's group after {@link RidgeMerge} (the points of
 *       small groups to their nearest mode in a big one).
 * </ul>
 *
 * A plateau is a run of consecutive scales with the same number (two or more) of clusters and
 * partitions that agree: plain, at least {@link #MIN_RUN} scales with ARI at least {@link
 * #SAME_PARTITION}; merged, at least {@link #MIN_RUN_MERGED} scales (an octave) with ARI at least
 * {@link #SAME_PARTITION_MERGED}. The merged track's widest plateau wins, unless the plain track's
 * best (lowest {@link MixtureBic}) has another number of clusters and a BIC lower by more than
 * {@link #DELTA_BIC}; the bandwidth is the chosen plateau's geometric middle, and the fit merges
 * its modes when the merged track won. No plateau: scikit-learn's own default carried to the
 * kernel, {@code σ = b/√(d+2)} (the Gaussian of the flat ball of radius b's second moment; a flat
 * kernel's h is then b itself), or the finest scale scanned when the scan stopped above that (one
 * cluster on structureless data; on data whose clusters no valley separates, the many small
 * clusters scikit-learn's default finds, rather than one). The scan stops when a fit finds more
 * than {@link #MAX_MODE_SHARE} of its seeds as modes; the plain track stops earlier when its big
 * clusters hold under {@link #MIN_COVER} of the sample.
 *
 * <p>Measured on 14 public data sets (docs/bandwidth.md).
 */
public final class BandwidthSelector {
  /** Points in the sample the scan runs on. */
  public static final int SAMPLE = 2000;

  /** Seeds of every fit of the scan (sample points, the same at every scale). */
  public static final int SEEDS = 256;

  /** Quantile of the starting scale b (scikit-learn's default). */
  public static final double QUANTILE = 0.3;

  /** Scales per octave. */
  public static final int PER_OCTAVE = 4;

  /** Scales scanned below b: down to b/64. */
  public static final int STEPS = 24;

  /** The scan stops when a fit finds more modes than this share of its seeds. */
  public static final double MAX_MODE_SHARE = 0.5;

  /** A cluster counts when it holds at least this share of the sample. */
  public static final double MIN_SHARE = 0.05;

  /** The plain track stops when the clusters that count hold less than this share. */
  public static final double MIN_COVER = 0.5;

  /** Plain track: partitions of consecutive scales are the same at this ARI or more. */
  public static final double SAME_PARTITION = 0.95;

  /** Merged track: partitions of consecutive scales are the same at this ARI or more. */
  public static final double SAME_PARTITION_MERGED = 0.90;

  /** Plain track: scales a plateau spans at least. */
  public static final int MIN_RUN = 2;

  /** Merged track: scales a plateau spans at least (one octave). */
  public static final int MIN_RUN_MERGED = 4;

  /** The plain track overrides the merged one only with a BIC lower by more than this. */
  public static final double DELTA_BIC = 10;

  /** Where in the plateau the bandwidth is, on a log scale: 0 coarse end, 1 fine end. */
  public static final double POSITION = 0.5;

  private BandwidthSelector() {}

  /** One scanned scale of one track. */
  private record Scale(int step, double h, int clusters, int[] partition, double agreement) {}

  /** A plateau of a track: rows {@code [from, to]}, its best BIC. */
  private record Plateau(boolean merged, List<Scale> rows, int from, int to, double bic) {
    Scale coarse() {
      return rows.get(from);
    }

    Scale fine() {
      return rows.get(to);
    }

    int width() {
      return fine().step() - coarse().step();
    }
  }

  /** The sample the scan (and the fit's merge step) runs on: points and weights. */
  public record Sample(double[][] x, double[] w) {}

  /**
   * The sample of at most {@link #SAMPLE} points of {@code x}: all when there are no more, else
   * drawn uniformly without replacement; each keeps its weight.
   */
  public static Sample sample(double[][] x, double[] w, long seed) {
    int[] rows =
        x.length <= SAMPLE
            ? java.util.stream.IntStream.range(0, x.length).toArray()
            : new Random(seed).ints(0, x.length).distinct().limit(SAMPLE).sorted().toArray();
    double[][] s = new double[rows.length][];
    double[] sw = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      s[i] = x[rows[i]];
      sw[i] = w[rows[i]];
    }
    return new Sample(s, sw);
  }

  /**
   * Selects the bandwidth of {@code kernel} for the points {@code x} with weights {@code w} (a
   * point of weight w counts as w points everywhere: duplicated points and their counts as weights
   * select the same bandwidth).
   *
   * @param tol the fits' stopping rule (shift at most tol·h)
   * @param maxIter the fits' most iterations
   * @param seed random seed of the sample
   */
  public static BandwidthSelection select(
      double[][] x, double[] w, Kernel kernel, double tol, int maxIter, long seed) {
    Sample sample = sample(x, w, seed);
    double[][] s = sample.x();
    double[] sw = sample.w();
    double b = BandwidthEstimator.estimate(s, sw, QUANTILE);
    if (!(b > 0)) {
      return new BandwidthSelection(
          "auto", 0, false, List.of(), "the sample's points coincide: estimate_bandwidth is 0");
    }
    double[][] seeds = seeds(s);
    int d = s[0].length;
    double scale = kernel.matchedScale(d);
    PointStats stats = PointStats.of(s, sw);
    double total = stats.totalWeight();
    String[] names = new String[d];
    Arrays.fill(names, "x");
    List<Scale> plain = new ArrayList<>();
    List<Scale> merged = new ArrayList<>();
    boolean plainOn = true;
    for (int i = 0; i <= STEPS; i++) {
      double h = b * Math.pow(2, -(double) i / PER_OCTAVE) * scale;
      double[][] modes;
      try (ShiftEngine engine = new LocalShiftEngine(s, sw, stats, names, kernel, h, false)) {
        StandardMeanShift.Result run =
            StandardMeanShift.run(engine, seeds, h, tol, maxIter, it -> {});
        modes = ModeMerger.merge(run, h).centers();
      }
      if (modes.length > MAX_MODE_SHARE * seeds.length) {
        break;
      }
      int[] nearest = labels(s, modes);
      if (plainOn) {
        boolean[] big = big(nearest, modes.length, sw, total, i2 -> i2);
        if (cover(nearest, big, sw) < MIN_COVER * total) {
          plainOn = false;
        } else {
          int[] partition = labels(s, select(modes, big));
          plain.add(scale(plain, i, h, count(big), partition, sw));
        }
      }
      int[] group = RidgeMerge.clusters(modes, s, sw, kernel, h);
      int groups = Arrays.stream(group).max().orElse(-1) + 1;
      int[] byGroup = new int[s.length];
      for (int p = 0; p < s.length; p++) {
        byGroup[p] = group[nearest[p]];
      }
      boolean[] bigGroup = big(byGroup, groups, sw, total, g -> g);
      int k = count(bigGroup);
      int[] partition;
      if (k == 0) {
        partition = new int[s.length];
      } else if (k < groups) {
        // points of small groups go to their nearest mode in a big group
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < modes.length; c++) {
          if (bigGroup[group[c]]) {
            keep.add(c);
          }
        }
        double[][] kept = keep.stream().map(c -> modes[c]).toArray(double[][]::new);
        int[] near = labels(s, kept);
        partition = new int[s.length];
        for (int p = 0; p < s.length; p++) {
          partition[p] = group[keep.get(near[p])];
        }
      } else {
        partition = byGroup;
      }
      merged.add(scale(merged, i, h, k, partition, sw));
    }
    // No plateau: scikit-learn's estimate as the matched kernel's scale (a flat kernel's h is b),
    // unless the scan stopped above it (too many modes there), then the finest scale scanned.
    double fallback = b * scale / Math.sqrt(d + 2.0);
    if (merged.isEmpty()) {
      fallback = b * scale;
    } else {
      fallback = Math.max(fallback, merged.get(merged.size() - 1).h());
    }
    return choose(s, sw, plain, merged, fallback);
  }

  private static Scale scale(
      List<Scale> track, int step, double h, int clusters, int[] partition, double[] w) {
    double agreement =
        track.isEmpty()
            ? Double.NaN
            : Agreement.ari(track.get(track.size() - 1).partition(), partition, w);
    return new Scale(step, h, clusters, partition, agreement);
  }

  /** The chosen plateau, or the fallback scale when there is none. */
  private static BandwidthSelection choose(
      double[][] s, double[] w, List<Scale> plain, List<Scale> merged, double fallback) {
    double[] plainScore = new double[plain.size()];
    double[] mergedScore = new double[merged.size()];
    List<Plateau> plainPlateaus = plateaus(s, w, plain, false, SAME_PARTITION, MIN_RUN, plainScore);
    List<Plateau> mergedPlateaus =
        plateaus(s, w, merged, true, SAME_PARTITION_MERGED, MIN_RUN_MERGED, mergedScore);
    Plateau plainBest = null;
    for (Plateau p : plainPlateaus) {
      if (plainBest == null || p.bic() < plainBest.bic()) { // ties keep the coarser plateau
        plainBest = p;
      }
    }
    Plateau mergedBest = null;
    for (Plateau p : mergedPlateaus) {
      if (mergedBest == null
          || p.width() > mergedBest.width()
          || (p.width() == mergedBest.width() && p.fine().step() > mergedBest.fine().step())) {
        mergedBest = p;
      }
    }
    Plateau best;
    if (mergedBest != null
        && (plainBest == null
            || plainBest.coarse().clusters() == mergedBest.coarse().clusters()
            || plainBest.bic() >= mergedBest.bic() - DELTA_BIC)) {
      best = mergedBest;
    } else {
      best = plainBest;
    }
    List<BandwidthSelection.Candidate> candidates = new ArrayList<>();
    for (int u = 0; u < plain.size(); u++) {
      candidates.add(
          new BandwidthSelection.Candidate(
              "plain", plain.get(u).h(), plain.get(u).clusters(), plainScore[u]));
    }
    for (int u = 0; u < merged.size(); u++) {
      candidates.add(
          new BandwidthSelection.Candidate(
              "merged", merged.get(u).h(), merged.get(u).clusters(), mergedScore[u]));
    }
    if (best == null) {
      return new BandwidthSelection(
          "auto",
          fallback,
          false,
          candidates,
          "no stable partition into 2 or more clusters over "
              + Math.max(plain.size(), merged.size())
              + " scales, plain or merged: scikit-learn's estimate at the kernel's matched scale"
              + " (or the finest scale scanned, if above)");
    }
    double h = best.coarse().h() * Math.pow(best.fine().h() / best.coarse().h(), POSITION);
    return new BandwidthSelection(
        "auto",
        h,
        best.merged(),
        candidates,
        String.format(
            Locale.ROOT,
            "%d clusters%s stay the same from h %.4g to %.4g (%d scales, BIC %.6g; %d plain and %d"
                + " merged plateaus): their geometric middle",
            best.coarse().clusters(),
            best.merged() ? " of merged modes" : "",
            best.fine().h(),
            best.coarse().h(),
            best.to() - best.from() + 1,
            best.bic(),
            plainPlateaus.size(),
            mergedPlateaus.size()));
  }

  /**
   * The plateaus of a track, each scored by the lowest BIC of its partitions (into {@code score}).
   */
  private static List<Plateau> plateaus(
      double[][] s,
      double[] w,
      List<Scale> rows,
      boolean merged,
      double same,
      int minRun,
      double[] score) {
    Arrays.fill(score, Double.NaN);
    List<Plateau> out = new ArrayList<>();
    for (int from = 0, t = 1; t <= rows.size(); t++) {
      boolean continues =
          t < rows.size()
              && rows.get(t).agreement() >= same
              && rows.get(t).clusters() == rows.get(t - 1).clusters();
      if (continues) {
        continue;
      }
      if (t - from >= minRun && rows.get(from).clusters() >= 2) {
        double min = Double.POSITIVE_INFINITY;
        for (int u = from; u < t; u++) {
          score[u] = MixtureBic.of(s, w, compact(rows.get(u).partition()));
          min = Math.min(min, score[u]);
        }
        out.add(new Plateau(merged, rows, from, t - 1, min));
      }
      from = t;
    }
    return out;
  }

  /** Labels renumbered 0..k-1 in order of first appearance. */
  private static int[] compact(int[] labels) {
    java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = ids.computeIfAbsent(labels[i], l -> ids.size());
    }
    return out;
  }

  /** Whether each label holds at least {@link #MIN_SHARE} of the total weight. */
  private static boolean[] big(
      int[] labels, int count, double[] w, double total, java.util.function.IntUnaryOperator id) {
    double[] weight = new double[count];
    for (int i = 0; i < labels.length; i++) {
      weight[id.applyAsInt(labels[i])] += w[i];
    }
    boolean[] big = new boolean[count];
    for (int c = 0; c < count; c++) {
      big[c] = weight[c] >= MIN_SHARE * total;
    }
    return big;
  }

  private static double cover(int[] labels, boolean[] big, double[] w) {
    double covered = 0;
    for (int i = 0; i < labels.length; i++) {
      covered += big[labels[i]] ? w[i] : 0;
    }
    return covered;
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean f : flags) {
      n += f ? 1 : 0;
    }
    return n;
  }

  private static double[][] select(double[][] rows, boolean[] keep) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      if (keep[i]) {
        out.add(rows[i]);
      }
    }
    return out.toArray(new double[0][]);
  }

  private static int[] labels(double[][] s, double[][] centres) {
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = Labeler.nearest(s[i], centres, Double.POSITIVE_INFINITY);
    }
    return out;
  }

  /**
   * {@link #SEEDS} distinct positions of the sample (all, if no more), the same at every scale:
   * evenly spaced in lexicographic order, so that the choice depends on the positions only, not on
   * their order or multiplicity (a stratified sample along the first coordinate).
   */
  private static double[][] seeds(double[][] s) {
    double[][] distinct = Seeding.allPoints(s);
    if (distinct.length <= SEEDS) {
      return distinct;
    }
    Arrays.sort(distinct, Arrays::compare);
    double[][] out = new double[SEEDS][];
    for (int i = 0; i < SEEDS; i++) {
      out[i] = distinct[(int) ((long) i * distinct.length / SEEDS)];
    }
    return out;
  }
}
