package io.github.meanshift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The RAPIDS Accelerator jar of a Spark line: {@code $RAPIDS_JAR}, or the one Maven fetched into
 * ~/.m2. The jar holds one shim per Spark patch release it supports (top-level folders such as
 * {@code spark420/}); a cluster must run one of those releases exactly.
 */
final class RapidsJar {
  private static final Pattern SHIM = Pattern.compile("spark(\\d{3})/.*");
  private static final Pattern PLAIN_VERSION = Pattern.compile("(\\d)\\.(\\d)\\.(\\d)");

  private RapidsJar() {}

  /**
   * The jar for {@code line}, checked to exist.
   *
   * @throws UsageException naming the path and the command that fetches it, if it is missing
   */
  static Path of(BuildInfo.Line line, Map<String, String> env) {
    String explicit = env.get("RAPIDS_JAR");
    String artifact = "rapids-4-spark_" + line.scala();
    Path jar =
        explicit != null
            ? Path.of(explicit)
            : Path.of(
                System.getProperty("user.home"),
                ".m2/repository/com/nvidia",
                artifact,
                line.rapids(),
                artifact + "-" + line.rapids() + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new UsageException(
          "--gpu needs the RAPIDS Accelerator jar, not found at "
              + jar
              + "; set RAPIDS_JAR or run: mvn dependency:get -Dartifact="
              + line.rapidsCoordinates()
              + " -Dtransitive=false");
    }
    return jar;
  }

  /**
   * Refuses a Spark version that {@code jar} has no shim for. Skipped when the version is not a
   * plain x.y.z release (a vendor build) or the file lists no shims (not a RAPIDS jar).
   */
  static void checkShim(Path jar, BuildInfo.Line line, String sparkVersion) {
    Matcher v = PLAIN_VERSION.matcher(sparkVersion);
    if (!v.matches()) {
      return;
    }
    TreeSet<String> shims = new TreeSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream()
          .map(e -> SHIM.matcher(e.getName()))
          .filter(Matcher::matches)
          .forEach(m -> shims.add(m.group(1)));
    } catch (ZipException e) {
      return; // not a jar: nothing to check against
    } catch (IOException e) {
      throw new UsageException("cannot read the RAPIDS Accelerator jar " + jar + ": " + e);
    }
    String wanted = v.group(1) + v.group(2) + v.group(3);
    if (!shims.isEmpty() && !shims.contains(wanted)) {
      throw new UsageException(
          "the RAPIDS Accelerator "
              + line.rapids()
              + " ("
              + jar
              + ") has no shim for Spark "
              + sparkVersion
              + "; its shims are "
              + String.join(", ", shims));
    }
  }
}
