package dev.aquatope.openwhisk.client;

/** Authentication failed (401) or the key may not access the resource (403). */
public class OpenWhiskAuthException extends OpenWhiskException {
  /**
   * Creates the exception.
   *
   * @param message the description
   * @param status the HTTP status
   * @param errorMessage OpenWhisk's message, may be {@code null}
   * @param errorCode OpenWhisk's code, may be {@code null}
   */
  public OpenWhiskAuthException(String message, int status, String errorMessage, String errorCode) {
    super(message, status, errorMessage, errorCode, null);
  }
}
