package dev.aquatope.openwhisk.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.api.Activation;
import java.util.Optional;

/**
 * What an invocation returned: a finished activation or an accepted (still running) one.
 */
public sealed interface InvokeResult permits InvokeResult.Completed, InvokeResult.Accepted {

  /** The activation id. */
  String activationId();

  /**
   * A finished activation: HTTP 200 (success), 502 (application or developer error) or 500 with
   * an activation body (whisk internal error).
   *
   * @param httpStatus 200, 500 or 502
   * @param activationId from the {@code x-openwhisk-activation-id} header or the body
   * @param activation the record, or {@code null} when invoked with {@code result=true}
   * @param body the raw body (the record, or only the result)
   */
  record Completed(int httpStatus, String activationId, Activation activation, JsonNode body)
      implements InvokeResult {
    /** Validates the fields. */
    public Completed {
      Checks.nonBlank("activationId", activationId);
      Checks.notNull("body", body);
    }

    /** The record, absent when invoked with {@code result=true}. */
    public Optional<Activation> activationOpt() {
      return Optional.ofNullable(activation);
    }

    /** Whether the HTTP status was 200. */
    public boolean isSuccess() {
      return httpStatus == 200;
    }
  }

  /**
   * A 202: the activation is running (non-blocking, or the blocking wait ran out).
   *
   * @param activationId the id to poll
   */
  record Accepted(String activationId) implements InvokeResult {
    /** Validates the id. */
    public Accepted {
      Checks.nonBlank("activationId", activationId);
    }
  }
}
