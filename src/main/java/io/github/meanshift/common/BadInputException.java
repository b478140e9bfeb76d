package io.github.meanshift.common;

/**
 * The user's mistake: bad input data, a bad option or param value, a missing column. The command
 * line reports it as one {@code error: ...} line and exits with status 2; any other exception is
 * our failure (status 1). It is an {@link IllegalArgumentException}, as Spark ML's own param checks
 * are, so API users catch it the usual way.
 */
public class BadInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
