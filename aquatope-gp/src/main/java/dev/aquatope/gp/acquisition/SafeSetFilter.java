package dev.aquatope.gp.acquisition;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.model.GaussianProcess;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.special.Erf;

/**
 * Restricts an acquisition function to the candidates that will probably meet the latency bound
 * (a "safe set", as in safe Bayesian optimization): a candidate is safe when the latency model's
 * predictive probability that a measurement there meets the bound,
 * {@code P(y <= bound) = Phi((bound - mean) / sqrt(var + prior + noise))} with the latent posterior
 * {@code mean}, {@code var}, the variance {@code prior} of an uncertain prior mean (0 unless
 * given) and the observation noise {@code noise}, is at least {@link #minProbability()}.
 *
 * <p>{@link #restrict} scores a safe batch (every row safe) by the wrapped acquisition and an
 * unsafe one below every finite acquisition value, ordered by its probability (the least probable
 * row of the batch), so a search over candidates picks the best safe one and, when nothing it
 * scores is safe, the one most likely to be feasible. The wrapped acquisition is not evaluated on
 * unsafe candidates.
 *
 * <p>Units are the model's (e.g. log latency and the log bound when the model works on the log
 * scale). Thread-safe when the model's posterior methods are (they are for
 * {@link GaussianProcess}).
 */
public final class SafeSetFilter {
  /**
   * Unsafe candidates score in {@code [UNSAFE_BASE * 2, UNSAFE_BASE]}: below any acquisition value
   * a qNEI or qLogNEI can take (the log form is bounded below by a few hundred), above
   * {@code -infinity}.
   */
  static final double UNSAFE_BASE = -1e200;

  private final GaussianProcess latency;
  private final double bound;
  private final double noiseVariance;
  private final double minProbability;
  private final ToDoubleFunction<double[]> priorVariance;

  /**
   * Creates a filter.
   *
   * @param latency the latency model (latent posterior)
   * @param bound the latency bound in the model's units, finite
   * @param noiseVariance the observation noise variance in the model's units, {@code >= 0}
   * @param minProbability the smallest probability of meeting the bound that counts as safe, in
   *     {@code [0, 1)}; 0 makes every candidate safe
   * @throws IllegalArgumentException if an argument is null, not finite or out of range
   */
  public SafeSetFilter(GaussianProcess latency, double bound, double noiseVariance, double minProbability) {
    this(latency, bound, noiseVariance, minProbability, x -> 0.0);
  }

  /**
   * Creates a filter whose latency model has an uncertain prior mean (e.g. composed from per-stage
   * models): its variance at a point adds to the model's predictive variance.
   *
   * @param latency the latency model (latent posterior)
   * @param bound the latency bound in the model's units, finite
   * @param noiseVariance the observation noise variance in the model's units, {@code >= 0}
   * @param minProbability the smallest probability of meeting the bound that counts as safe, in
   *     {@code [0, 1)}; 0 makes every candidate safe
   * @param priorVariance the variance of the model's prior mean at a point, in squared model
   *     units; must return a finite value {@code >= 0}
   * @throws IllegalArgumentException if an argument is null, not finite or out of range
   */
  public SafeSetFilter(GaussianProcess latency, double bound, double noiseVariance, double minProbability,
      ToDoubleFunction<double[]> priorVariance) {
    this.priorVariance = Checks.notNull("priorVariance", priorVariance);
    this.latency = Checks.notNull("latency", latency);
    this.bound = Checks.finite("bound", bound);
    this.noiseVariance = Checks.nonNegative("noiseVariance", noiseVariance);
    if (!(minProbability >= 0 && minProbability < 1)) {
      throw new IllegalArgumentException("minProbability must be in [0, 1), was " + minProbability);
    }
    this.minProbability = minProbability;
  }

  /**
   * The observation noise variance of a fitted model in its output units: the learned noise level
   * (standardized units) times the output variance, or the median of the fixed per-point
   * variances.
   *
   * @param model the model
   * @return the variance, {@code >= 0}
   * @throws IllegalArgumentException if {@code model} is null
   */
  public static double noiseVariance(GaussianProcess model) {
    Checks.notNull("model", model);
    double[] fixed = model.trainingNoiseVariances();
    if (fixed != null) {
      java.util.Arrays.sort(fixed);
      return Math.max(fixed[fixed.length / 2], 0);
    }
    double sd = model.outputStd();
    return Math.max(model.hyperparameters().noise() * sd * sd, 0);
  }

  /**
   * The smallest probability that counts as safe.
   *
   * @return the threshold in {@code [0, 1)}
   */
  public double minProbability() {
    return minProbability;
  }

  /**
   * The predictive probability that a measurement at {@code x} meets the bound.
   *
   * @param x one point in the unit cube; not modified
   * @return the probability in {@code [0, 1]}
   * @throws IllegalArgumentException if the point has the wrong length or a non-finite value
   */
  public double probability(double[] x) {
    double[][] xs = {x};
    double mean = latency.posteriorMean(xs)[0];
    double prior = priorVariance.applyAsDouble(x);
    if (!(prior >= 0) || Double.isInfinite(prior)) {
      throw new IllegalStateException("prior-mean variance at " + java.util.Arrays.toString(x)
          + " must be finite and >= 0, was " + prior);
    }
    double sd = Math.sqrt(Math.max(latency.posteriorVariance(xs)[0] + prior + noiseVariance, 1e-300));
    double z = (bound - mean) / sd;
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }

  /**
   * Whether a point is in the safe set.
   *
   * @param x one point in the unit cube; not modified
   * @return whether its probability of meeting the bound is at least {@link #minProbability()}
   * @throws IllegalArgumentException if the point has the wrong length or a non-finite value
   */
  public boolean isSafe(double[] x) {
    return minProbability == 0 || probability(x) >= minProbability;
  }

  /**
   * The acquisition restricted to the safe set (see the class comment).
   *
   * @param acquisition the acquisition to restrict
   * @return the restricted acquisition; {@code acquisition} itself when {@link #minProbability()}
   *     is 0
   * @throws IllegalArgumentException if {@code acquisition} is null
   */
  public AcquisitionFunction restrict(AcquisitionFunction acquisition) {
    Checks.notNull("acquisition", acquisition);
    if (minProbability == 0) {
      return acquisition;
    }
    return candidates -> {
      if (candidates == null || candidates.length == 0) {
        throw new IllegalArgumentException("candidates must not be empty");
      }
      double worst = 1;
      for (int i = 0; i < candidates.length; i++) {
        worst = Math.min(worst, probability(candidates[i]));
      }
      if (worst >= minProbability) {
        return acquisition.evaluate(candidates);
      }
      // In [2 UNSAFE_BASE, UNSAFE_BASE): increasing in the probability, below any finite acquisition value.
      return UNSAFE_BASE * (1 + (minProbability - worst) / minProbability);
    };
  }
}
