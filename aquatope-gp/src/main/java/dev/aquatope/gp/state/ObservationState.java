package dev.aquatope.gp.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.StageObservation;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The JSON form of an {@link Observation} (Jackson cannot bind {@code OptionalDouble} or the
 * core records without annotations, which core does not carry).
 *
 * @param configuration parameter values by key
 * @param cost the cost
 * @param latency the latency statistic
 * @param costVariance the cost variance, or null
 * @param latencyVariance the latency variance, or null
 * @param timestamp ISO-8601 instant
 * @param flags flag names
 * @param note the note
 * @param stages the per-stage measurements by stage name, or null if there are none (not written
 *     then; states saved before per-stage measurements existed lack the field)
 */
public record ObservationState(Map<String, Double> configuration, double cost, double latency,
    Double costVariance, Double latencyVariance, String timestamp, List<String> flags, String note,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, StageObservationState> stages) {

  /**
   * Converts an observation.
   *
   * @param o the observation
   * @return its JSON form
   */
  public static ObservationState of(Observation o) {
    Map<String, StageObservationState> stages = null;
    if (!o.stages().isEmpty()) {
      stages = new LinkedHashMap<>();
      for (Map.Entry<String, StageObservation> e : o.stages().entrySet()) {
        stages.put(e.getKey(), StageObservationState.of(e.getValue()));
      }
    }
    return new ObservationState(new LinkedHashMap<>(o.configuration().values()), o.cost(), o.latency(),
        o.costVariance().isPresent() ? o.costVariance().getAsDouble() : null,
        o.latencyVariance().isPresent() ? o.latencyVariance().getAsDouble() : null,
        o.timestamp().toString(), o.flags().stream().map(Enum::name).sorted().toList(), o.note(), stages);
  }

  /**
   * Converts back.
   *
   * @return the observation
   * @throws IllegalArgumentException if a field is invalid
   */
  public Observation toObservation() {
    Set<ObservationFlag> f = EnumSet.noneOf(ObservationFlag.class);
    if (flags != null) {
      for (String s : flags) {
        f.add(ObservationFlag.valueOf(s));
      }
    }
    return new Observation(new Configuration(configuration), cost, latency,
        costVariance == null ? OptionalDouble.empty() : OptionalDouble.of(costVariance),
        latencyVariance == null ? OptionalDouble.empty() : OptionalDouble.of(latencyVariance),
        Instant.parse(timestamp), f, note, stageObservations());
  }

  private Map<String, StageObservation> stageObservations() {
    if (stages == null) {
      return Map.of();
    }
    Map<String, StageObservation> out = new LinkedHashMap<>();
    for (Map.Entry<String, StageObservationState> e : stages.entrySet()) {
      if (e.getValue() == null) {
        throw new IllegalArgumentException("stages[" + e.getKey() + "] must not be null");
      }
      out.put(e.getKey(), e.getValue().toStageObservation());
    }
    return out;
  }
}
