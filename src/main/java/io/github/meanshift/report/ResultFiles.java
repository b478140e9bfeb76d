package io.github.meanshift.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Columns;
import io.github.meanshift.io.OutputDir;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The files of a clustering result: labels table, centers.csv and report.json. */
public final class ResultFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultFiles() {}

  /** A fresh JSON object for a report. */
  public static ObjectNode newObject() {
    return JSON.createObjectNode();
  }

  /** A value (maps, lists, numbers, strings, arrays) as a JSON tree. */
  public static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  /** Writes {@code labels/}: the id and prediction columns, as Parquet or CSV with a header. */
  public static void writeLabels(
      OutputDir dir, Dataset<Row> predictions, String idCol, String predictionCol, String format) {
    writeTable(
        dir,
        "labels",
        predictions.select(
            Columns.named(idCol), Columns.named(predictionCol).cast("int").as("prediction")),
        format);
  }

  /**
   * Writes {@code table} as {@code name/} in the result directory, Parquet or CSV with a header.
   */
  public static void writeTable(OutputDir dir, String name, Dataset<Row> table, String format) {
    String path = dir.result(name).toString();
    if (format.equals("csv")) {
      table.write().option("header", "true").csv(path);
    } else {
      table.write().parquet(path);
    }
  }

  /**
   * Writes {@code centers.csv}: header {@code cluster,<features>,size}, one row per cluster, by
   * size descending (ties by cluster id).
   */
  public static void writeCenters(
      OutputDir dir, String[] featureNames, double[][] centers, long[] sizes) throws IOException {
    writeCenters(dir, "centers.csv", featureNames, centers, sizes);
  }

  /** Like {@link #writeCenters(OutputDir, String[], double[][], long[])}, to file {@code name}. */
  public static void writeCenters(
      OutputDir dir, String name, String[] featureNames, double[][] centers, long[] sizes)
      throws IOException {
    Integer[] order = new Integer[centers.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingLong(k -> -sizes[k]).thenComparingInt(Integer::intValue));
    try (OutputStream os = dir.create(name);
        PrintWriter w = new PrintWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
      StringBuilder header = new StringBuilder("cluster");
      for (String f : featureNames) {
        header.append(',').append(csvField(f));
      }
      w.print(header.append(",size\n"));
      for (int k : order) {
        StringBuilder row = new StringBuilder().append(k);
        for (double v : centers[k]) {
          row.append(',').append(number(v));
        }
        w.print(row.append(',').append(sizes[k]).append('\n'));
      }
    }
  }

  /** Writes {@code report.json}. */
  public static void writeReport(OutputDir dir, ObjectNode report) throws IOException {
    try (OutputStream os = dir.create("report.json")) {
      JSON.writeValue(os, report);
    }
  }

  /** Shortest text that reads back to exactly {@code v}. */
  static String number(double v) {
    return Double.toString(v).toLowerCase(Locale.ROOT);
  }

  static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
