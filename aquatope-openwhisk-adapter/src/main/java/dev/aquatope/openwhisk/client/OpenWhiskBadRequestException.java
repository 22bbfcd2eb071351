package dev.aquatope.openwhisk.client;

/** The request was rejected as invalid (400), e.g. a limit out of range. */
public class OpenWhiskBadRequestException extends OpenWhiskException {
  /**
   * Creates the exception.
   *
   * @param message the description
   * @param errorMessage OpenWhisk's message, may be {@code null}
   * @param errorCode OpenWhisk's code, may be {@code null}
   */
  public OpenWhiskBadRequestException(String message, String errorMessage, String errorCode) {
    super(message, 400, errorMessage, errorCode, null);
  }
}
