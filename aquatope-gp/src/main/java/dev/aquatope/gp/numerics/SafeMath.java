package dev.aquatope.gp.numerics;

/**
 * Numerically careful scalar and reduction functions used by the acquisition functions.
 *
 * <p>The definitions follow BoTorch's {@code botorch/utils/safe_math.py} (0.12) so that the
 * Java acquisition values agree with BoTorch's to rounding: {@link #softplus} uses torch's
 * threshold of 20, {@link #fatplus}, {@link #fatmoid} and {@link #fatMax} use the same constants
 * (alpha 0.1, inflection 1/sqrt(3), Pareto decay exponent 2). Reductions work on a slice
 * {@code x[from .. from+length)} of a caller-provided array so that the acquisition hot loop does
 * not allocate. Infinities are handled as in BoTorch's {@code _inf_max_helper}: a {@code +inf}
 * maximum yields {@code +inf}, an all-{@code -inf} slice yields {@code -inf}. NaN inputs give NaN
 * outputs (they are never silently replaced).
 */
public final class SafeMath {
  private static final double LN2 = Math.log(2.0);
  private static final double INV_SQRT3 = Math.sqrt(1.0 / 3.0);
  /** torch.nn.functional.softplus's default threshold: above it softplus(x) returns x. */
  private static final double SOFTPLUS_THRESHOLD = 20.0;

  private SafeMath() {}

  /**
   * Softplus {@code log(1 + e^x)} with torch's threshold: returns {@code x} itself for {@code x > 20}.
   *
   * @param x the argument
   * @return softplus of x
   */
  public static double softplus(double x) {
    return x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
  }

  /**
   * Accurate {@code log(1 + e^x)} (Maechler 2012), exactly as BoTorch's {@code log1pexp}.
   *
   * @param x the argument
   * @return log(1 + exp(x))
   */
  public static double log1pexp(double x) {
    return x <= 18.0 ? Math.log1p(Math.exp(x)) : x + Math.exp(-x);
  }

  /**
   * Logarithm of the logistic sigmoid, {@code -log1pexp(-x)}.
   *
   * @param x the argument
   * @return log(sigmoid(x)), in (-inf, 0]
   */
  public static double logExpit(double x) {
    return -log1pexp(-x);
  }

  /**
   * Accurate {@code log(1 - e^x)} for {@code x <= 0} (Maechler 2012).
   *
   * @param x a non-positive argument; 0 gives -inf, positive values give NaN
   * @return log(1 - exp(x))
   */
  public static double log1mexp(double x) {
    return -LN2 < x ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
  }

  /**
   * Logarithm of the softplus with temperature, {@code log(tau * softplus(x / tau))}, accurate for
   * very negative arguments (where softplus underflows) as BoTorch's {@code log_softplus}.
   *
   * @param x the argument
   * @param tau the temperature, {@code > 0}
   * @return log of the tempered softplus
   */
  public static double logSoftplus(double x, double tau) {
    double z = x / tau;
    if (z > -35.0) {
      // torch softplus(x, beta=1/tau, threshold=32) = x if x/tau > 32 else tau*log1p(exp(x/tau))
      double sp = z > 32.0 ? x : tau * Math.log1p(Math.exp(z));
      return Math.log(sp);
    }
    return z + Math.log(tau);
  }

  /**
   * Lorentzian {@code 1 / (1 + x^2)} (an unnormalized Cauchy density).
   *
   * @param x the argument
   * @return the Lorentzian at x
   */
  public static double cauchy(double x) {
    return 1.0 / (1.0 + x * x);
  }

  /**
   * Fat-tailed softplus {@code tau * (softplus(x/tau) + 0.1 * cauchy(x/tau))} (Ament et al. 2023).
   *
   * @param x the argument
   * @param tau the temperature, {@code > 0}
   * @return the fat-tailed smooth ReLU
   */
  public static double fatplus(double x, double tau) {
    double z = x / tau;
    return tau * (softplus(z) + 0.1 * cauchy(z));
  }

  /**
   * Logarithm of {@link #fatplus}; stays finite where {@code log(softplus)} would underflow.
   *
   * @param x the argument
   * @param tau the temperature, {@code > 0}
   * @return log(fatplus(x, tau))
   */
  public static double logFatplus(double x, double tau) {
    return Math.log(fatplus(x, tau));
  }

  /**
   * Fat-tailed sigmoid: {@code (2/3) cauchy(x - 1/sqrt3)} for {@code x < 0}, otherwise
   * {@code 1 - (2/3) cauchy(x + 1/sqrt3)}.
   *
   * @param x the argument
   * @return a value in [0, 1]
   */
  public static double fatmoid(double x) {
    return x < 0 ? 2.0 / 3.0 * cauchy(x - INV_SQRT3) : 1.0 - 2.0 / 3.0 * cauchy(x + INV_SQRT3);
  }

  /**
   * Logarithm of {@link #fatmoid}.
   *
   * @param x the argument
   * @return log(fatmoid(x))
   */
  public static double logFatmoid(double x) {
    return Math.log(fatmoid(x));
  }

  /**
   * Maximum of a slice, NaN if any element is NaN.
   *
   * @param x the values. Not modified.
   * @param from first index
   * @param length number of elements, {@code >= 1}
   * @return the maximum
   */
  public static double max(double[] x, int from, int length) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = from; i < from + length; i++) {
      double v = x[i];
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      if (v > m) {
        m = v;
      }
    }
    return m;
  }

  /**
   * Stable {@code log(sum(exp(x)))} over a slice, with BoTorch's treatment of infinities.
   *
   * @param x the values. Not modified.
   * @param from first index
   * @param length number of elements, {@code >= 1}
   * @return log-sum-exp of the slice
   */
  public static double logSumExp(double[] x, int from, int length) {
    double m = max(x, from, length);
    if (Double.isNaN(m) || Double.isInfinite(m)) {
      return m;
    }
    double s = 0;
    for (int i = from; i < from + length; i++) {
      s += Math.exp(x[i] - m);
    }
    return m + Math.log(s);
  }

  /**
   * Stable {@code log(mean(exp(x)))} over a slice: {@code logSumExp - log(length)}.
   *
   * @param x the values. Not modified.
   * @param from first index
   * @param length number of elements, {@code >= 1}
   * @return log-mean-exp of the slice
   */
  public static double logMeanExp(double[] x, int from, int length) {
    return logSumExp(x, from, length) - Math.log(length);
  }

  /**
   * Smooth maximum {@code tau * logSumExp(x / tau)}, an upper bound of the maximum within
   * {@code tau * log(length)}.
   *
   * @param x the values. Not modified.
   * @param from first index
   * @param length number of elements, {@code >= 1}
   * @param tau the temperature, {@code > 0}
   * @return the smooth maximum
   */
  public static double smoothMax(double[] x, int from, int length, double tau) {
    double m = max(x, from, length);
    if (Double.isNaN(m) || Double.isInfinite(m)) {
      return m;
    }
    double s = 0;
    for (int i = from; i < from + length; i++) {
      s += Math.exp((x[i] - m) / tau);
    }
    return m + tau * Math.log(s);
  }

  /**
   * Fat-tailed smooth maximum {@code M + tau * log(sum_j p((M - x_j) / tau))} with
   * {@code M = max x} and {@code p(z) = 2 / (2 + 2z + z^2)} (BoTorch's {@code fatmax}, alpha 2).
   *
   * @param x the values. Not modified.
   * @param from first index
   * @param length number of elements, {@code >= 1}
   * @param tau the temperature, {@code > 0}
   * @return the fat-tailed smooth maximum, {@code >= max}
   */
  public static double fatMax(double[] x, int from, int length, double tau) {
    double m = max(x, from, length);
    if (Double.isNaN(m) || Double.isInfinite(m)) {
      return m;
    }
    double s = 0;
    for (int i = from; i < from + length; i++) {
      double z = (m - x[i]) / tau;
      s += 2.0 / (2.0 + 2.0 * z + z * z);
    }
    return m + tau * Math.log(s);
  }
}
