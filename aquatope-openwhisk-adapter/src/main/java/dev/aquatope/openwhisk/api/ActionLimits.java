package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aquatope.core.util.Checks;

/**
 * An action's {@code limits}; every field is optional so that the same record serves as a
 * partial update ({@code PUT ?overwrite=true} with only the fields to change; absent fields are
 * not serialized).
 *
 * @param timeout time limit in ms, {@code > 0} when present
 * @param memory memory in MB, {@code > 0} when present
 * @param logs log limit in MB, {@code >= 0} when present
 * @param concurrency intra-container concurrency, {@code >= 1} when present
 * @param instances FPC scheduler's instance limit, {@code >= 1} when present
 * @param cpu CPU threads (PR #4648 builds only), finite and {@code > 0} when present
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionLimits(Integer timeout, Integer memory, Integer logs, Integer concurrency,
    Integer instances, Double cpu) {

  /** Validates the fields that are present. */
  public ActionLimits {
    if (timeout != null) {
      Checks.positive("timeout", timeout);
    }
    if (memory != null) {
      Checks.positive("memory", memory);
    }
    if (logs != null) {
      Checks.nonNegative("logs", logs);
    }
    if (concurrency != null) {
      Checks.positive("concurrency", concurrency);
    }
    if (instances != null) {
      Checks.positive("instances", instances);
    }
    if (cpu != null) {
      Checks.positive("cpu", cpu);
    }
  }

  /**
   * A partial update that sets only memory.
   *
   * @param memoryMb memory in MB, {@code > 0}
   * @return the limits
   */
  public static ActionLimits memoryOnly(int memoryMb) {
    return new ActionLimits(null, memoryMb, null, null, null, null);
  }

  /** Whether no field is set (an update with it would change nothing). */
  @JsonIgnore
  public boolean isEmpty() {
    return timeout == null && memory == null && logs == null && concurrency == null && instances == null
        && cpu == null;
  }

  /**
   * This limits object with every field present in {@code update} replaced, as OpenWhisk's
   * partial {@code PUT} merges them.
   *
   * @param update the partial update
   * @return the merged limits
   */
  public ActionLimits mergedWith(ActionLimits update) {
    return new ActionLimits(
        update.timeout != null ? update.timeout : timeout,
        update.memory != null ? update.memory : memory,
        update.logs != null ? update.logs : logs,
        update.concurrency != null ? update.concurrency : concurrency,
        update.instances != null ? update.instances : instances,
        update.cpu != null ? update.cpu : cpu);
  }
}
