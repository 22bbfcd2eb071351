package dev.aquatope.nn.train;

import dev.aquatope.core.util.Checks;

/**
 * The losses after one training epoch.
 *
 * @param phase which network is training, e.g. {@code "encoder-decoder"}, {@code "prediction"}
 * @param epoch 1-based epoch number
 * @param trainLoss loss on the training split after the epoch (mean squared error in normalized
 *     units, without dropout, on at most 1024 windows), finite and {@code >= 0}
 * @param validationLoss loss on the validation split (without dropout), finite and {@code >= 0}
 * @param improved whether this epoch set a new best validation loss (its weights are kept)
 */
public record EpochStats(String phase, int epoch, double trainLoss, double validationLoss, boolean improved) {
  /** Validates the fields. */
  public EpochStats {
    Checks.nonBlank("phase", phase);
    Checks.positive("epoch", epoch);
    Checks.nonNegative("trainLoss", trainLoss);
    Checks.nonNegative("validationLoss", validationLoss);
  }
}
