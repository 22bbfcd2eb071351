package dev.aquatope.gp;

import dev.aquatope.core.util.Checks;

/**
 * Settings of drift detection in {@link GpBatchOptimizer} (the algorithm is in
 * {@link DriftDetector}).
 *
 * <p>Each new observation is predicted by the last fitted models' hyperparameters conditioned on
 * every earlier usable observation (not stale, not an outlier, and not itself a surprise of the
 * current lookback window), before it joins them. It is a surprise when its value lies more than
 * {@code zThreshold} predictive standard deviations (noise included, and scaled up by the model's
 * leave-one-out miscalibration when it is overconfident) from the prediction of either model.
 * When at least {@code surprises} of the last {@code lookback} observations are surprises, the
 * optimizer declares drift: the first surprise of the lookback window is taken as the change
 * point, every observation before it is flagged {@link dev.aquatope.core.model.ObservationFlag#STALE}
 * with the reason, the models are refitted on the observations from the change point on and
 * {@code reexplore} fresh points are proposed first: the most generous configuration (when
 * {@link GpBatchOptimizerOptions#anchorFastest()}), then the cheapest configurations that were
 * feasible before the change, measured again, then scrambled-Sobol points.
 *
 * @param enabled whether drift is detected at all
 * @param lookback how many recent observations are considered, {@code >= 1}
 * @param surprises how many of them must be surprises, {@code 1 <= surprises <= lookback}
 * @param zThreshold |z| beyond which an observation is a surprise, {@code > 0}
 * @param minObservations no detection before the prediction is conditioned on this many
 *     observations, {@code >= 2}
 * @param reexplore fresh points proposed after drift, {@code >= 0}
 * @param minPredictiveStd floor of the predictive standard deviation that the z-scores divide by,
 *     in log units when the models work on the log scale (a relative change: 0.1 means that with
 *     {@code zThreshold} 3 no change below about 35% is a surprise), else relative to the predicted
 *     value, {@code >= 0}; 0 for none. Without it, nearly noise-free measurements let the learned
 *     noise fall to its lower bound, and the first measurements in a region the models only
 *     extrapolate to (e.g. after a design concentrated on the generous configurations) looked like
 *     a change: three false alarms in five noise-free resource-manager runs
 * @param batchSurprises how many surprises of one {@link GpBatchOptimizer#observe} call (one
 *     batch) count, {@code >= 0}; 0 for all. The further ones are recorded as unsurprising (and so
 *     join the data the next observations are judged against). A batch's points are chosen
 *     together and often lie close to each other, so when the models mispredict the region the
 *     search went to, its surprises are one piece of evidence, not three: under safe exploration
 *     one such batch plus one surprise raised 4 false alarms in 15 manager-bench campaigns
 */
public record DriftOptions(boolean enabled, int lookback, int surprises, double zThreshold, int minObservations,
    int reexplore, double minPredictiveStd, int batchSurprises) {
  /** Validates the fields and their combinations. */
  public DriftOptions {
    Checks.positive("lookback", lookback);
    Checks.positive("surprises", surprises);
    if (surprises > lookback) {
      throw new IllegalArgumentException("surprises must be <= lookback (" + lookback + "), was " + surprises);
    }
    Checks.positive("zThreshold", zThreshold);
    if (minObservations < 2) {
      throw new IllegalArgumentException("minObservations must be >= 2, was " + minObservations);
    }
    Checks.nonNegative("reexplore", reexplore);
    Checks.nonNegative("minPredictiveStd", minPredictiveStd);
    Checks.nonNegative("batchSurprises", batchSurprises);
  }

  /**
   * Options counting every surprise of a batch (as before {@code batchSurprises} existed).
   *
   * @param enabled see the record
   * @param lookback see the record
   * @param surprises see the record
   * @param zThreshold see the record
   * @param minObservations see the record
   * @param reexplore see the record
   * @param minPredictiveStd see the record
   * @throws IllegalArgumentException if a value is invalid
   */
  public DriftOptions(boolean enabled, int lookback, int surprises, double zThreshold, int minObservations,
      int reexplore, double minPredictiveStd) {
    this(enabled, lookback, surprises, zThreshold, minObservations, reexplore, minPredictiveStd, 0);
  }

  /**
   * Options without a floor on the predictive spread (as before the floor existed).
   *
   * @param enabled see the record
   * @param lookback see the record
   * @param surprises see the record
   * @param zThreshold see the record
   * @param minObservations see the record
   * @param reexplore see the record
   * @throws IllegalArgumentException if a value is invalid
   */
  public DriftOptions(boolean enabled, int lookback, int surprises, double zThreshold, int minObservations,
      int reexplore) {
    this(enabled, lookback, surprises, zThreshold, minObservations, reexplore, 0, 0);
  }

  /**
   * A copy with another number of fresh points after drift.
   *
   * @param points the fresh points, {@code >= 0}
   * @return the copy
   * @throws IllegalArgumentException if negative
   */
  public DriftOptions withReexplore(int points) {
    return new DriftOptions(enabled, lookback, surprises, zThreshold, minObservations, points, minPredictiveStd,
        batchSurprises);
  }

  /**
   * A copy with another floor of the predictive spread.
   *
   * @param std the floor, {@code >= 0}
   * @return the copy
   * @throws IllegalArgumentException if negative or NaN
   */
  public DriftOptions withMinPredictiveStd(double std) {
    return new DriftOptions(enabled, lookback, surprises, zThreshold, minObservations, reexplore, std,
        batchSurprises);
  }

  /**
   * A copy with another number of surprises counted per batch.
   *
   * @param count the count, {@code >= 0}; 0 for all
   * @return the copy
   * @throws IllegalArgumentException if negative
   */
  public DriftOptions withBatchSurprises(int count) {
    return new DriftOptions(enabled, lookback, surprises, zThreshold, minObservations, reexplore, minPredictiveStd,
        count);
  }

  /**
   * The defaults: 4 of the last 6 beyond 3 standard deviations, detection once the prediction is
   * conditioned on 15 observations, 3 fresh points after drift. (3 of the last 4 fired on runs
   * of gross outliers: with 10% of evaluations 5x slow it has a chance of about 0.4% per window,
   * so roughly one 70-evaluation run in five; 4 of 6 about 0.13% per window. Surprises of the
   * window are left out of the conditioning, so a real change stays surprising until it is
   * declared, even when every new observation repeats one configuration. 3 fresh points, the
   * anchor and two former incumbents, did better than 5 Sobol points on ml-pipeline with a stage
   * twice as slow: see the module README.) Predictive spread at least 0.1 (log units). At most 2
   * surprises counted per batch.
   *
   * @return the default options
   */
  public static DriftOptions defaults() {
    return new DriftOptions(true, 6, 4, 3.0, 15, 3, 0.1, 2);
  }

  /**
   * Drift detection switched off.
   *
   * @return disabled options
   */
  public static DriftOptions disabled() {
    return new DriftOptions(false, 6, 4, 3.0, 15, 3, 0.1, 2);
  }
}
