package dev.aquatope.nn.train;

import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What {@link EarlyStoppingTrainer} needs from a network and its data. */
public interface MinibatchModel {
  /**
   * One optimizer step on the training samples {@code idx[from .. to)}.
   *
   * @param idx shuffled training sample indices
   * @param from first position
   * @param to one past the last position
   * @param rng generator of this step's dropout masks
   */
  void fitBatch(int[] idx, int from, int to, SplittableRandom rng);

  /**
   * The loss on (a fixed subset of at most {@code limit} windows of) the training split, without
   * dropout, so that it compares with {@link #validationLoss()}.
   *
   * @param limit most windows to evaluate
   * @return the loss
   */
  double trainingLoss(int limit);

  /** The loss on the validation split, without dropout. */
  double validationLoss();

  /** Detached copies of the current weights. */
  Map<String, INDArray> weights();

  /** Overwrites the weights with a copy from {@link #weights()}. */
  void setWeights(Map<String, INDArray> weights);
}
