package dev.aquatope.openwhisk.client;

/** The resource does not exist (404); for activations also "not stored yet". */
public class OpenWhiskNotFoundException extends OpenWhiskException {
  /**
   * Creates the exception.
   *
   * @param message the description
   * @param errorMessage OpenWhisk's message, may be {@code null}
   * @param errorCode OpenWhisk's code, may be {@code null}
   */
  public OpenWhiskNotFoundException(String message, String errorMessage, String errorCode) {
    super(message, 404, errorMessage, errorCode, null);
  }
}
