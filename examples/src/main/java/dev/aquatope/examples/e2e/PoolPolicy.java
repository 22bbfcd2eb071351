package dev.aquatope.examples.e2e;

import dev.aquatope.core.pool.CascadeOptions;
import dev.aquatope.core.pool.MeanPlusZStdPolicy;
import dev.aquatope.core.pool.PoolSizing;
import dev.aquatope.core.pool.PrewarmPolicy;
import dev.aquatope.core.pool.QuantilePolicy;
import dev.aquatope.core.pool.TargetMeasure;
import dev.aquatope.core.util.Checks;
import java.util.List;
import java.util.Optional;

/**
 * One container-pool policy of the pool benchmark: a forecaster (found by name with
 * {@link dev.aquatope.core.spi.Providers}) and a {@link PrewarmPolicy}, or none at all for the
 * fixed keep-alive baseline.
 *
 * @param label the name printed in reports, e.g. {@code "aquatope"}
 * @param forecaster the forecaster's provider name; empty for the fixed keep-alive baseline (no
 *     prewarming, the platform's keep-alive alone decides)
 * @param prewarm how a forecast becomes a target ({@link PrewarmPolicy#NULL} for keep-alive)
 * @param description one line on what the policy is
 * @param sizing how the scheduler sizes the workflow's stages ({@link PoolSizing#PER_FUNCTION} for
 *     the baselines; the hybrid Bayesian network policies forecast the entry stage's invocations
 *     and size every stage through the learned concurrency model)
 * @param cascade whether the scheduler prewarms the stages it can cover just in time from their
 *     upstream stage's invocations ({@link CascadeOptions#OFF} for the baselines)
 */
public record PoolPolicy(String label, Optional<String> forecaster, PrewarmPolicy prewarm, String description,
    PoolSizing sizing, CascadeOptions cascade) {
  /** The labels {@link #named} knows, in report order. */
  public static final List<String> NAMES = List.of("keep-alive", "histogram", "fft", "fft-q", "fft-cascade",
      "aqualite", "aquatope");

  /**
   * The cascade prewarming of the {@code aquatope} and {@code fft-cascade} policies: the defaults
   * of {@link CascadeOptions#on()} (lead quantile 0.1, margin 0.5 s, keep-alive 3 s).
   */
  public static final CascadeOptions CASCADE = CascadeOptions.on();

  /** The default policies of the pool benchmark. */
  public static final List<String> DEFAULTS = List.of("keep-alive", "histogram", "fft", "aqualite", "aquatope");

  /** Validates the fields. */
  public PoolPolicy {
    Checks.nonBlank("label", label);
    Checks.notNull("forecaster", forecaster);
    Checks.notNull("prewarm", prewarm);
    Checks.notNull("description", description);
    Checks.notNull("sizing", sizing);
    Checks.notNull("cascade", cascade);
    if (forecaster.isEmpty() != (prewarm == PrewarmPolicy.NULL)) {
      throw new IllegalArgumentException("a policy has a forecaster exactly when it prewarms; label " + label);
    }
    if (forecaster.isEmpty() && cascade.enabled()) {
      throw new IllegalArgumentException("the keep-alive baseline has no scheduler and cannot cascade; label " + label);
    }
  }

  /**
   * A policy without cascade prewarming.
   *
   * @param label see the record
   * @param forecaster see the record
   * @param prewarm see the record
   * @param description see the record
   * @param sizing see the record
   */
  public PoolPolicy(String label, Optional<String> forecaster, PrewarmPolicy prewarm, String description,
      PoolSizing sizing) {
    this(label, forecaster, prewarm, description, sizing, CascadeOptions.OFF);
  }

  /**
   * A policy with {@link PoolSizing#PER_FUNCTION} sizing.
   *
   * @param label see the record
   * @param forecaster see the record
   * @param prewarm see the record
   * @param description see the record
   */
  public PoolPolicy(String label, Optional<String> forecaster, PrewarmPolicy prewarm, String description) {
    this(label, forecaster, prewarm, description, PoolSizing.PER_FUNCTION);
  }

  /**
   * What the policy's forecaster forecasts: invocations under
   * {@link PoolSizing#WORKFLOW_CONCURRENCY}, else the containers needed.
   *
   * @return the measure
   */
  public TargetMeasure measure() {
    return sizing == PoolSizing.WORKFLOW_CONCURRENCY ? TargetMeasure.INVOCATIONS : TargetMeasure.CONTAINERS_NEEDED;
  }

  /**
   * A copy with another sizing (the keep-alive baseline, which has no scheduler, is returned as is).
   *
   * @param newSizing the sizing
   * @return the copy
   */
  public PoolPolicy withSizing(PoolSizing newSizing) {
    Checks.notNull("newSizing", newSizing);
    return isKeepAlive() ? this : new PoolPolicy(label, forecaster, prewarm, description, newSizing, cascade);
  }

  /**
   * A copy with other cascade options (e.g. another keep-alive, or off for an ablation).
   *
   * @param newCascade the options
   * @return the copy
   * @throws IllegalArgumentException if this is the keep-alive baseline and {@code newCascade} is enabled
   */
  public PoolPolicy withCascade(CascadeOptions newCascade) {
    return new PoolPolicy(label, forecaster, prewarm, description, sizing, newCascade);
  }

  /** Whether this is the fixed keep-alive baseline (no scheduler at all). */
  public boolean isKeepAlive() {
    return forecaster.isEmpty();
  }

  /**
   * A policy by label.
   *
   * <ul>
   *   <li>{@code keep-alive}: no prewarming, the platform keeps idle containers 10 minutes;
   *   <li>{@code histogram}: the hybrid histogram policy ("histogram"), {@code q}-quantile;
   *   <li>{@code fft}: IceBreaker-style FFT ("fft"), its point forecast (mean), as IceBreaker;
   *   <li>{@code fft-q}: the same FFT forecaster with the {@code q}-quantile of its error band;
   *   <li>{@code fft-cascade}: {@code fft} plus the cascade prewarming of {@code aquatope}
   *       ({@link #CASCADE}), an ablation that shows what the mechanism alone gives;
   *   <li>{@code aqualite}: the hybrid Bayesian network ("hybrid-bnn") without uncertainty: mean;
   *   <li>{@code aquatope}: the hybrid Bayesian network with uncertainty: {@code q}-quantile, with
   *       cascade prewarming ({@link #CASCADE}) of the stages it can cover.
   * </ul>
   * The two hybrid Bayesian network policies use {@link PoolSizing#WORKFLOW_CONCURRENCY} (they
   * forecast the workflow's invocations; the policy applies to each stage's distribution of
   * containers), the baselines {@link PoolSizing#PER_FUNCTION} (as they were published).
   *
   * @param label one of {@link #NAMES}
   * @param q the quantile of the uncertainty-aware policies, in (0, 1)
   * @return the policy
   * @throws IllegalArgumentException if the label is unknown or {@code q} is out of range
   */
  public static PoolPolicy named(String label, double q) {
    Checks.openUnit("quantile", q);
    PrewarmPolicy quantile = new QuantilePolicy(q);
    PrewarmPolicy mean = new MeanPlusZStdPolicy(0.0);
    return switch (label) {
      case "keep-alive" -> new PoolPolicy(label, Optional.empty(), PrewarmPolicy.NULL,
          "fixed keep-alive, no prewarming");
      case "histogram" -> new PoolPolicy(label, Optional.of("histogram"), quantile,
          "hybrid histogram policy (ATC'20), quantile " + q);
      case "fft" -> new PoolPolicy(label, Optional.of("fft"), mean, "IceBreaker-style FFT, point forecast");
      case "fft-q" -> new PoolPolicy(label, Optional.of("fft"), quantile, "FFT with its error band, quantile " + q);
      case "fft-cascade" -> new PoolPolicy(label, Optional.of("fft"), mean,
          "IceBreaker-style FFT, point forecast, with cascade prewarming", PoolSizing.PER_FUNCTION, CASCADE);
      case "aqualite" -> new PoolPolicy(label, Optional.of("hybrid-bnn"), mean,
          "hybrid Bayesian network, mean only (no uncertainty)", PoolSizing.WORKFLOW_CONCURRENCY);
      case "aquatope" -> new PoolPolicy(label, Optional.of("hybrid-bnn"), quantile,
          "hybrid Bayesian network with uncertainty, quantile " + q + ", cascade prewarming",
          PoolSizing.WORKFLOW_CONCURRENCY, CASCADE);
      default -> throw new IllegalArgumentException("unknown pool policy '" + label + "'; known: " + NAMES);
    };
  }
}
