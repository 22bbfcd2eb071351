package dev.aquatope.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EarlyStoppingTrainerTest {
  /** A fake whose validation loss follows a script and whose "weights" are the epoch number. */
  private static final class Scripted implements MinibatchModel {
    final double[] val;
    int epoch;
    int batches;
    double weight;

    Scripted(double... val) {
      this.val = val;
    }

    @Override
    public void fitBatch(int[] idx, int from, int to, SplittableRandom rng) {
      batches++;
    }

    @Override
    public double trainingLoss(int limit) {
      return 1.0;
    }

    @Override
    public double validationLoss() {
      weight = epoch + 1;
      return val[epoch++];
    }

    @Override
    public Map<String, INDArray> weights() {
      return Map.of("w", Nd4j.scalar(weight));
    }

    @Override
    public void setWeights(Map<String, INDArray> w) {
      weight = w.get("w").getDouble(0);
    }
  }

  @Test
  void train_noImprovementForPatience_stopsAndRestoresBest() {
    Scripted m = new Scripted(5, 3, 4, 2.5, 2.6, 2.7, 2.8, 1, 1);
    List<EpochStats> h = new EarlyStoppingTrainer("t", 20, 10, 25, 3).train(m, 100, new SplittableRandom(1),
        EpochListener.NONE);
    assertEquals(7, h.size());
    assertEquals(4.0, m.weight, "weights of epoch 4 (loss 2.5) restored");
    assertEquals(7 * 3, m.batches, "25 samples per epoch in batches of 10");
    assertTrue(h.get(3).improved());
  }

  @Test
  void train_nanLoss_throws() {
    Scripted m = new Scripted(Double.NaN);
    assertThrows(IllegalStateException.class,
        () -> new EarlyStoppingTrainer("t", 2, 10, 10, 1).train(m, 10, new SplittableRandom(1), EpochListener.NONE));
  }

  @Test
  void constructor_badValues_throw() {
    assertThrows(IllegalArgumentException.class, () -> new EarlyStoppingTrainer("t", 0, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new EarlyStoppingTrainer(" ", 1, 1, 1, 1));
  }
}
