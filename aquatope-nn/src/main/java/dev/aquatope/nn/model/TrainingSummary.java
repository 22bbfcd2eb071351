package dev.aquatope.nn.model;

import dev.aquatope.core.util.Checks;
import dev.aquatope.nn.train.EpochStats;
import java.util.List;

/**
 * What a {@code fit} did: the per-epoch losses of every phase and the validation statistics the
 * uncertainty is calibrated from.
 *
 * @param epochs every epoch of every phase, in order
 * @param trainSamples prediction-network training windows (for the hybrid forecaster: without the
 *     calibration blocks held out of them)
 * @param validationSamples validation windows
 * @param noiseVarianceLog the Uber estimate of the inherent noise variance in {@code log1p(count)}
 *     space, {@code >= 0}: the mean squared validation residual (reported; the hybrid forecaster's
 *     forecasts use its level-conditioned residual noise model instead)
 * @param validationRmseLog RMSE of the MC-mean prediction on the validation split, in
 *     {@code log1p} space, {@code >= 0}
 * @param trainingMillis wall time of the fit (informational; not part of the model's identity)
 */
public record TrainingSummary(List<EpochStats> epochs, int trainSamples, int validationSamples,
    double noiseVarianceLog, double validationRmseLog, long trainingMillis) {
  /** Validates and copies. */
  public TrainingSummary {
    Checks.notNull("epochs", epochs);
    epochs = List.copyOf(epochs);
    Checks.nonNegative("trainSamples", trainSamples);
    Checks.nonNegative("validationSamples", validationSamples);
    Checks.nonNegative("noiseVarianceLog", noiseVarianceLog);
    Checks.nonNegative("validationRmseLog", validationRmseLog);
  }
}
