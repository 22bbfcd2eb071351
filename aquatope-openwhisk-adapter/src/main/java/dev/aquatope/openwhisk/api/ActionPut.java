package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code PUT /namespaces/{ns}/actions/{name}}; absent fields are not sent, so an
 * update with {@code overwrite=true} keeps them (OpenWhisk merges partial updates).
 *
 * @param namespace optional namespace
 * @param name optional name (the path names the action)
 * @param version optional version (bumped by the server when absent)
 * @param publish optional publish flag
 * @param exec runtime and code; required to create an action, kept when absent on update
 * @param annotations annotations merged into the existing ones
 * @param delAnnotations annotation keys to remove
 * @param parameters bound parameters
 * @param limits limits; only the present fields change
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionPut(String namespace, String name, String version, Boolean publish, Exec exec,
    List<KeyValue> annotations, List<String> delAnnotations, List<KeyValue> parameters, ActionLimits limits) {

  /** Copies the lists that are present. */
  public ActionPut {
    annotations = annotations == null ? null : List.copyOf(annotations);
    delAnnotations = delAnnotations == null ? null : List.copyOf(delAnnotations);
    parameters = parameters == null ? null : List.copyOf(parameters);
  }

  /**
   * A body holding only {@code limits}: OpenWhisk's partial limits update.
   *
   * @param limits the limits to change
   * @return the body
   */
  public static ActionPut limitsOnly(ActionLimits limits) {
    return new ActionPut(null, null, null, null, null, null, null, null, limits);
  }

  /**
   * A body that creates an action.
   *
   * @param exec runtime and code
   * @param limits limits, or {@code null} for the defaults
   * @return the body
   */
  public static ActionPut create(Exec exec, ActionLimits limits) {
    return new ActionPut(null, null, null, null, exec, null, null, null, limits);
  }
}
