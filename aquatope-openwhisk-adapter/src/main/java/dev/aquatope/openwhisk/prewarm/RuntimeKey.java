package dev.aquatope.openwhisk.prewarm;

import dev.aquatope.core.util.Checks;

/**
 * What a stem cell is keyed by: a runtime kind and a memory size.
 *
 * @param kind the runtime kind, e.g. {@code nodejs:20}
 * @param memoryMb the container memory in MB, {@code > 0}
 */
public record RuntimeKey(String kind, int memoryMb) {
  /** Validates the fields. */
  public RuntimeKey {
    Checks.nonBlank("kind", kind);
    Checks.positive("memoryMb", memoryMb);
  }
}
