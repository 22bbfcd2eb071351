package dev.aquatope.openwhisk.client;

/** The resource already exists or was modified concurrently (409). */
public class OpenWhiskConflictException extends OpenWhiskException {
  /**
   * Creates the exception.
   *
   * @param message the description
   * @param errorMessage OpenWhisk's message, may be {@code null}
   * @param errorCode OpenWhisk's code, may be {@code null}
   */
  public OpenWhiskConflictException(String message, String errorMessage, String errorCode) {
    super(message, 409, errorMessage, errorCode, null);
  }
}
