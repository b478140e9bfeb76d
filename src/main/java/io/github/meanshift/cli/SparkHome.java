package io.github.meanshift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Spark version (and, where it shows, the Scala version) of a Spark installation: from the name
 * of its {@code jars/spark-core_SCALA-VERSION.jar}, as every distribution has it, else from the
 * first line of its {@code RELEASE} file ("Spark 3.5.5 built for Hadoop 3.3.4").
 */
record SparkHome(Path path, String sparkVersion, String scalaVersion) {
  private static final Pattern CORE_JAR =
      Pattern.compile("spark-core_(\\d+\\.\\d+)-(\\d+\\.\\d+\\.\\d+[^/]*)\\.jar");
  private static final Pattern RELEASE = Pattern.compile("Spark (\\d+\\.\\d+\\.\\d+\\S*)");

  /**
   * Reads the versions of the installation at {@code path}.
   *
   * @throws UsageException if neither the jar nor the RELEASE file tells the version
   */
  static SparkHome of(Path path) {
    Path jars = path.resolve("jars");
    if (Files.isDirectory(jars)) {
      try (Stream<Path> files = Files.list(jars)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Matcher m = CORE_JAR.matcher(f.getFileName().toString());
          if (m.matches()) {
            return new SparkHome(path, m.group(2), m.group(1));
          }
        }
      } catch (IOException e) {
        throw new UsageException("cannot list " + jars + ": " + e.getMessage());
      }
    }
    Path release = path.resolve("RELEASE");
    if (Files.isRegularFile(release)) {
      try (Stream<String> lines = Files.lines(release)) {
        Matcher m = RELEASE.matcher(lines.findFirst().orElse(""));
        if (m.find()) {
          return new SparkHome(path, m.group(1), null);
        }
      } catch (IOException e) {
        throw new UsageException("cannot read " + release + ": " + e.getMessage());
      }
    }
    throw new UsageException(
        "cannot tell the Spark version of SPARK_HOME="
            + path
            + ": it has neither jars/spark-core_*.jar nor a RELEASE file");
  }

  /** The line of this build that runs on this installation. */
  BuildInfo.Line line() {
    for (BuildInfo.Line l : BuildInfo.LINES) {
      if (l.runs(sparkVersion, scalaVersion)) {
        return l;
      }
    }
    StringBuilder lines = new StringBuilder();
    for (BuildInfo.Line l : BuildInfo.LINES) {
      lines.append(lines.length() == 0 ? "" : " and ").append(l);
    }
    throw new UsageException(
        "SPARK_HOME="
            + path
            + " is Spark "
            + sparkVersion
            + (scalaVersion == null ? "" : " (Scala " + scalaVersion + ")")
            + ", but this project builds for "
            + lines
            + " only");
  }
}
