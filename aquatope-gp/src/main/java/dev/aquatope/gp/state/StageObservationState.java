package dev.aquatope.gp.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aquatope.core.model.StageObservation;

/**
 * The JSON form of a {@link StageObservation}: what one evaluation measured of one stage.
 *
 * @param latency the latency statistic of the stage in seconds
 * @param cost the stage's cost per workflow invocation in dollars
 * @param runFraction the fraction of the successful invocations in which it ran; null (states saved
 *     before it existed) means 1
 */
public record StageObservationState(double latency, double cost,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double runFraction) {

  /**
   * Converts a stage observation.
   *
   * @param s the stage observation
   * @return its JSON form
   */
  public static StageObservationState of(StageObservation s) {
    return new StageObservationState(s.latency(), s.cost(), s.runFraction() == 1.0 ? null : s.runFraction());
  }

  /**
   * Converts back.
   *
   * @return the stage observation
   * @throws IllegalArgumentException if a field is invalid
   */
  public StageObservation toStageObservation() {
    return new StageObservation(latency, cost, runFraction == null ? 1.0 : runFraction);
  }
}
