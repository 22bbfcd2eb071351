package dev.aquatope.gp.state;

import dev.aquatope.core.model.StageObservation;

/**
 * The JSON form of a {@link StageObservation}: what one evaluation measured of one stage.
 *
 * @param latency the latency statistic of the stage in seconds
 * @param cost the stage's cost per workflow invocation in dollars
 */
public record StageObservationState(double latency, double cost) {

  /**
   * Converts a stage observation.
   *
   * @param s the stage observation
   * @return its JSON form
   */
  public static StageObservationState of(StageObservation s) {
    return new StageObservationState(s.latency(), s.cost());
  }

  /**
   * Converts back.
   *
   * @return the stage observation
   * @throws IllegalArgumentException if a field is invalid
   */
  public StageObservation toStageObservation() {
    return new StageObservation(latency, cost);
  }
}
