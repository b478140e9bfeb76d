package io.github.meanshift.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum whose constants go by lower-case names in params, job files, reports and on the command
 * line ({@code gaussian}, {@code blurring}, ...). Its {@code toString()} should return {@link
 * #paramName()}, so that messages and help list the names users type.
 */
public interface NamedEnum {
  /** The constant's Java name (every enum has it). */
  String name();

  /** Lower-case name used in params, reports and on the command line. */
  default String paramName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The names of every constant of {@code type}, in declaration order. */
  static <E extends Enum<E> & NamedEnum> String[] names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(NamedEnum::paramName).toArray(String[]::new);
  }

  /**
   * The constant named {@code name} (case-insensitive).
   *
   * @param what what the value is, for the message ("kernel")
   * @throws BadInputException naming the value and the names accepted
   */
  static <E extends Enum<E> & NamedEnum> E parse(Class<E> type, String name, String what) {
    for (E e : type.getEnumConstants()) {
      if (e.paramName().equalsIgnoreCase(name)) {
        return e;
      }
    }
    throw new BadInputException(
        "unknown "
            + what
            + " '"
            + name
            + "' (expected "
            + Arrays.stream(names(type)).collect(Collectors.joining(", "))
            + ")");
  }
}
