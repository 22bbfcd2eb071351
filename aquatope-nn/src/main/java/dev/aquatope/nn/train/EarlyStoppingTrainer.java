package dev.aquatope.nn.train;

import dev.aquatope.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minibatch training with early stopping: each epoch visits a seeded random subset of the
 * training samples (all of them if {@code samplesPerEpoch} is at least their number), then
 * measures the training loss (without dropout, on at most {@link #TRAIN_LOSS_SAMPLES} windows)
 * and the validation loss; training stops after {@code patience} epochs without a new best,
 * and the best epoch's weights are restored.
 *
 * @param phase label of the network being trained (reported to the listener)
 * @param maxEpochs most epochs, {@code >= 1}
 * @param batchSize minibatch size, {@code >= 1}
 * @param samplesPerEpoch training samples visited per epoch, {@code >= 1}
 * @param patience epochs without improvement before stopping, {@code >= 1}
 */
public record EarlyStoppingTrainer(String phase, int maxEpochs, int batchSize, int samplesPerEpoch, int patience) {
  /** Most training windows the per-epoch training loss is measured on. */
  public static final int TRAIN_LOSS_SAMPLES = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(EarlyStoppingTrainer.class);

  /** Validates the fields. */
  public EarlyStoppingTrainer {
    Checks.nonBlank("phase", phase);
    Checks.positive("maxEpochs", maxEpochs);
    Checks.positive("batchSize", batchSize);
    Checks.positive("samplesPerEpoch", samplesPerEpoch);
    Checks.positive("patience", patience);
  }

  /**
   * Trains {@code model} and leaves it with the best validation weights.
   *
   * @param model the network and its data
   * @param trainSize number of training samples, {@code >= 1}
   * @param rng generator of the sample order and the dropout masks
   * @param listener told after each epoch
   * @return the epochs' losses
   * @throws IllegalArgumentException if {@code trainSize < 1}
   * @throws IllegalStateException if a loss becomes NaN or infinite
   */
  public List<EpochStats> train(MinibatchModel model, int trainSize, SplittableRandom rng, EpochListener listener) {
    Checks.positive("trainSize", trainSize);
    int[] order = new int[trainSize];
    for (int i = 0; i < trainSize; i++) {
      order[i] = i;
    }
    List<EpochStats> history = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    Map<String, INDArray> bestWeights = null;
    int sinceBest = 0;
    int perEpoch = Math.min(samplesPerEpoch, trainSize);
    for (int epoch = 1; epoch <= maxEpochs; epoch++) {
      shuffle(order, rng);
      for (int from = 0; from < perEpoch; from += batchSize) {
        int to = Math.min(perEpoch, from + batchSize);
        model.fitBatch(order, from, to, rng.split());
      }
      double trainLoss = model.trainingLoss(TRAIN_LOSS_SAMPLES);
      double val = model.validationLoss();
      if (!Double.isFinite(trainLoss) || !Double.isFinite(val)) {
        throw new IllegalStateException(phase + ": loss diverged at epoch " + epoch + " (train " + trainLoss
            + ", validation " + val + "); lower the learning rate");
      }
      boolean improved = val < best;
      if (improved) {
        best = val;
        bestWeights = model.weights();
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      EpochStats s = new EpochStats(phase, epoch, trainLoss, val, improved);
      history.add(s);
      LOG.debug("{}", s);
      listener.onEpoch(s);
      if (sinceBest >= patience) {
        break;
      }
    }
    model.setWeights(bestWeights);
    return List.copyOf(history);
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
