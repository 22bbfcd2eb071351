package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An activation record: a full record ({@code GET /activations/{id}}, {@code docs=true}, a
 * blocking invoke) or a summary row ({@code docs=false}; no {@code response.result}, no
 * {@code logs}).
 *
 * <p>Start kinds follow OPENWHISK.md section 1.6: {@code initTime} present means {@code /init}
 * ran (a cold start or a start from a prewarmed stem cell); absent means a warm start.
 *
 * @param namespace the invoking namespace
 * @param name the action's name
 * @param version the action's version
 * @param subject the invoking subject (full records only)
 * @param activationId 32 hex characters
 * @param start epoch ms; for primitive actions it includes {@code initTime}
 * @param end epoch ms; {@code null} or 0 while running
 * @param duration ms; for sequences and conductors the <em>sum</em> of the components
 * @param cause parent activation id of a component, {@code null} at top level
 * @param statusCode top-level status code (summary rows), optional
 * @param response the response (full records), optional
 * @param logs log lines, or the component ids of a sequence or conductor
 * @param annotations annotations ({@code path, kind, limits, waitTime, initTime, ...})
 * @param publish whether published
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Activation(String namespace, String name, String version, String subject, String activationId,
    long start, Long end, Long duration, String cause, Integer statusCode, ActivationResponse response,
    List<String> logs, List<KeyValue> annotations, Boolean publish) {

  /** Copies the lists, treating absent ones as empty. */
  public Activation {
    logs = logs == null ? List.of() : List.copyOf(logs);
    annotations = annotations == null ? List.of() : List.copyOf(annotations);
  }

  /**
   * The value of an annotation.
   *
   * @param key the annotation's name
   * @return its value, or empty if absent
   */
  public Optional<JsonNode> annotation(String key) {
    return KeyValue.find(annotations, key);
  }

  /** The {@code initTime} annotation in ms, present only if {@code /init} ran. */
  public OptionalLong initTime() {
    return annotation("initTime").filter(JsonNode::isNumber).map(n -> OptionalLong.of(n.asLong()))
        .orElse(OptionalLong.empty());
  }

  /** The {@code waitTime} annotation in ms (0 if absent). */
  public long waitTime() {
    return annotation("waitTime").filter(JsonNode::isNumber).map(JsonNode::asLong).orElse(0L);
  }

  /** Whether {@code /init} ran: a cold start or a start from a prewarmed stem cell. */
  @JsonIgnore
  public boolean isColdOrPrewarm() {
    return initTime().isPresent();
  }

  /** The {@code path} annotation ({@code ns/[pkg/]action}), if present. */
  public Optional<String> path() {
    return annotation("path").filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  /** The {@code kind} annotation, if present. */
  public Optional<String> kind() {
    return annotation("kind").filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  /** The {@code limits} annotation: the limits this activation ran under. */
  public Optional<ActionLimits> limits() {
    return annotation("limits").filter(JsonNode::isObject).map(n -> {
      try {
        return new ActionLimits(intOrNull(n, "timeout"), intOrNull(n, "memory"), intOrNull(n, "logs"),
            intOrNull(n, "concurrency"), intOrNull(n, "instances"),
            n.path("cpu").isNumber() ? n.path("cpu").asDouble() : null);
      } catch (IllegalArgumentException e) {
        return null; // a malformed annotation is treated as absent
      }
    });
  }

  /** Whether this is a top-level sequence or conductor record ({@code topmost: true}). */
  @JsonIgnore
  public boolean isTopmost() {
    return annotation("topmost").map(JsonNode::asBoolean).orElse(false);
  }

  /** Whether this is a conductor's primary record ({@code conductor: true}). */
  @JsonIgnore
  public boolean isConductorPrimary() {
    return annotation("conductor").map(n -> n.isBoolean() && n.asBoolean()).orElse(false);
  }

  /** Whether the activation has finished ({@code end} present and not 0). */
  @JsonIgnore
  public boolean isFinished() {
    return end != null && end > 0;
  }

  /**
   * The status code from the top level or, failing that, from the response.
   *
   * @return 0..3, or {@code -1} if unknown
   */
  public int effectiveStatusCode() {
    if (statusCode != null) {
      return statusCode;
    }
    return response == null ? -1 : response.effectiveStatusCode();
  }

  /** Whether the activation succeeded (status code 0). */
  @JsonIgnore
  public boolean isSuccess() {
    return effectiveStatusCode() == ActivationResponse.SUCCESS;
  }

  /**
   * Server-side end-to-end latency in ms: {@code end - start + waitTime}. For sequences and
   * conductors use this, not {@link #duration()} (a sum of the components).
   *
   * @return the latency
   * @throws IllegalStateException if the activation has not finished
   */
  public long endToEndMillis() {
    if (!isFinished()) {
      throw new IllegalStateException("activation " + activationId + " has not finished");
    }
    return end - start + waitTime();
  }

  private static Integer intOrNull(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNumber() ? v.asInt() : null;
  }
}
