package dev.aquatope.gp.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.sampling.SobolEngine;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AcquisitionFunction} meets (STYLE rule 20): implementations' tests
 * subclass this and provide {@link #create}.
 */
abstract class AcquisitionFunctionContract {

  /**
   * A fresh acquisition function over {@code dimension}-dimensional inputs.
   *
   * @param dimension input dimension
   * @param seed seed of its sampler
   * @return the acquisition function
   */
  protected abstract AcquisitionFunction create(int dimension, long seed);

  @Test
  void evaluate_sameInputTwice_returnsTheSameFiniteValue() {
    AcquisitionFunction f = create(3, 10);
    double[][] batch = new SobolEngine(3, true, 2).draw(2);
    double a = f.evaluate(batch);
    assertTrue(Double.isFinite(a));
    assertEquals(a, f.evaluate(batch), 0.0);
  }

  @Test
  void evaluate_sameSeed_sameValueAcrossInstances() {
    double[][] batch = new SobolEngine(3, true, 4).draw(1);
    assertEquals(create(3, 5).evaluate(batch), create(3, 5).evaluate(batch), 0.0);
    assertEquals(create(3, 6).evaluate(batch), create(3, 6).evaluate(batch), 0.0);
  }

  @Test
  void evaluate_doesNotModifyCandidates() {
    double[][] batch = new SobolEngine(3, true, 6).draw(3);
    double[][] copy = new double[3][];
    for (int i = 0; i < 3; i++) {
      copy[i] = batch[i].clone();
    }
    create(3, 1).evaluate(batch);
    for (int i = 0; i < 3; i++) {
      assertEquals(java.util.Arrays.toString(copy[i]), java.util.Arrays.toString(batch[i]));
    }
  }

  @Test
  void evaluate_emptyRaggedOrNanBatch_throws() {
    AcquisitionFunction f = create(3, 1);
    assertThrows(IllegalArgumentException.class, () -> f.evaluate(new double[0][]));
    assertThrows(IllegalArgumentException.class,
        () -> f.evaluate(new double[][] {{0.1, 0.2, 0.3}, {0.1}}));
    assertThrows(IllegalArgumentException.class,
        () -> f.evaluate(new double[][] {{0.1, Double.NaN, 0.3}}));
  }
}
