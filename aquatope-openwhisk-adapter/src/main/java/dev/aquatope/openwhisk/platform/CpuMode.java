package dev.aquatope.openwhisk.platform;

/** How a configuration's CPU knob reaches OpenWhisk. */
public enum CpuMode {
  /** {@link #EXPLICIT} if {@code GET /} reports {@code cpu_limit_enabled}, else {@link #MEMORY_COUPLED} if
   * {@code userCpus}/{@code userMemoryMb} are configured, else {@link #MEMORY_ONLY}. */
  AUTO,
  /** A PR #4648 build: {@code limits.cpu} is set per action. */
  EXPLICIT,
  /**
   * Stock OpenWhisk with {@code container-pool.user-cpus} (#5443): CPU is proportional to memory,
   * {@code cpus = userCpus * memory / userMemoryMb}, so a CPU target raises the memory limit to
   * {@code ceil(cpu * userMemoryMb / userCpus)} when that is larger than the memory knob.
   */
  MEMORY_COUPLED,
  /** No CPU control: configurations with a CPU knob are rejected. */
  MEMORY_ONLY
}
