package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code GET /namespaces/{ns}/limits}: the namespace's throttles and action limit bounds. Every
 * field is optional (older deployments report only the throttles).
 *
 * @param invocationsPerMinute invocations allowed per minute (default 120)
 * @param concurrentInvocations invocations allowed in flight (default 100)
 * @param firesPerMinute trigger fires per minute
 * @param allowedKinds runtime kinds the namespace may use, {@code null} for all
 * @param storeActivations whether activations are stored
 * @param minActionMemory smallest memory limit in MB
 * @param maxActionMemory largest memory limit in MB
 * @param minActionLogs smallest log limit in MB
 * @param maxActionLogs largest log limit in MB
 * @param minActionTimeout smallest time limit in ms
 * @param maxActionTimeout largest time limit in ms
 * @param minActionConcurrency smallest intra-container concurrency
 * @param maxActionConcurrency largest intra-container concurrency
 * @param maxParameterSize e.g. {@code "1 MB"}
 * @param maxActionInstances FPC instance limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NamespaceLimits(Integer invocationsPerMinute, Integer concurrentInvocations, Integer firesPerMinute,
    List<String> allowedKinds, Boolean storeActivations, Integer minActionMemory, Integer maxActionMemory,
    Integer minActionLogs, Integer maxActionLogs, Long minActionTimeout, Long maxActionTimeout,
    Integer minActionConcurrency, Integer maxActionConcurrency, String maxParameterSize,
    Integer maxActionInstances) {

  /** OpenWhisk's documented default for {@code invocationsPerMinute}. */
  public static final int DEFAULT_INVOCATIONS_PER_MINUTE = 120;
  /** OpenWhisk's documented default for {@code concurrentInvocations}. */
  public static final int DEFAULT_CONCURRENT_INVOCATIONS = 100;

  /** Copies the kinds list if present. */
  public NamespaceLimits {
    allowedKinds = allowedKinds == null ? null : List.copyOf(allowedKinds);
  }

  /** The per-minute invocation limit, or the documented default if not reported. */
  public int invocationsPerMinuteOrDefault() {
    return invocationsPerMinute != null && invocationsPerMinute > 0 ? invocationsPerMinute
        : DEFAULT_INVOCATIONS_PER_MINUTE;
  }

  /** The concurrent invocation limit, or the documented default if not reported. */
  public int concurrentInvocationsOrDefault() {
    return concurrentInvocations != null && concurrentInvocations > 0 ? concurrentInvocations
        : DEFAULT_CONCURRENT_INVOCATIONS;
  }
}
