package io.github.meanshift.cli;

/** Bad usage or bad input: reported as one {@code error: ...} line and exit status 2. */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
