package dev.aquatope.gp;

import dev.aquatope.core.util.Checks;

/**
 * Settings of drift detection in {@link GpBatchOptimizer}.
 *
 * <p>Each new observation is predicted by the models fitted at the previous
 * {@link GpBatchOptimizer#suggest}, before it joins them. It is a surprise when its value lies more
 * than {@code zThreshold} predictive standard deviations (noise included, and scaled up by the
 * model's leave-one-out miscalibration when it is overconfident) from the prediction of either
 * model. When at least {@code surprises} of the last {@code lookback} observations are
 * surprises, the optimizer declares drift: every observation but the most recent
 * {@code slidingWindow} is flagged {@link dev.aquatope.core.model.ObservationFlag#STALE}, the
 * models are refitted on the window and {@code reexplore} fresh Sobol points are proposed first.
 *
 * @param enabled whether drift is detected at all
 * @param lookback how many recent observations are considered, {@code >= 1}
 * @param surprises how many of them must be surprises, {@code 1 <= surprises <= lookback}
 * @param zThreshold |z| beyond which an observation is a surprise, {@code > 0}
 * @param slidingWindow observations kept after drift, {@code >= lookback}
 * @param minObservations no detection before the models were fitted on this many observations,
 *     {@code >= 2}
 * @param reexplore fresh Sobol points proposed after drift, {@code >= 0}
 */
public record DriftOptions(boolean enabled, int lookback, int surprises, double zThreshold, int slidingWindow,
    int minObservations, int reexplore) {
  /** Validates the fields and their combinations. */
  public DriftOptions {
    Checks.positive("lookback", lookback);
    Checks.positive("surprises", surprises);
    if (surprises > lookback) {
      throw new IllegalArgumentException("surprises must be <= lookback (" + lookback + "), was " + surprises);
    }
    Checks.positive("zThreshold", zThreshold);
    if (slidingWindow < lookback) {
      throw new IllegalArgumentException("slidingWindow must be >= lookback (" + lookback + "), was " + slidingWindow);
    }
    if (minObservations < 2) {
      throw new IllegalArgumentException("minObservations must be >= 2, was " + minObservations);
    }
    Checks.nonNegative("reexplore", reexplore);
  }

  /**
   * The defaults: 4 of the last 6 beyond 3 standard deviations, keep the last 12, detection from
   * 15 observations on, 5 fresh Sobol points after drift. (3 of the last 4 fired on runs of gross
   * outliers: with 10% of evaluations 5x slow it has a chance of about 0.4% per window, so
   * roughly one 70-evaluation run in five; 4 of 6 about 0.13% per window. 5 of 6 missed real
   * drift: after the first drifted batch is fitted, the model adapts and later points are only
   * about 3 standard deviations off.)
   *
   * @return the default options
   */
  public static DriftOptions defaults() {
    return new DriftOptions(true, 6, 4, 3.0, 12, 15, 5);
  }

  /**
   * Drift detection switched off.
   *
   * @return disabled options
   */
  public static DriftOptions disabled() {
    return new DriftOptions(false, 6, 4, 3.0, 12, 15, 5);
  }
}
