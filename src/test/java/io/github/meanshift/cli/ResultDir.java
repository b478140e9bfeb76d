package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A finished result directory of a clustering run with {@code --output-format csv}, read without
 * Spark: the centres and sizes of centers.csv, every point's label from labels/, and report.json.
 */
record ResultDir(
    Map<Integer, double[]> centers,
    Map<Integer, Long> sizes,
    Map<Long, Integer> labels,
    JsonNode report) {

  /** The files every result directory holds. */
  static final List<String> FILES = List.of("labels", "centers.csv", "report.json", "clusters.png");

  /** Reads {@code dir}, failing if any of its files is missing. */
  static ResultDir read(Path dir) throws IOException {
    for (String f : FILES) {
      assertTrue(Files.exists(dir.resolve(f)), dir + " lacks " + f);
    }
    assertTrue(Files.exists(dir.resolve("labels/_SUCCESS")), dir + ": labels/ is complete");
    Map<Integer, double[]> centers = new TreeMap<>();
    Map<Integer, Long> sizes = new TreeMap<>();
    List<String> rows = Files.readAllLines(dir.resolve("centers.csv"));
    String[] header = rows.get(0).split(",");
    assertEquals("cluster", header[0], rows.get(0));
    assertEquals("size", header[header.length - 1], rows.get(0));
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      int k = Integer.parseInt(f[0]);
      double[] c = new double[f.length - 2];
      for (int j = 0; j < c.length; j++) {
        c[j] = Double.parseDouble(f[j + 1]);
      }
      centers.put(k, c);
      sizes.put(k, Long.parseLong(f[f.length - 1]));
    }
    Map<Long, Integer> labels = new HashMap<>();
    List<Path> parts = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve("labels"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".csv")).forEach(parts::add);
    }
    for (Path part : parts) {
      List<String> lines = Files.readAllLines(part);
      assertEquals("id,prediction", lines.get(0), part.toString());
      for (String line : lines.subList(1, lines.size())) {
        int comma = line.indexOf(',');
        Integer previous =
            labels.put(
                Long.parseLong(line.substring(0, comma)),
                Integer.parseInt(line.substring(comma + 1)));
        assertEquals(null, previous, "one label per id: " + line);
      }
    }
    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    return new ResultDir(centers, sizes, labels, report);
  }

  /**
   * Asserts that {@code actual} found the same clusters as {@code expected}: as many, under the
   * same numbers, each centre within {@code tolerance} (max norm) of its counterpart, the same
   * sizes, and every point with the same label.
   */
  static void assertSameClusters(ResultDir expected, ResultDir actual, double tolerance) {
    assertEquals(expected.centers.keySet(), actual.centers.keySet(), "cluster numbers");
    for (Map.Entry<Integer, double[]> e : expected.centers.entrySet()) {
      double[] a = actual.centers.get(e.getKey());
      double[] x = e.getValue();
      assertEquals(x.length, a.length, "dimension of centre " + e.getKey());
      for (int j = 0; j < x.length; j++) {
        assertEquals(x[j], a[j], tolerance, "centre " + e.getKey() + ", coordinate " + j);
      }
    }
    assertEquals(expected.sizes, actual.sizes, "cluster sizes");
    assertEquals(expected.labels.size(), actual.labels.size(), "labelled points");
    int differ = 0;
    for (Map.Entry<Long, Integer> e : expected.labels.entrySet()) {
      if (!e.getValue().equals(actual.labels.get(e.getKey()))) {
        differ++;
      }
    }
    assertEquals(0, differ, "points labelled differently");
  }
}
