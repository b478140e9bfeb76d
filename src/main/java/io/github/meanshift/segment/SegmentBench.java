package io.github.meanshift.segment;

import io.github.meanshift.common.Agreement;
import io.github.meanshift.ml.ClusteringMetrics;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Times the region segmentation of one picture in this JVM, for bench/segment_bench.py: the first
 * run (a fresh JVM, as one {@code segment} command sees it) and the median of the next runs (warm,
 * as in a folder of pictures), filter and labelling (labels, fusion, pruning) apart, and the
 * process CPU seconds of a warm run (all threads, JIT and GC included); with a picture of known
 * regions (grey level = region), the ARI. Prints one JSON object.
 *
 * <p>Usage: {@code SegmentBench picture.png regions.png|- HS HR RUNS [flat|epanechnikov|gaussian]
 * [basin|none]}
 */
public final class SegmentBench {
  private SegmentBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 5) {
      System.err.println(
          "usage: SegmentBench picture.png regions.png|- HS HR RUNS [kernel] [basin|none]");
      System.exit(2);
    }
    Raster picture = Raster.of(ImageIO.read(new File(args[0])));
    int[] truth = null;
    if (!args[1].equals("-")) {
      int[] grey = Raster.of(ImageIO.read(new File(args[1]))).rgb();
      truth = new int[grey.length];
      for (int i = 0; i < grey.length; i++) {
        truth[i] = grey[i] & 0xFF;
      }
    }
    SegmentParams d = SegmentParams.defaults();
    SegmentParams p =
        new SegmentParams(
            Double.parseDouble(args[2]),
            Double.parseDouble(args[3]),
            args.length > 5 ? io.github.meanshift.shift.Kernel.fromName(args[5]) : d.kernel(),
            d.maxIter(),
            d.tol(),
            d.minRegion(),
            args.length > 6 ? args[6].equals("basin") : d.basin());
    int runs = Integer.parseInt(args[4]);
    double[] filter = new double[runs];
    double[] label = new double[runs];
    double[] cpu = new double[runs];
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    Regions r = null;
    for (int i = 0; i < runs; i++) {
      long c0 = os.getProcessCpuTime();
      r = Segmenter.segment(picture, p, true);
      cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
      filter[i] = r.seconds().get("filter");
      label[i] = r.seconds().get("label") + r.seconds().get("fuse") + r.seconds().get("prune");
    }
    double ari =
        truth == null
            ? Double.NaN
            : ClusteringMetrics.of(Agreement.contingency(truth, r.labels())).ari();
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"picture\": \"%s\", \"width\": %d, \"height\": %d, \"params\": \"%s\","
                + " \"cores\": %d, \"regions\": %d, \"ari\": %s, \"first_filter\": %.4f,"
                + " \"first_label\": %.4f, \"warm_filter\": %.4f, \"warm_label\": %.4f,"
                + " \"warm_cpu\": %.4f, \"mean_steps\": %.3f}",
            args[0],
            picture.area().width(),
            picture.area().height(),
            p.describe(),
            Runtime.getRuntime().availableProcessors(),
            r.count(),
            Double.isNaN(ari) ? "null" : String.format(Locale.ROOT, "%.4f", ari),
            filter[0],
            label[0],
            median(Arrays.copyOfRange(filter, 1, runs)),
            median(Arrays.copyOfRange(label, 1, runs)),
            median(Arrays.copyOfRange(cpu, 1, runs)),
            r.counts().get("mean_steps").doubleValue()));
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
