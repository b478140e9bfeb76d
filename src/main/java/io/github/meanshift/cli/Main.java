package io.github.meanshift.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Entry point: {@code submit.sh COMMAND [options]} or {@code submit.sh --job FILE [options]}. Exit
 * status 0 when done, 2 on bad usage or input (one {@code error: ...} line on stderr), 1 on any
 * other failure.
 */
@Command(
    name = "submit.sh",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Mean-shift clustering on Apache Spark.",
    subcommands = {
      MeanShiftCommand.class,
      KMeansCommand.class,
      CompareCommand.class,
      PredictCommand.class,
      BenchCommand.class,
      SegmentCommand.class,
      GenerateCommand.class
    })
public final class Main implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line in this JVM and returns its exit status. */
  public static int run(String... args) {
    PrintWriter err = new PrintWriter(System.err, true);
    CommandLine cli = commandLine();
    List<String> expanded;
    try {
      expanded = expandJob(cli, Arrays.asList(args));
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return EXIT_USAGE;
    }
    return cli.execute(expanded.toArray(new String[0]));
  }

  /** The command line with this program's parsing rules and exit-status mapping. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setOverwrittenOptionsAllowed(true);
    // Options keyed to an estimator's param take that param's default (see ParamOptions).
    cli.setDefaultValueProvider(new ParamOptions());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean usage = Errors.isUsage(ex);
          commandLine
              .getErr()
              .println("error: " + Errors.message(ex) + (usage ? "" : Errors.logHint()));
          if (!usage && System.getenv("MEANSHIFT_DEBUG") != null) {
            ex.printStackTrace(commandLine.getErr());
          }
          return usage ? EXIT_USAGE : EXIT_FAILURE;
        });
    return cli;
  }

  /** Replaces {@code --job FILE} by the job's command and options, before the other arguments. */
  static List<String> expandJob(CommandLine cli, List<String> args) {
    List<String> rest = new ArrayList<>();
    Path job = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--job")) {
        if (i + 1 >= args.size()) {
          throw new UsageException("--job needs a file");
        }
        job = Path.of(args.get(++i));
      } else if (a.startsWith("--job=")) {
        job = Path.of(a.substring("--job=".length()));
      } else {
        rest.add(a);
      }
    }
    if (job == null) {
      return args;
    }
    JobFile jf = JobFile.read(job, cli.getSubcommands().keySet());
    CommandLine sub = cli.getSubcommands().get(jf.command());
    for (String a : jf.args()) {
      String name = a.substring(0, a.indexOf('='));
      OptionSpec o = sub.getCommandSpec().findOption(name);
      if (o == null) {
        throw new UsageException(
            "job file " + job + ": unknown key '" + name.substring(2) + "' for " + jf.command());
      }
    }
    if (!rest.isEmpty() && rest.get(0).equals(jf.command())) {
      rest.remove(0);
    } else if (!rest.isEmpty() && cli.getSubcommands().containsKey(rest.get(0))) {
      throw new UsageException(
          "job file " + job + " runs " + jf.command() + ", not " + rest.get(0));
    }
    List<String> out = new ArrayList<>();
    out.add(jf.command());
    out.addAll(jf.args());
    out.addAll(rest);
    return out;
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"spark-meanshift " + (v == null ? "(development)" : v)};
    }
  }
}
