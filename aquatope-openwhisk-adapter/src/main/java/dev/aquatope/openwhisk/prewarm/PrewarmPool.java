package dev.aquatope.openwhisk.prewarm;

import dev.aquatope.core.util.Checks;

/**
 * Prewarmed containers of one kind and memory size, as a platform reports them (PR #4790's
 * {@code GET /getRuntime} rows {@code {"kind","memory","number"}}, or a manifest's stem cells).
 *
 * @param kind the runtime kind, or a blackbox image name
 * @param memoryMb container memory in MB, {@code >= 0} (0 when unknown)
 * @param count the number of prewarmed containers (current, or configured)
 */
public record PrewarmPool(String kind, int memoryMb, int count) {
  /** Validates the fields. */
  public PrewarmPool {
    Checks.nonBlank("kind", kind);
    Checks.nonNegative("memoryMb", memoryMb);
    Checks.nonNegative("count", count);
  }
}
