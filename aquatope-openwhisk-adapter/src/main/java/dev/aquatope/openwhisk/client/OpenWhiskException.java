package dev.aquatope.openwhisk.client;

import java.util.Optional;

/**
 * Base of every error the OpenWhisk client throws: carries the HTTP status (0 when no response
 * was received) and OpenWhisk's error message and transaction code when the server sent them.
 * Messages never contain credentials.
 */
public class OpenWhiskException extends RuntimeException {
  /** The HTTP status, 0 if none. */
  private final int status;
  /** OpenWhisk's {@code error}, may be null. */
  private final String errorMessage;
  /** OpenWhisk's {@code code}, may be null. */
  private final String errorCode;

  /**
   * Creates an exception.
   *
   * @param message the description (method, path, status and OpenWhisk's message)
   * @param status the HTTP status, or 0 if none
   * @param errorMessage OpenWhisk's {@code error}, may be {@code null}
   * @param errorCode OpenWhisk's {@code code} (transaction id), may be {@code null}
   * @param cause the cause, may be {@code null}
   */
  public OpenWhiskException(String message, int status, String errorMessage, String errorCode, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorMessage = errorMessage;
    this.errorCode = errorCode;
  }

  /** The HTTP status, or 0 if no response was received. */
  public int status() {
    return status;
  }

  /** OpenWhisk's error message, if the server sent one. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  /** OpenWhisk's error code (the transaction id), if the server sent one. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * The typed exception for an HTTP error status.
   *
   * @param what the request, e.g. {@code "GET /api/v1/namespaces/_/actions/a"}
   * @param status the status
   * @param error OpenWhisk's message, may be {@code null}
   * @param code OpenWhisk's code, may be {@code null}
   * @return the exception (not thrown)
   */
  public static OpenWhiskException forStatus(String what, int status, String error, String code) {
    String msg = what + " failed with HTTP " + status + (error == null ? "" : ": " + error)
        + (code == null ? "" : " (code " + code + ")");
    if (status == 401 || status == 403) {
      return new OpenWhiskAuthException(msg, status, error, code);
    } else if (status == 404) {
      return new OpenWhiskNotFoundException(msg, error, code);
    } else if (status == 409) {
      return new OpenWhiskConflictException(msg, error, code);
    } else if (status == 429) {
      return new OpenWhiskThrottledException(msg, error, code);
    } else if (status >= 500) {
      return new OpenWhiskPlatformException(msg, status, error, code);
    } else if (status == 400) {
      return new OpenWhiskBadRequestException(msg, error, code);
    }
    return new OpenWhiskException(msg, status, error, code, null);
  }
}
