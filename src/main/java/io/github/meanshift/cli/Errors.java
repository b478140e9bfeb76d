package io.github.meanshift.cli;

import io.github.meanshift.common.BadInputException;
import java.io.FileNotFoundException;
import java.nio.file.FileAlreadyExistsException;
import org.apache.spark.sql.AnalysisException;

/** Tells bad input from failures, and finds the one line worth showing for either. */
final class Errors {
  /** System property naming the Spark log file (set by submit.sh; see conf/log4j2.properties). */
  static final String LOG_FILE_PROPERTY = "meanshift.log.file";

  private Errors() {}

  /**
   * Whether {@code e} (or what it wraps) is bad usage or bad input: exit status 2. That is our
   * {@link BadInputException} (usage errors included), Spark's analysis errors (a missing file or
   * column), a missing file, an output that exists, a record Spark could not parse. Anything else,
   * an {@link IllegalArgumentException} from a broken invariant of ours included, is a failure.
   */
  static boolean isUsage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadInputException
          || t instanceof AnalysisException
          || t instanceof FileNotFoundException
          || t instanceof FileAlreadyExistsException
          || malformedRecord(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One line: the message of the most telling exception in the chain (bad input first, else the
   * root cause, which for a failed Spark job is the task's own error rather than "Job aborted due
   * to stage failure" and a trace).
   */
  static String message(Throwable e) {
    Throwable best = null;
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (best == null && t instanceof BadInputException) {
        best = t;
      }
      root = t;
    }
    if (best == null) {
      best = root.getMessage() == null ? e : root;
    }
    String m = best.getMessage();
    if (m == null || m.isBlank()) {
      m = best.getClass().getSimpleName();
    }
    m = m.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** A record Spark could not parse (a CSV line of the wrong shape, say): bad input. */
  private static boolean malformedRecord(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName().equals("BadRecordException")
        || (m != null
            && (m.startsWith("[MALFORMED_CSV_RECORD]") || m.startsWith("[MALFORMED_RECORD")));
  }

  /** " (details: FILE)" when Spark's log goes to a file, else "". */
  static String logHint() {
    String file = System.getProperty(LOG_FILE_PROPERTY);
    return file == null || !new java.io.File(file).isFile() ? "" : " (details: " + file + ")";
  }
}
