package io.github.meanshift.cli;

import io.github.meanshift.common.BadInputException;

/** Bad usage of the command line: reported as one {@code error: ...} line and exit status 2. */
public class UsageException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
