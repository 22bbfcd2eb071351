package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;
import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * A predictive distribution for the count of the next window (invocations or containers).
 *
 * <p>Treated as a normal distribution centred on the point forecast {@link #mean()} with total
 * spread {@link #std()} (model plus inherent noise), truncated at zero for quantiles because counts
 * cannot be negative. Forecasters calibrate {@code std} so that these quantiles cover what they
 * claim (e.g. the central 90% interval covers about 90% of held-out windows). Forecasters
 * that sample (MC dropout) also expose their {@link #samples()}, which carry the model part of
 * the uncertainty only.
 *
 * @param mean the point forecast of the count, finite and {@code >= 0}: the predictive mean for
 *     most forecasters; a forecaster may document another point (e.g. {@code hybrid-bnn} reports
 *     the count that minimizes the expected SMAPE, often 0 for an idle minute)
 * @param std total predictive standard deviation, finite and {@code >= 0} (0 for point forecasts)
 * @param samples the model's raw samples (possibly empty); copied
 */
public record Forecast(double mean, double std, double[] samples) {
  /** Validates and copies. */
  public Forecast {
    Checks.nonNegative("mean", mean);
    Checks.nonNegative("std", std);
    Checks.notNull("samples", samples);
    samples = samples.clone();
    for (int i = 0; i < samples.length; i++) {
      Checks.finite("samples[" + i + "]", samples[i]);
    }
  }

  /** A point forecast: zero spread, no samples. */
  public static Forecast point(double mean) {
    return new Forecast(mean, 0.0, new double[0]);
  }

  /** A normal forecast without samples. */
  public static Forecast normal(double mean, double std) {
    return new Forecast(mean, std, new double[0]);
  }

  /** A copy of the samples. */
  @Override
  public double[] samples() {
    return samples.clone();
  }

  /**
   * The {@code p}-quantile of the predictive distribution, {@code max(0, mean + std * z_p)}.
   *
   * @param p a probability in (0, 1)
   * @return the quantile, {@code >= 0}
   */
  public double quantile(double p) {
    Checks.openUnit("p", p);
    if (std == 0) {
      return mean;
    }
    double z = Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    return Math.max(0.0, mean + std * z);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Forecast f && Double.compare(mean, f.mean) == 0 && Double.compare(std, f.std) == 0
        && Arrays.equals(samples, f.samples);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(mean) * 31 + Double.hashCode(std) * 17 + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return "Forecast[mean=" + mean + ", std=" + std + ", samples=" + samples.length + "]";
  }
}
