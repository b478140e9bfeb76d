package io.github.meanshift.io;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column references by exact name, so user column names with dots or spaces work. */
public final class Columns {
  private Columns() {}

  /** The column named exactly {@code name} (quoted: no struct-field or dot parsing). */
  public static Column named(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }
}
