package io.github.meanshift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job file: the options of one run, one {@code key = value} a line ({@code #} starts a comment),
 * with {@code command = NAME} naming the command. Keys are option names without the leading dashes;
 * a key may repeat for repeatable options ({@code conf}). The file becomes arguments placed before
 * the command line's, so command-line options override it.
 */
final class JobFile {
  private static final Pattern LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*)\\s*=\\s*(.*)$");

  private final String command;
  private final List<String> args;

  private JobFile(String command, List<String> args) {
    this.command = command;
    this.args = args;
  }

  /**
   * Reads {@code file}.
   *
   * @param commands known command names
   * @throws UsageException naming the file and line of any problem
   */
  static JobFile read(Path file, Set<String> commands) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UsageException("cannot read job file " + file + ": " + e.getMessage());
    }
    String command = null;
    List<String> args = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new UsageException(
            "job file "
                + file
                + " line "
                + (i + 1)
                + ": expected 'key = value', got '"
                + line
                + "'");
      }
      String key = m.group(1);
      String value = m.group(2).strip();
      if (key.equals("command")) {
        if (!commands.contains(value)) {
          throw new UsageException(
              "job file " + file + " line " + (i + 1) + ": unknown command '" + value + "'");
        }
        command = value;
      } else {
        args.add("--" + key + "=" + value);
      }
    }
    if (command == null) {
      throw new UsageException("job file " + file + " has no 'command = NAME' line");
    }
    return new JobFile(command, args);
  }

  String command() {
    return command;
  }

  /** The options, as {@code --key=value} arguments. */
  List<String> args() {
    return args;
  }
}
