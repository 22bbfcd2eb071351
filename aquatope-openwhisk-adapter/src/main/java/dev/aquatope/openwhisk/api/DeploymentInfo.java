package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code GET /} of the API host: the deployment's description, system limits and runtimes. PR
 * #4648 builds add {@code limits.cpu_limit_enabled}, {@code min_action_cpu} and
 * {@code max_action_cpu}.
 *
 * @param description normally {@code "OpenWhisk"}
 * @param apiPaths normally {@code ["/api/v1"]}
 * @param limits the system limits object (memory in bytes, durations in ms)
 * @param runtimes runtime families
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentInfo(String description, @JsonProperty("api_paths") List<String> apiPaths,
    JsonNode limits, JsonNode runtimes) {

  /** Copies the list and replaces absent objects by empty ones. */
  public DeploymentInfo {
    apiPaths = apiPaths == null ? List.of() : List.copyOf(apiPaths);
    limits = limits == null ? JsonNodeFactory.instance.objectNode() : limits;
    runtimes = runtimes == null ? JsonNodeFactory.instance.objectNode() : runtimes;
  }

  /** Whether the deployment accepts per-action {@code limits.cpu} (a PR #4648 build with control on). */
  public boolean cpuLimitEnabled() {
    return limits.path("cpu_limit_enabled").asBoolean(false);
  }

  /** Smallest action memory in MB, if reported. */
  public OptionalInt minActionMemoryMb() {
    return bytesAsMb(limits.path("min_action_memory"));
  }

  /** Largest action memory in MB, if reported. */
  public OptionalInt maxActionMemoryMb() {
    return bytesAsMb(limits.path("max_action_memory"));
  }

  /** Smallest CPU limit (PR #4648), if reported. */
  public OptionalDouble minActionCpu() {
    JsonNode n = limits.path("min_action_cpu");
    return n.isNumber() ? OptionalDouble.of(n.asDouble()) : OptionalDouble.empty();
  }

  /** Largest CPU limit (PR #4648), if reported. */
  public OptionalDouble maxActionCpu() {
    JsonNode n = limits.path("max_action_cpu");
    return n.isNumber() ? OptionalDouble.of(n.asDouble()) : OptionalDouble.empty();
  }

  private static OptionalInt bytesAsMb(JsonNode n) {
    return n.isNumber() ? OptionalInt.of((int) (n.asLong() / (1024L * 1024L))) : OptionalInt.empty();
  }
}
