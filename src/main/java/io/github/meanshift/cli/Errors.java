package io.github.meanshift.cli;

import java.io.FileNotFoundException;
import java.nio.file.FileAlreadyExistsException;
import org.apache.spark.sql.AnalysisException;

/** Tells bad input from failures, and finds the one line worth showing for either. */
final class Errors {
  private Errors() {}

  /** Whether {@code e} (or what it wraps) is bad usage or bad input: exit status 2. */
  static boolean isUsage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UsageException
          || t instanceof IllegalArgumentException
          || t instanceof AnalysisException
          || t instanceof FileNotFoundException
          || t instanceof FileAlreadyExistsException) {
        return true;
      }
    }
    return false;
  }

  /** One line: the message of the most telling exception in the chain. */
  static String message(Throwable e) {
    Throwable best = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UsageException || t instanceof IllegalArgumentException) {
        best = t;
        break;
      }
    }
    String m = best.getMessage();
    if (m == null || m.isBlank()) {
      m = best.getClass().getSimpleName();
    }
    m = m.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
