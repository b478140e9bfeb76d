package io.github.meanshift.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads Spark's properties-file format: {@code key value} or {@code key=value}, # comments. */
public final class SparkProperties {
  private SparkProperties() {}

  /** The settings in {@code file}, in file order; empty if the file does not exist. */
  public static Map<String, String> read(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String raw : Files.readAllLines(file)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] kv = line.split("\\s*[=\\s]\\s*", 2);
        out.put(kv[0], kv.length > 1 ? kv[1].strip() : "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
