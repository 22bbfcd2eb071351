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
 * <p>Optionally ({@link #withNeighbourhood}) the safe set is also local, as in safe Bayesian
 * optimization's expansion from known-safe points: a candidate must also lie within an L1
 * distance (unit-cube coordinates) of some anchor, a configuration measured to meet the bound.
 * The model's probability is least reliable where it extrapolates, and the search picks exactly
 * the candidates whose prediction errs low; a bounded step from measured-safe points caps how far
 * it can be wrong.
 *
 * <p>{@link #restrict} scores a safe batch (every row safe) by the wrapped acquisition and an
 * unsafe one below every finite acquisition value, ordered by its probability (the least probable
 * row of the batch), so a search over candidates picks the best safe one and, when nothing it
 * scores is safe, the one most likely to be feasible; a batch with a row outside the
 * neighbourhood scores lower still, ordered by that row's distance. The wrapped acquisition is not
 * evaluated on unsafe candidates.
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
  /** Candidates outside the neighbourhood score {@code FAR_BASE - distance * FAR_SLOPE}. */
  static final double FAR_BASE = 3 * UNSAFE_BASE;
  private static final double FAR_SLOPE = 1e199;

  private final GaussianProcess latency;
  private final double bound;
  private final double noiseVariance;
  private final double minProbability;
  private final ToDoubleFunction<double[]> priorVariance;
  /** Anchors of the neighbourhood, or null when the safe set is not local. */
  private final double[][] anchors;
  private final double radius;

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
    this.anchors = null;
    this.radius = Double.POSITIVE_INFINITY;
  }

  private SafeSetFilter(SafeSetFilter base, double[][] anchors, double radius) {
    this.latency = base.latency;
    this.bound = base.bound;
    this.noiseVariance = base.noiseVariance;
    this.minProbability = base.minProbability;
    this.priorVariance = base.priorVariance;
    this.anchors = anchors;
    this.radius = radius;
  }

  /**
   * This filter with a local safe set: a candidate also needs an L1 distance of at most
   * {@code radius} (unit-cube coordinates) to some anchor. No effect when
   * {@link #minProbability()} is 0 (every candidate is then safe).
   *
   * @param anchors the configurations measured to meet the bound, in the unit cube; at least one,
   *     each of the model's dimension (copied)
   * @param radius the largest L1 distance to the nearest anchor, {@code > 0}; positive infinity
   *     means no neighbourhood
   * @return the new filter (this one is unchanged)
   * @throws IllegalArgumentException if {@code anchors} is null, empty or has a row of the wrong
   *     length or a non-finite value, or {@code radius} is not positive
   */
  public SafeSetFilter withNeighbourhood(double[][] anchors, double radius) {
    Checks.notNull("anchors", anchors);
    if (anchors.length == 0) {
      throw new IllegalArgumentException("anchors must not be empty");
    }
    if (!(radius > 0)) {
      throw new IllegalArgumentException("radius must be > 0, was " + radius);
    }
    double[][] copy = new double[anchors.length][];
    for (int i = 0; i < anchors.length; i++) {
      Checks.notNull("anchors[" + i + "]", anchors[i]);
      if (anchors[i].length != latency.dimension()) {
        throw new IllegalArgumentException("anchors[" + i + "] must have " + latency.dimension()
            + " coordinates, had " + anchors[i].length);
      }
      for (int j = 0; j < anchors[i].length; j++) {
        Checks.finite("anchors[" + i + "][" + j + "]", anchors[i][j]);
      }
      copy[i] = anchors[i].clone();
    }
    return new SafeSetFilter(this, copy, radius);
  }

  /**
   * The L1 distance from a point to the nearest anchor of the neighbourhood; 0 without one.
   *
   * @param x one point in the unit cube; not modified
   * @return the distance, {@code >= 0}
   * @throws IllegalArgumentException if the point is null or has the wrong length
   */
  public double distanceToAnchors(double[] x) {
    Checks.notNull("x", x);
    if (x.length != latency.dimension()) {
      throw new IllegalArgumentException("x must have " + latency.dimension() + " coordinates, had " + x.length);
    }
    if (anchors == null) {
      return 0.0;
    }
    double nearest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < anchors.length; i++) {
      double[] a = anchors[i];
      double d = 0;
      for (int j = 0; j < a.length && d < nearest; j++) {
        d += Math.abs(x[j] - a[j]);
      }
      nearest = Math.min(nearest, d);
    }
    return nearest;
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
   *     (and it lies in the neighbourhood, if any); always true when the threshold is 0
   * @throws IllegalArgumentException if the point has the wrong length or a non-finite value
   */
  public boolean isSafe(double[] x) {
    return minProbability == 0 || (distanceToAnchors(x) <= radius && probability(x) >= minProbability);
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
      double farthest = 0;
      for (int i = 0; i < candidates.length; i++) {
        farthest = Math.max(farthest, distanceToAnchors(candidates[i]));
      }
      if (farthest > radius) {
        // Below FAR_BASE, decreasing in the distance (an L1 distance in the unit cube is at most
        // the dimension), below every unsafe value.
        return FAR_BASE - farthest * FAR_SLOPE;
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
