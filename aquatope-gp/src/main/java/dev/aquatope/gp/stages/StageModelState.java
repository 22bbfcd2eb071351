package dev.aquatope.gp.stages;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.model.GpHyperparameters;

/**
 * The fitted hyperparameters of one stage's surrogates, as saved in an optimizer's state; JSON
 * friendly. A stage whose surrogate is a constant (no knobs, or too few measurements) has null
 * hyperparameters: its constant is recomputed from the same observations.
 *
 * @param stage the stage's name
 * @param latency hyperparameters of the stage's log-latency GP, or null for a constant
 * @param cost hyperparameters of the stage's cost GP (of its log cost rate when {@code costRate},
 *     else of its log cost), or null for a constant
 * @param costRate whether the cost GP models the stage's cost rate, {@code log(cost / (run
 *     fraction x latency))}, rather than its log cost; false in states saved before the cost rate
 *     existed
 */
public record StageModelState(String stage, GpHyperparameters latency, GpHyperparameters cost, boolean costRate) {
  /** Validates the stage name. */
  public StageModelState {
    Checks.nonBlank("stage", stage);
  }
}
