package dev.aquatope.examples.e2e;

import dev.aquatope.core.pool.MeanPlusZStdPolicy;
import dev.aquatope.core.pool.PrewarmPolicy;
import dev.aquatope.core.pool.QuantilePolicy;
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
 */
public record PoolPolicy(String label, Optional<String> forecaster, PrewarmPolicy prewarm, String description) {
  /** The labels {@link #named} knows, in report order. */
  public static final List<String> NAMES = List.of("keep-alive", "histogram", "fft", "fft-q", "aqualite", "aquatope");

  /** The default policies of the pool benchmark. */
  public static final List<String> DEFAULTS = List.of("keep-alive", "histogram", "fft", "aqualite", "aquatope");

  /** Validates the fields. */
  public PoolPolicy {
    Checks.nonBlank("label", label);
    Checks.notNull("forecaster", forecaster);
    Checks.notNull("prewarm", prewarm);
    Checks.notNull("description", description);
    if (forecaster.isEmpty() != (prewarm == PrewarmPolicy.NULL)) {
      throw new IllegalArgumentException("a policy has a forecaster exactly when it prewarms; label " + label);
    }
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
   *   <li>{@code aqualite}: the hybrid Bayesian network ("hybrid-bnn") without uncertainty: mean;
   *   <li>{@code aquatope}: the hybrid Bayesian network with uncertainty: {@code q}-quantile.
   * </ul>
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
      case "aqualite" -> new PoolPolicy(label, Optional.of("hybrid-bnn"), mean,
          "hybrid Bayesian network, mean only (no uncertainty)");
      case "aquatope" -> new PoolPolicy(label, Optional.of("hybrid-bnn"), quantile,
          "hybrid Bayesian network with uncertainty, quantile " + q);
      default -> throw new IllegalArgumentException("unknown pool policy '" + label + "'; known: " + NAMES);
    };
  }
}
