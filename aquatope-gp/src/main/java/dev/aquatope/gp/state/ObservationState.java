package dev.aquatope.gp.state;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
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
 */
public record ObservationState(Map<String, Double> configuration, double cost, double latency,
    Double costVariance, Double latencyVariance, String timestamp, List<String> flags, String note) {

  /**
   * Converts an observation.
   *
   * @param o the observation
   * @return its JSON form
   */
  public static ObservationState of(Observation o) {
    return new ObservationState(new LinkedHashMap<>(o.configuration().values()), o.cost(), o.latency(),
        o.costVariance().isPresent() ? o.costVariance().getAsDouble() : null,
        o.latencyVariance().isPresent() ? o.latencyVariance().getAsDouble() : null,
        o.timestamp().toString(), o.flags().stream().map(Enum::name).sorted().toList(), o.note());
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
        Instant.parse(timestamp), f, note);
  }
}
