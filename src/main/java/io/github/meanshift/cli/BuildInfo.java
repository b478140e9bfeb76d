package io.github.meanshift.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The versions and JVM flags of this build, read from {@code build.properties}, which Maven fills
 * in from pom.xml's properties (the one place they are written): the Spark line this jar was built
 * for, and every line the sources build with its Spark, Scala and RAPIDS versions.
 */
final class BuildInfo {
  private static final String RESOURCE = "build.properties";
  private static final Properties PROPS = load();

  /** The Java 17 flags Spark needs (pom.xml's spark.java17.flags). */
  static final List<String> JAVA17_FLAGS = List.of(get("java17.flags").trim().split("\\s+"));

  /** The incubating Vector API module of the optional SIMD loops. */
  static final String VECTOR_MODULE = get("vector.module");

  /** Every line the sources build, the default first. */
  static final List<Line> LINES = lines();

  /** The line this jar was built for. */
  static final Line CURRENT = line(get("spark.line"));

  private BuildInfo() {}

  /**
   * One Spark line: its name (major.minor, e.g. 4.2), the Spark patch release it compiles against,
   * the Scala binary version, the RAPIDS Accelerator release with shims for it, and the build
   * directory (relative to the project).
   */
  record Line(String name, String spark, String scala, String rapids, String directory) {
    /** Whether this is the default line (the one plain mvn builds). */
    boolean isDefault() {
      return this.equals(LINES.get(0));
    }

    /** The Maven profile that builds it; null for the default line. */
    String profile() {
      return isDefault() ? null : "spark-" + name;
    }

    /** Whether a Spark installation of this version and Scala version runs this line's jar. */
    boolean runs(String sparkVersion, String scalaVersion) {
      return sparkVersion.startsWith(name + ".")
          && (scalaVersion == null || scalaVersion.equals(scala));
    }

    /** The RAPIDS Accelerator jar's Maven coordinates. */
    String rapidsCoordinates() {
      return "com.nvidia:rapids-4-spark_" + scala + ":" + rapids;
    }

    @Override
    public String toString() {
      return "Spark " + name + " (" + spark + ", Scala " + scala + ")";
    }
  }

  /** The line of the given name. */
  static Line line(String name) {
    for (Line l : LINES) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    throw new IllegalStateException("build.properties names no line " + name);
  }

  private static List<Line> lines() {
    List<Line> out = new ArrayList<>();
    for (int i = 0; PROPS.containsKey("line." + i + ".name"); i++) {
      String p = "line." + i + ".";
      out.add(
          new Line(
              get(p + "name"),
              get(p + "spark"),
              get(p + "scala"),
              get(p + "rapids"),
              get(p + "directory")));
    }
    return List.copyOf(out);
  }

  private static String get(String key) {
    String v = PROPS.getProperty(key);
    if (v == null || v.contains("${")) {
      throw new IllegalStateException(
          RESOURCE + " has no value for " + key + ": the jar was not built by Maven");
    }
    return v;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
