package dev.aquatope.openwhisk.client;

/** The platform failed (5xx); retried with backoff where safe. */
public class OpenWhiskPlatformException extends OpenWhiskException {
  /**
   * Creates the exception.
   *
   * @param message the description
   * @param status the HTTP status
   * @param errorMessage OpenWhisk's message, may be {@code null}
   * @param errorCode OpenWhisk's code, may be {@code null}
   */
  public OpenWhiskPlatformException(String message, int status, String errorMessage, String errorCode) {
    super(message, status, errorMessage, errorCode, null);
  }
}
