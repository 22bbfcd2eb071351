package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An activation's {@code response}. The REST form has {@code status} and {@code success}; the
 * stored form (and older docs) has {@code statusCode}; both parse.
 *
 * @param result the action's result, may be {@code null} in summary rows
 * @param size result size in bytes, optional
 * @param status {@code "success"}, {@code "application error"}, {@code "action developer error"}
 *     or {@code "whisk internal error"}, optional
 * @param success whether the activation succeeded, optional
 * @param statusCode 0..3, optional
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActivationResponse(JsonNode result, Integer size, String status, Boolean success,
    Integer statusCode) {

  /** Status code 0: success. */
  public static final int SUCCESS = 0;
  /** Status code 1: the action returned an error. */
  public static final int APPLICATION_ERROR = 1;
  /** Status code 2: the action failed (crash, timeout, out of memory). */
  public static final int DEVELOPER_ERROR = 2;
  /** Status code 3: the platform failed. */
  public static final int WHISK_ERROR = 3;

  /**
   * The numeric status code, from {@code statusCode} or else derived from {@code status} /
   * {@code success}.
   *
   * @return 0..3, or {@code -1} if neither form is present
   */
  public int effectiveStatusCode() {
    if (statusCode != null) {
      return statusCode;
    }
    if (status != null) {
      switch (status) {
        case "success":
          return SUCCESS;
        case "application error":
          return APPLICATION_ERROR;
        case "action developer error":
          return DEVELOPER_ERROR;
        case "whisk internal error":
          return WHISK_ERROR;
        default:
          break;
      }
    }
    if (success != null) {
      return success ? SUCCESS : APPLICATION_ERROR;
    }
    return -1;
  }
}
