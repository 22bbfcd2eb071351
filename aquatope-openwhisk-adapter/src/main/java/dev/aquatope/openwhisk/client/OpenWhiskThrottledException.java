package dev.aquatope.openwhisk.client;

/** The namespace's rate or concurrency limit was exceeded (429); retried with backoff. */
public class OpenWhiskThrottledException extends OpenWhiskException {
  /**
   * Creates the exception.
   *
   * @param message the description
   * @param errorMessage OpenWhisk's message, may be {@code null}
   * @param errorCode OpenWhisk's code, may be {@code null}
   */
  public OpenWhiskThrottledException(String message, String errorMessage, String errorCode) {
    super(message, 429, errorMessage, errorCode, null);
  }
}
