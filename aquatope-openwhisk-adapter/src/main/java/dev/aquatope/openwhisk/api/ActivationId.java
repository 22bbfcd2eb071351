package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.aquatope.core.util.Checks;

/**
 * The body of a 202 invoke response: {@code {"activationId": "..."}}.
 *
 * @param activationId the activation's id, non-blank
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActivationId(String activationId) {
  /** Validates the id. */
  public ActivationId {
    Checks.nonBlank("activationId", activationId);
  }
}
