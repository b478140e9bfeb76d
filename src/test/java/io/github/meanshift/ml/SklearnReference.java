package io.github.meanshift.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Results recorded from scikit-learn by {@code src/test/resources/sklearn/make_reference.py} (see
 * that script for the exact command and version).
 */
final class SklearnReference {
  private static JsonNode root;

  private SklearnReference() {}

  static synchronized JsonNode get(String... path) {
    if (root == null) {
      try (InputStream in = SklearnReference.class.getResourceAsStream("/sklearn/reference.json")) {
        root = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    JsonNode n = root;
    for (String p : path) {
      n = n.get(p);
      if (n == null) {
        throw new IllegalArgumentException("no reference entry " + String.join("/", path));
      }
    }
    return n;
  }

  static double[][] matrix(JsonNode node) {
    double[][] m = new double[node.size()][];
    for (int i = 0; i < m.length; i++) {
      JsonNode row = node.get(i);
      m[i] = new double[row.size()];
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = row.get(j).asDouble();
      }
    }
    return m;
  }

  static int[] ints(JsonNode node) {
    int[] v = new int[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).asInt();
    }
    return v;
  }
}
