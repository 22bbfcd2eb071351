package dev.aquatope.openwhisk.platform;

import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.client.OpenWhiskConfig;
import java.time.Duration;

/**
 * Settings of an {@link OpenWhiskPlatform}.
 *
 * @param cpuMode how CPU knobs are applied
 * @param userCpus {@code container-pool.user-cpus} of the invokers for {@link CpuMode#MEMORY_COUPLED}
 *     (0 if unknown)
 * @param userMemoryMb {@code container-pool.user-memory} in MB for {@link CpuMode#MEMORY_COUPLED} (0 if
 *     unknown)
 * @param defaultVcpu vCPU billed when neither the activation nor the configuration tells, {@code > 0}
 * @param costModel prices of vCPU- and GB-seconds
 * @param coldWaitThreshold smallest {@code waitTime} that marks a cold (not prewarm) start
 * @param historyLookback how far before a history window rows are read, so containers busy at the
 *     window's start count
 * @param historyMaxPages bound on the pages (200 rows each) read per history call
 * @param blockingTimeoutMs blocking wait of profiling invocations, 1..60000 ms
 * @param pollInterval wait between polls of an activation after a 202
 * @param maxActivationWait bound on polling one activation
 * @param warmupInvocations unmeasured invocations per configuration when a profile asks for warm
 *     containers
 * @param respectRateLimits whether profiling paces invocations under the namespace's
 *     {@code invocationsPerMinute}
 * @param seed seed of the profiling arrival times
 * @param profileCopySuffix if not empty, {@code profile} runs on copies of the workflow's actions
 *     named {@code <action><suffix>} (sequences only), leaving production actions untouched; if
 *     empty, it reconfigures and invokes the workflow's own actions
 */
public record PlatformOptions(CpuMode cpuMode, double userCpus, int userMemoryMb, double defaultVcpu,
    CostModel costModel, Duration coldWaitThreshold, Duration historyLookback, int historyMaxPages,
    long blockingTimeoutMs, Duration pollInterval, Duration maxActivationWait, int warmupInvocations,
    boolean respectRateLimits, long seed, String profileCopySuffix) {

  /** Validates the fields and their combinations. */
  public PlatformOptions {
    Checks.notNull("cpuMode", cpuMode);
    Checks.nonNegative("userCpus", userCpus);
    Checks.nonNegative("userMemoryMb", userMemoryMb);
    if ((userCpus > 0) != (userMemoryMb > 0)) {
      throw new IllegalArgumentException("userCpus and userMemoryMb must be set together, were " + userCpus
          + " and " + userMemoryMb);
    }
    if (cpuMode == CpuMode.MEMORY_COUPLED && userCpus == 0) {
      throw new IllegalArgumentException("cpuMode MEMORY_COUPLED needs userCpus and userMemoryMb");
    }
    Checks.positive("defaultVcpu", defaultVcpu);
    Checks.notNull("costModel", costModel);
    nonNegative("coldWaitThreshold", coldWaitThreshold);
    nonNegative("historyLookback", historyLookback);
    Checks.positive("historyMaxPages", historyMaxPages);
    if (blockingTimeoutMs < 1 || blockingTimeoutMs > OpenWhiskConfig.MAX_BLOCKING_WAIT_MS) {
      throw new IllegalArgumentException("blockingTimeoutMs must be in [1, 60000], was " + blockingTimeoutMs);
    }
    nonNegative("pollInterval", pollInterval);
    if (pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be > 0, was " + pollInterval);
    }
    nonNegative("maxActivationWait", maxActivationWait);
    Checks.nonNegative("warmupInvocations", warmupInvocations);
    Checks.notNull("profileCopySuffix", profileCopySuffix);
    if (!profileCopySuffix.matches("[\\w@.-]*")) {
      throw new IllegalArgumentException("profileCopySuffix must consist of letters, digits, '_', '@', '.', '-', was '"
          + profileCopySuffix + "'");
    }
  }

  /** The default suffix of profiling copies. */
  public static final String DEFAULT_PROFILE_COPY_SUFFIX = "-aqprof";

  /** A new builder with the defaults. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The defaults: AUTO CPU, Azure-like prices, 100 ms cold threshold, 1 warm-up. */
  public static PlatformOptions defaults() {
    return newBuilder().build();
  }

  private static void nonNegative(String name, Duration d) {
    Checks.notNull(name, d);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + d);
    }
  }

  /** Builds {@link PlatformOptions}; each setter may be called once. */
  public static final class Builder {
    private CpuMode cpuMode;
    private Double userCpus;
    private Integer userMemoryMb;
    private Double defaultVcpu;
    private CostModel costModel;
    private Duration coldWaitThreshold;
    private Duration historyLookback;
    private Integer historyMaxPages;
    private Long blockingTimeoutMs;
    private Duration pollInterval;
    private Duration maxActivationWait;
    private Integer warmupInvocations;
    private Boolean respectRateLimits;
    private Long seed;
    private String profileCopySuffix;

    private Builder() {}

    private static void once(String name, Object v) {
      if (v != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    /**
     * Sets the CPU mode (default {@link CpuMode#AUTO}).
     *
     * @param mode the mode
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder cpuMode(CpuMode mode) {
      once("cpuMode", cpuMode);
      cpuMode = Checks.notNull("cpuMode", mode);
      return this;
    }

    /**
     * Sets the invokers' {@code user-cpus} and {@code user-memory} for memory-coupled CPU.
     *
     * @param cpus total CPUs given to actions per invoker, {@code > 0}
     * @param memoryMb total memory given to actions per invoker in MB, {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if not positive
     */
    public Builder userResources(double cpus, int memoryMb) {
      once("userCpus", userCpus);
      userCpus = Checks.positive("userCpus", cpus);
      userMemoryMb = Checks.positive("userMemoryMb", memoryMb);
      return this;
    }

    /**
     * Sets the vCPU billed when unknown (default 1).
     *
     * @param vcpu the vCPU, {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if not positive
     */
    public Builder defaultVcpu(double vcpu) {
      once("defaultVcpu", defaultVcpu);
      defaultVcpu = Checks.positive("defaultVcpu", vcpu);
      return this;
    }

    /**
     * Sets the cost model (default {@link CostModel#azureLike()}).
     *
     * @param model the model
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder costModel(CostModel model) {
      once("costModel", costModel);
      costModel = Checks.notNull("costModel", model);
      return this;
    }

    /**
     * Sets the cold-start wait threshold (default 100 ms).
     *
     * @param threshold the threshold, {@code >= 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder coldWaitThreshold(Duration threshold) {
      once("coldWaitThreshold", coldWaitThreshold);
      nonNegative("coldWaitThreshold", threshold);
      coldWaitThreshold = threshold;
      return this;
    }

    /**
     * Sets the history lookback (default 5 minutes).
     *
     * @param lookback the lookback, {@code >= 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder historyLookback(Duration lookback) {
      once("historyLookback", historyLookback);
      nonNegative("historyLookback", lookback);
      historyLookback = lookback;
      return this;
    }

    /**
     * Sets the bound on pages per history call (default 500).
     *
     * @param pages the bound, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder historyMaxPages(int pages) {
      once("historyMaxPages", historyMaxPages);
      historyMaxPages = Checks.positive("historyMaxPages", pages);
      return this;
    }

    /**
     * Sets the blocking wait of profiling invocations (default 60000 ms).
     *
     * @param ms the wait, 1..60000
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder blockingTimeoutMs(long ms) {
      once("blockingTimeoutMs", blockingTimeoutMs);
      blockingTimeoutMs = ms;
      return this;
    }

    /**
     * Sets the polling of activations after a 202 (defaults 1 s and 5 minutes).
     *
     * @param interval wait between polls, {@code > 0}
     * @param maxWait bound on the polling
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder polling(Duration interval, Duration maxWait) {
      once("pollInterval", pollInterval);
      pollInterval = Checks.notNull("pollInterval", interval);
      maxActivationWait = Checks.notNull("maxActivationWait", maxWait);
      return this;
    }

    /**
     * Sets the warm-up invocations per configuration (default 1).
     *
     * @param n the count, {@code >= 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder warmupInvocations(int n) {
      once("warmupInvocations", warmupInvocations);
      warmupInvocations = Checks.nonNegative("warmupInvocations", n);
      return this;
    }

    /**
     * Sets whether profiling paces invocations under the namespace's limit (default true).
     *
     * @param respect whether to pace
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder respectRateLimits(boolean respect) {
      once("respectRateLimits", respectRateLimits);
      respectRateLimits = respect;
      return this;
    }

    /**
     * Sets the seed of profiling arrival times (default 42).
     *
     * @param s the seed
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder seed(long s) {
      once("seed", seed);
      seed = s;
      return this;
    }

    /**
     * Sets the suffix of profiling copies (default {@value PlatformOptions#DEFAULT_PROFILE_COPY_SUFFIX});
     * the empty string profiles the workflow's own actions in place.
     *
     * @param suffix the suffix, letters, digits, {@code _@.-}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder profileCopySuffix(String suffix) {
      once("profileCopySuffix", profileCopySuffix);
      profileCopySuffix = Checks.notNull("profileCopySuffix", suffix);
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException if the combination is invalid
     */
    public PlatformOptions build() {
      return new PlatformOptions(cpuMode == null ? CpuMode.AUTO : cpuMode, userCpus == null ? 0 : userCpus,
          userMemoryMb == null ? 0 : userMemoryMb, defaultVcpu == null ? 1.0 : defaultVcpu,
          costModel == null ? CostModel.azureLike() : costModel,
          coldWaitThreshold == null ? Duration.ofMillis(100) : coldWaitThreshold,
          historyLookback == null ? Duration.ofMinutes(5) : historyLookback,
          historyMaxPages == null ? 500 : historyMaxPages,
          blockingTimeoutMs == null ? OpenWhiskConfig.MAX_BLOCKING_WAIT_MS : blockingTimeoutMs,
          pollInterval == null ? Duration.ofSeconds(1) : pollInterval,
          maxActivationWait == null ? Duration.ofMinutes(5) : maxActivationWait,
          warmupInvocations == null ? 1 : warmupInvocations,
          respectRateLimits == null || respectRateLimits, seed == null ? 42L : seed,
          profileCopySuffix == null ? DEFAULT_PROFILE_COPY_SUFFIX : profileCopySuffix);
    }
  }
}
