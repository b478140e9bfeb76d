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
 * Local masters run the job in an embedded Spark ({@code java -cp}); any other master goes through
 * {@code $SPARK_HOME/bin/spark-submit} with the thin jar, its non-Spark dependencies and
 * conf/spark-defaults.conf, plus the RAPIDS jar and conf/gpu.conf with --gpu. Arguments are passed
 * as an array and never evaluated by a shell.
 *
 * <p>Usage: {@code Launch PROJECT_DIR [submit.sh arguments]}.
 */
public final class Launch {
  /** Flags Spark needs on Java 17 (the same list as Surefire's argLine in pom.xml). */
  static final List<String> JAVA17_FLAGS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false");

  static final String RAPIDS_VERSION = "25.04.0";

  /**
   * The Java Vector API module: with MEANSHIFT_VECTOR=1 the JVM engine's loops use it (about 1.4x
   * faster for the Gaussian kernel at d = 2). Off by default because a JVM that loads an incubator
   * module prints "WARNING: Using incubator modules" on stderr at every start.
   */
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  private static boolean vectorApi(Map<String, String> env) {
    return "1".equals(env.get("MEANSHIFT_VECTOR")) || "true".equals(env.get("MEANSHIFT_VECTOR"));
  }

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
   * The command for {@code args}: first element {@code run} or {@code print}, then the argv.
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
    Path jar = home.resolve("target/spark-meanshift.jar");
    if (master.startsWith("local")) {
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(JAVA17_FLAGS);
      if (vectorApi(env)) {
        cmd.add("--add-modules=" + VECTOR_MODULE);
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
          jar + java.io.File.pathSeparator + read(home.resolve("target/classpath-local.txt"));
      if (opts != null && opts.needsRapidsJar()) {
        cp += java.io.File.pathSeparator + rapidsJar(env);
      }
      cmd.add(cp);
      cmd.add(Main.class.getName());
      cmd.addAll(jobArgs);
      return cmd;
    }
    String sparkHome = env.get("SPARK_HOME");
    if (sparkHome == null || sparkHome.isBlank()) {
      throw new UsageException(
          "--master "
              + master
              + " runs through spark-submit: set SPARK_HOME to a Spark 3.5 installation");
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
    for (String j :
        read(home.resolve("target/classpath-runtime.txt")).split(java.io.File.pathSeparator)) {
      if (!j.isBlank()) {
        jars.add(j);
      }
    }
    if (opts.needsRapidsJar()) {
      jars.add(rapidsJar(env).toString());
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
        cmd.add("spark." + side + ".extraJavaOptions=--add-modules=" + VECTOR_MODULE);
      }
    }
    for (String[] kv : opts.confPairs()) {
      cmd.add("--conf");
      cmd.add(kv[0] + "=" + kv[1]);
    }
    cmd.add(jar.toString());
    cmd.addAll(jobArgs);
    return cmd;
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

  /** The RAPIDS Accelerator jar: $RAPIDS_JAR, or the one Maven fetched into ~/.m2. */
  static Path rapidsJar(Map<String, String> env) {
    String explicit = env.get("RAPIDS_JAR");
    Path jar =
        explicit != null
            ? Path.of(explicit)
            : Path.of(
                System.getProperty("user.home"),
                ".m2/repository/com/nvidia/rapids-4-spark_2.12",
                RAPIDS_VERSION,
                "rapids-4-spark_2.12-" + RAPIDS_VERSION + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new UsageException(
          "--gpu needs the RAPIDS Accelerator jar, not found at "
              + jar
              + "; set RAPIDS_JAR or run: mvn dependency:get"
              + " -Dartifact=com.nvidia:rapids-4-spark_2.12:"
              + RAPIDS_VERSION
              + " -Dtransitive=false");
    }
    return jar;
  }

  private static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(file + " is missing: build with mvn package first");
    }
    return Files.readString(file).strip();
  }
}
