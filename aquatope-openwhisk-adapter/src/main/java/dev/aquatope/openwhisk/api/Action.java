package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * An action as {@code GET /namespaces/{ns}/actions/{name}} returns it.
 *
 * @param namespace the namespace ({@code ns} or {@code ns/pkg})
 * @param name the action's name
 * @param version semantic version, bumped on every update
 * @param publish whether the action is shared
 * @param exec runtime and code (code absent with {@code code=false})
 * @param annotations annotations, may be empty
 * @param parameters bound parameters, may be empty
 * @param limits the limits, {@code cpu} present only on PR #4648 builds
 * @param updated epoch ms of the last update, may be {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Action(String namespace, String name, String version, Boolean publish, Exec exec,
    List<KeyValue> annotations, List<KeyValue> parameters, ActionLimits limits, Long updated) {

  /** Copies the lists, treating absent ones as empty. */
  public Action {
    annotations = annotations == null ? List.of() : List.copyOf(annotations);
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
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
}
