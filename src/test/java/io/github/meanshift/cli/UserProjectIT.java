package io.github.meanshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn install} publishes is usable from a user's own Maven project: the packaged jar is
 * installed with its flattened pom (names and versions resolved, Spark provided), and a small
 * project that declares the README's dependency block compiles against it and fits a MeanShift in a
 * Spark ML Pipeline, saved and loaded again.
 */
class UserProjectIT {
  /** Installing, resolving and compiling the user's project, and its Spark run. */
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

  @TempDir Path tmp;

  @Test
  void aUserProjectDependingOnTheInstalledArtifactFitsAPipeline() throws Exception {
    Path home = Path.of("").toAbsolutePath();
    Path dir = Path.of(BuildInfo.CURRENT.directory()).toAbsolutePath();
    ExternalCommand.Run install =
        mvn(
            home,
            "org.apache.maven.plugins:maven-install-plugin:"
                + System.getProperty("install.plugin.version")
                + ":install-file",
            "-Dfile=" + dir.resolve(Launch.JAR),
            "-DpomFile=" + dir.resolve("flattened-pom.xml"));
    assertEquals(0, install.status(), install.tail());

    Path project = tmp.resolve("uses-meanshift");
    copyTree(Path.of(UserProjectIT.class.getResource("/user-project").toURI()), project);
    ExternalCommand.Run build =
        mvn(
            project,
            "compile",
            "dependency:build-classpath",
            "-Dmdep.includeScope=test",
            "-Dmdep.outputFile=classpath.txt");
    assertEquals(0, build.status(), build.tail());

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(BuildInfo.JAVA17_FLAGS);
    command.add("-cp");
    command.add(
        project.resolve("target/classes")
            + java.io.File.pathSeparator
            + Files.readString(project.resolve("classpath.txt")).strip());
    command.add("example.FitPipeline");
    command.add(tmp.resolve("model").toString());
    ExternalCommand.Run run = ExternalCommand.run(project, Map.of(), STEP_TIMEOUT, command);
    assertEquals(0, run.status(), run.tail());
    assertTrue(run.stdout().contains("clusters=3 reloaded=3"), run.tail());
  }

  private static ExternalCommand.Run mvn(Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dstyle.color=never"));
    cmd.addAll(List.of(args));
    return ExternalCommand.run(dir, Map.of(), STEP_TIMEOUT, cmd);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
