package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * The resources allocated to one stage's containers.
 *
 * @param vcpu allocated vCPU, {@code > 0}
 * @param memoryMb allocated memory in MB, {@code > 0}
 * @param concurrency maximum concurrent requests per container, {@code >= 1}
 */
public record StageResources(double vcpu, double memoryMb, int concurrency) {
  /** Validates the fields. */
  public StageResources {
    Checks.positive("vcpu", vcpu);
    Checks.positive("memoryMb", memoryMb);
    Checks.positive("concurrency", concurrency);
  }
}
