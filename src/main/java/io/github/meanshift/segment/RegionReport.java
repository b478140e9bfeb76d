package io.github.meanshift.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.ml.ClusteringMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** The report.json fields of a region segmentation. */
public final class RegionReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RegionReport() {}

  /**
   * n_segments, parameters, segment sizes and colours, seconds per phase, counts, and ARI and NMI
   * against {@code contingency} when it is not null.
   */
  public static ObjectNode of(
      SegmentedPicture result,
      SegmentParams params,
      int tileSide,
      boolean tiled,
      long[][] contingency) {
    ObjectNode r = JSON.createObjectNode();
    r.put("n_segments", result.count());
    r.set("parameters", parameters(params, tileSide, tiled));
    ObjectNode counts = r.putObject("counts");
    result.counts().forEach((k, v) -> counts.putPOJO(k, v));
    ArrayNode sizes = r.putArray("segment_sizes");
    ArrayNode colours = r.putArray("segment_colours");
    long[] s = result.sizes();
    int[] c = result.colours();
    for (int k = 0; k < s.length; k++) {
      sizes.add(s[k]);
      colours.add(String.format(Locale.ROOT, "#%06x", c[k]));
    }
    ObjectNode seconds = r.putObject("seconds");
    result.seconds().forEach(seconds::put);
    if (contingency != null) {
      ClusteringMetrics m = ClusteringMetrics.of(contingency);
      r.putObject("metrics").put("ari", m.ari()).put("nmi", m.nmi());
    }
    return r;
  }

  /** The parameters as used. */
  public static ObjectNode parameters(SegmentParams params, int tileSide, boolean tiled) {
    ObjectNode p = JSON.createObjectNode();
    p.put("spatial_bandwidth", params.spatialBandwidth());
    p.put("range_bandwidth", params.rangeBandwidth());
    p.put("kernel", params.kernel().paramName());
    p.put("max_iter", params.maxIter());
    p.put("tol", params.tol());
    p.put("min_region", params.minRegion());
    p.put("speedup", params.basin() ? "basin" : "none");
    p.put("link_range", SegmentParams.LINK_RANGE * params.rangeBandwidth());
    p.put("fusion_range", SegmentParams.FUSION_RANGE * params.rangeBandwidth());
    p.put("tile_size", tileSide);
    p.put("tiled", tiled);
    p.put("halo", params.halo());
    return p;
  }

  /** A fresh JSON object. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Writes {@code report} as JSON and closes the stream. */
  public static void write(ObjectNode report, OutputStream out) throws IOException {
    try (OutputStream os = out) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(os, report);
    }
  }
}
