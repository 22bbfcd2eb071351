package dev.aquatope.core.model;

/** What physical resource a {@link Knob} controls; platforms map knobs to resources by kind. */
public enum KnobKind {
  /** Allocated vCPU (e.g. 0.1 to 4.0 in steps of 0.1). */
  CPU,
  /** Allocated memory in MB. */
  MEMORY,
  /** Maximum concurrent requests per container. */
  CONCURRENCY,
  /** Any other platform-specific integer or real setting. */
  OTHER
}
