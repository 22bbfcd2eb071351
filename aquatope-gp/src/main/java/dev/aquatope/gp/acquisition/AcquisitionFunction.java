package dev.aquatope.gp.acquisition;

/**
 * Evaluates a batch of q candidate points (q x d, unit cube); larger is better. Implementations
 * are deterministic given their sampler.
 */
public interface AcquisitionFunction {
  /**
   * Acquisition value of a joint batch.
   *
   * @param candidates q x d points in the unit cube. Not modified.
   * @return the value; larger is better
   * @throws IllegalArgumentException if the batch is empty, a row has the wrong length or a value
   *     is not finite
   */
  double evaluate(double[][] candidates);
}
