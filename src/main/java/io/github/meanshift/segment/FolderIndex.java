package io.github.meanshift.segment;

import io.github.meanshift.io.OutputDir;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.csv} of a folder run: {@code file, folder, width, height, pixels, regions, seconds,
 * status, error}, one row a picture, in file order.
 */
final class FolderIndex {
  private FolderIndex() {}

  static void write(OutputDir dir, List<FolderEntry> index) throws IOException {
    try (OutputStream os = dir.create(FolderSegmentation.INDEX);
        PrintWriter w = new PrintWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
      w.print("file,folder,width,height,pixels,regions,seconds,status,error\n");
      for (FolderEntry e : index) {
        w.print(
            String.join(
                    ",",
                    csv(e.file()),
                    csv(e.ok() ? e.folder() : ""),
                    "" + e.width(),
                    "" + e.height(),
                    "" + (long) e.width() * e.height(),
                    "" + e.regions(),
                    String.format(Locale.ROOT, "%.3f", e.seconds()),
                    e.status(),
                    csv(e.error()))
                + "\n");
      }
    }
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
