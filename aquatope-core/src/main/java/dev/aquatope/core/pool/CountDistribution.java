package dev.aquatope.core.pool;

import dev.aquatope.core.util.Checks;
import java.util.Arrays;

/**
 * A discrete distribution over whole counts {@code 0, 1, ..., n-1} (e.g. the number of containers
 * a stage needs in the next window), given by its probabilities. Immutable.
 *
 * <p>{@link ConcurrencyModel} produces one per stage and window; a {@link PrewarmPolicy} turns it
 * into a target with {@link PrewarmPolicy#target(CountDistribution)} (the exact discrete quantile
 * for {@link QuantilePolicy}, so that a stage that needs one container 95% of the time gets one,
 * not the two a normal approximation would round up to).
 */
public final class CountDistribution {
  private static final double SUM_TOLERANCE = 1e-6;

  private final double[] probabilities;

  private CountDistribution(double[] probabilities) {
    this.probabilities = probabilities;
  }

  /**
   * A distribution from its probabilities, renormalized to sum to exactly 1.
   *
   * @param probabilities {@code P(count = k)} for {@code k = 0..length-1}: non-empty, finite,
   *     {@code >= 0}, summing to 1 within {@code 1e-6}
   * @return the distribution
   * @throws IllegalArgumentException if the probabilities are invalid
   */
  public static CountDistribution of(double... probabilities) {
    Checks.notNull("probabilities", probabilities);
    if (probabilities.length == 0) {
      throw new IllegalArgumentException("probabilities must not be empty");
    }
    double sum = 0;
    for (int k = 0; k < probabilities.length; k++) {
      Checks.nonNegative("probabilities[" + k + "]", probabilities[k]);
      sum += probabilities[k];
    }
    if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
      throw new IllegalArgumentException("probabilities must sum to 1, summed to " + sum);
    }
    double[] p = new double[probabilities.length];
    for (int k = 0; k < p.length; k++) {
      p[k] = probabilities[k] / sum;
    }
    return new CountDistribution(p);
  }

  /**
   * The distribution that is {@code count} with certainty.
   *
   * @param count the count, {@code >= 0}
   * @return the point mass
   */
  public static CountDistribution point(int count) {
    Checks.nonNegative("count", count);
    double[] p = new double[count + 1];
    p[count] = 1.0;
    return new CountDistribution(p);
  }

  /**
   * The equally weighted mixture of some distributions.
   *
   * @param parts the distributions, non-empty
   * @return their mixture
   */
  public static CountDistribution mixture(CountDistribution... parts) {
    Checks.notNull("parts", parts);
    if (parts.length == 0) {
      throw new IllegalArgumentException("parts must not be empty");
    }
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      Checks.notNull("parts[" + i + "]", parts[i]);
      n = Math.max(n, parts[i].probabilities.length);
    }
    double[] p = new double[n];
    for (CountDistribution d : parts) {
      for (int k = 0; k < d.probabilities.length; k++) {
        p[k] += d.probabilities[k] / parts.length;
      }
    }
    return of(p);
  }

  /**
   * The largest count with a probability slot (every larger count has probability 0).
   *
   * @return {@code n - 1}
   */
  public int max() {
    return probabilities.length - 1;
  }

  /**
   * {@code P(count = k)}.
   *
   * @param k a count
   * @return its probability (0 outside {@code 0..max()})
   */
  public double probability(int k) {
    return k < 0 || k >= probabilities.length ? 0.0 : probabilities[k];
  }

  /**
   * The mean.
   *
   * @return the mean
   */
  public double mean() {
    double m = 0;
    for (int k = 0; k < probabilities.length; k++) {
      m += k * probabilities[k];
    }
    return m;
  }

  /**
   * The standard deviation.
   *
   * @return the standard deviation, {@code >= 0}
   */
  public double std() {
    double m = mean();
    double v = 0;
    for (int k = 0; k < probabilities.length; k++) {
      v += (k - m) * (k - m) * probabilities[k];
    }
    return Math.sqrt(Math.max(0.0, v));
  }

  /**
   * The {@code p}-quantile: the smallest count {@code k} with {@code P(count <= k) >= p} (allowing
   * {@code 1e-9} of rounding error).
   *
   * @param p a probability in (0, 1)
   * @return the quantile
   */
  public int quantile(double p) {
    Checks.openUnit("p", p);
    double acc = 0;
    for (int k = 0; k < probabilities.length; k++) {
      acc += probabilities[k];
      if (acc >= p - 1e-9) {
        return k;
      }
    }
    return probabilities.length - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountDistribution d && Arrays.equals(probabilities, d.probabilities);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "CountDistribution[mean=%.3f, std=%.3f, max=%d]", mean(), std(), max());
  }
}
