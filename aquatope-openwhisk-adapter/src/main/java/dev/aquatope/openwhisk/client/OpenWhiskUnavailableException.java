package dev.aquatope.openwhisk.client;

/**
 * No usable response: the connection failed, timed out or was dropped, on every attempt or
 * until the overall deadline passed. {@link #status()} is 0.
 */
public class OpenWhiskUnavailableException extends OpenWhiskException {
  /**
   * Creates the exception.
   *
   * @param message the description (what, how many attempts, the deadline)
   * @param cause the last I/O failure, may be {@code null}
   */
  public OpenWhiskUnavailableException(String message, Throwable cause) {
    super(message, 0, null, null, cause);
  }
}
