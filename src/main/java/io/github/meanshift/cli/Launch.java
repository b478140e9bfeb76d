package io.github.meanshift.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The launcher behind {@code submit.sh}: resolves the job file and the Spark options, and prints
 * the command to run, NUL-separated, preceded by {@code run} or {@code print} (for --dry-run).
 * Local masters run the job in an embedded Spark of the default line ({@code java -cp}); any other
 * master goes through {@code $SPARK_HOME/bin/spark-submit} with the thin jar of the Spark line that
 * matches $SPARK_HOME's version, its non-Spark dependencies and conf/spark-defaults.conf, plus that
 * line's RAPIDS jar and conf/gpu.conf with --gpu. When that line's jar is missing or older than the
 * sources, it prints {@code build}, the Maven profile ("" for the default line) and the build
 * directory instead, and submit.sh builds it and asks again. Arguments are passed as an array and
 * never evaluated by a shell.
 *
 * <p>Usage: {@code Launch PROJECT_DIR [submit.sh arguments]}.
 */
public final class Launch {
  /**
   * With MEANSHIFT_VECTOR=1 the JVM engine's loops use the Vector API (about 1.4x faster for the
   * Gaussian kernel at d = 2). Off by default because a JVM that loads an incubator module prints
   * "WARNING: Using incubator modules" on stderr at every start.
   */
  private static boolean vectorApi(Map<String, String> env) {
    return "1".equals(env.get("MEANSHIFT_VECTOR")) || "true".equals(env.get("MEANSHIFT_VECTOR"));
  }

  /** The jar's file name in each line's build directory (pom.xml's finalName). */
  static final String JAR = "spark-meanshift.jar";

  private Launch() {}

  public static void main(String[] argv) throws IOException {
    if (argv.length < 1) {
      System.err.println("error: usage: Launch PROJECT_DIR [arguments]");
      System.exit(Main.EXIT_USAGE);
    }
    Path home = Path.of(argv[0]).toAbsolutePath().normalize();
    List<String> args = List.of(argv).subList(1, argv.length);
    List<String> cmd;
    try {
      cmd = command(home, args, System.getenv());
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(Main.EXIT_USAGE);
      return;
    } catch (CommandLine.ParameterException e) {
      System.err.println("error: " + e.getMessage() + " (see --help)");
      System.exit(Main.EXIT_USAGE);
      return;
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    for (String c : cmd) {
      out.print(c);
      out.print('\0');
    }
    out.flush();
  }

  /**
   * The command for {@code args}: first element {@code run} or {@code print}, then the argv; or
   * {@code build}, the Maven profile ("" for the default line) and the build directory, when the
   * line that must run is not built or older than the sources.
   *
   * @param env environment (SPARK_HOME, RAPIDS_JAR, MEANSHIFT_DRIVER_MEMORY)
   */
  static List<String> command(Path home, List<String> args, Map<String, String> env)
      throws IOException {
    CommandLine cli = Main.commandLine();
    List<String> expanded = Main.expandJob(cli, args);
    SparkOptions opts = sparkOptions(cli, expanded);
    List<String> cmd = new ArrayList<>();
    cmd.add(opts != null && opts.dryRun ? "print" : "run");
    List<String> jobArgs = new ArrayList<>();
    for (String a : expanded) {
      if (!a.equals("--dry-run") && !a.startsWith("--dry-run=")) {
        jobArgs.add(a);
      }
    }
    String master = opts == null || opts.master == null ? "local[*]" : opts.master;
    if (master.startsWith("local")) {
      return local(home, env, opts, cmd, jobArgs);
    }
    String sparkHome = env.get("SPARK_HOME");
    if (sparkHome == null || sparkHome.isBlank()) {
      throw new UsageException(
          "--master "
              + master
              + " runs through spark-submit: set SPARK_HOME to a Spark installation of "
              + BuildInfo.LINES.stream()
                  .map(l -> "Spark " + l.name())
                  .collect(java.util.stream.Collectors.joining(" or ")));
    }
    SparkHome installed = SparkHome.of(Path.of(sparkHome));
    BuildInfo.Line line = installed.line();
    Path dir = home.resolve(line.directory());
    if (stale(home, dir)) {
      return List.of("build", line.profile() == null ? "" : line.profile(), dir.toString());
    }
    cmd.add(Path.of(sparkHome, "bin", "spark-submit").toString());
    cmd.add("--master");
    cmd.add(master);
    cmd.add("--class");
    cmd.add(Main.class.getName());
    cmd.add("--name");
    cmd.add("meanshift-" + (jobArgs.isEmpty() ? "job" : jobArgs.get(0)));
    cmd.add("--properties-file");
    cmd.add(home.resolve("conf/spark-defaults.conf").toString());
    cmd.add("--driver-java-options");
    cmd.add(
        "-Dlog4j2.configurationFile="
            + home.resolve("conf/log4j2.properties")
            + " -D"
            + Errors.LOG_FILE_PROPERTY
            + "="
            + logFile(home, env, jobArgs));
    List<String> jars = new ArrayList<>();
    for (String j : read(dir.resolve("classpath-runtime.txt")).split(java.io.File.pathSeparator)) {
      if (!j.isBlank()) {
        jars.add(j);
      }
    }
    if (opts.needsRapidsJar()) {
      jars.add(rapidsJar(line, installed.sparkVersion(), env).toString());
    }
    opts.gpuConf(home.resolve("conf/gpu.conf"))
        .forEach(
            (k, v) -> {
              cmd.add("--conf");
              cmd.add(k + "=" + v);
            });
    if (!jars.isEmpty()) {
      cmd.add("--jars");
      cmd.add(String.join(",", jars));
    }
    if (vectorApi(env)) {
      for (String side : List.of("driver", "executor")) {
        cmd.add("--conf");
        cmd.add("spark." + side + ".extraJavaOptions=--add-modules=" + BuildInfo.VECTOR_MODULE);
      }
    }
    for (String[] kv : opts.confPairs()) {
      cmd.add("--conf");
      cmd.add(kv[0] + "=" + kv[1]);
    }
    cmd.add(dir.resolve(JAR).toString());
    cmd.addAll(jobArgs);
    return cmd;
  }

  /** The embedded run: this (default) line's jar and Spark, in one JVM. */
  private static List<String> local(
      Path home, Map<String, String> env, SparkOptions opts, List<String> cmd, List<String> jobArgs)
      throws IOException {
    BuildInfo.Line line = BuildInfo.CURRENT;
    Path dir = home.resolve(line.directory());
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(BuildInfo.JAVA17_FLAGS);
    if (vectorApi(env)) {
      cmd.add("--add-modules=" + BuildInfo.VECTOR_MODULE);
    }
    String memory = driverMemory(opts, env);
    if (memory != null) {
      cmd.add("-Xmx" + memory);
    }
    cmd.add("-D" + Sessions.HOME_PROPERTY + "=" + home);
    cmd.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties"));
    cmd.add("-D" + Errors.LOG_FILE_PROPERTY + "=" + logFile(home, env, jobArgs));
    cmd.add("-cp");
    String cp =
        dir.resolve(JAR) + java.io.File.pathSeparator + read(dir.resolve("classpath-local.txt"));
    if (opts != null && opts.needsRapidsJar()) {
      cp += java.io.File.pathSeparator + rapidsJar(line, line.spark(), env);
    }
    cmd.add(cp);
    cmd.add(Main.class.getName());
    cmd.addAll(jobArgs);
    return cmd;
  }

  /** The line's RAPIDS jar, checked to have a shim for {@code sparkVersion}. */
  private static Path rapidsJar(BuildInfo.Line line, String sparkVersion, Map<String, String> env) {
    Path jar = RapidsJar.of(line, env);
    RapidsJar.checkShim(jar, line, sparkVersion);
    return jar;
  }

  /**
   * Whether the build in {@code dir} is missing or older than the sources (pom.xml or a file under
   * src/main), like submit.sh's own check of the default line.
   */
  static boolean stale(Path home, Path dir) throws IOException {
    Path jar = dir.resolve(JAR);
    for (String f : List.of(JAR, "classpath-local.txt", "classpath-runtime.txt")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        return true;
      }
    }
    java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(jar);
    if (Files.getLastModifiedTime(home.resolve("pom.xml")).compareTo(built) > 0) {
      return true;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(home.resolve("src/main"))) {
      return files.anyMatch(
          p -> {
            try {
              return Files.isRegularFile(p) && Files.getLastModifiedTime(p).compareTo(built) > 0;
            } catch (IOException e) {
              return true;
            }
          });
    }
  }

  /**
   * Where this run's Spark log goes: $MEANSHIFT_LOG_DIR or the project's logs/, one file per run
   * (command, time, a random suffix against collisions).
   */
  static Path logFile(Path home, Map<String, String> env, List<String> jobArgs) {
    String dir = env.get("MEANSHIFT_LOG_DIR");
    Path logs = dir == null || dir.isBlank() ? home.resolve("logs") : Path.of(dir);
    String stamp =
        java.time.LocalDateTime.now()
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String command = jobArgs.isEmpty() ? "job" : jobArgs.get(0).replaceAll("[^A-Za-z0-9-]", "");
    String suffix = Long.toString(Math.abs(new java.util.Random().nextLong()) % 100000, 36);
    return logs.resolve("meanshift-" + command + "-" + stamp + "-" + suffix + ".log");
  }

  /** The Spark options of the parsed command, or null for help/version requests. */
  private static SparkOptions sparkOptions(CommandLine cli, List<String> args) {
    ParseResult pr = cli.parseArgs(args.toArray(new String[0]));
    if (!pr.hasSubcommand()) {
      return null;
    }
    Object command = pr.subcommand().commandSpec().userObject();
    if (command instanceof ClusteringCommand) {
      return ((ClusteringCommand) command).sparkOptions;
    }
    if (command instanceof GenerateCommand) {
      return ((GenerateCommand) command).sparkOptions;
    }
    return null;
  }

  private static String driverMemory(SparkOptions opts, Map<String, String> env) {
    if (opts != null) {
      for (String[] kv : opts.confPairs()) {
        if (kv[0].equals("spark.driver.memory")) {
          return kv[1];
        }
      }
    }
    return env.get("MEANSHIFT_DRIVER_MEMORY");
  }

  private static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(file + " is missing: build with mvn package first");
    }
    return Files.readString(file).strip();
  }
}
