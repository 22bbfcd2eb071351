package dev.aquatope.gp.anomaly;

import java.util.Set;

/**
 * A model checked by {@link LooAnomalyFilter}: refits itself without the removed observations
 * and reports leave-one-out predictions for the rest.
 */
public interface LooTarget {
  /**
   * The model's name, written into the outlier notes (e.g. {@code "latency"}).
   *
   * @return the name
   */
  String name();

  /**
   * Refits the model on its observations minus {@code removed} and returns the leave-one-out
   * predictions of the remaining ones.
   *
   * @param removed caller indices excluded so far; not modified
   * @return the residuals of the observations still in the model
   */
  LooResiduals fitWithout(Set<Integer> removed);
}
