package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A message of OpenWhisk's user-events Kafka topic {@code events} ({@code docs/metrics.md}).
 *
 * @param eventType {@code "Activation"} or {@code "Metric"}
 * @param source the emitting component, e.g. {@code "invoker0"}
 * @param subject the subject
 * @param userId the user's uuid
 * @param namespace the namespace
 * @param timestamp epoch ms
 * @param body the event body
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserEvent(String eventType, String source, String subject, String userId, String namespace,
    Long timestamp, JsonNode body) {

  /**
   * The activation event in the body, if this is an {@code Activation} event.
   *
   * @return the body's fields
   */
  public Optional<ActivationEvent> activation() {
    if (!"Activation".equals(eventType) || body == null || !body.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new ActivationEvent(body.path("activationId").asText(null), body.path("name").asText(null),
        body.path("kind").asText(null), body.path("statusCode").asInt(-1), body.path("duration").asLong(0),
        body.path("waitTime").asLong(0), body.path("initTime").asLong(0), body.path("memory").asInt(0),
        body.path("conductor").asBoolean(false), body.path("causedBy").asText(null)));
  }

  /**
   * The body of an {@code Activation} user event.
   *
   * @param activationId the activation's id
   * @param name the action's fully qualified name
   * @param kind the runtime kind
   * @param statusCode 0..3
   * @param duration ms
   * @param waitTime ms
   * @param initTime ms, 0 on a warm start
   * @param memory MB
   * @param conductor whether a conductor action
   * @param causedBy {@code "sequence"} for components, else {@code null}
   */
  public record ActivationEvent(String activationId, String name, String kind, int statusCode, long duration,
      long waitTime, long initTime, int memory, boolean conductor, String causedBy) {}
}
