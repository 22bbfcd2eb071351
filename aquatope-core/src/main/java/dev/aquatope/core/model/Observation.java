package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One evaluated configuration: what it cost and how fast it was.
 *
 * @param configuration the evaluated configuration
 * @param cost mean cost of one workflow invocation in dollars, {@code >= 0}
 * @param latency the QoS statistic of the end-to-end latency in seconds, {@code >= 0}
 * @param costVariance variance of the cost estimate when the platform knows it (e.g. the squared
 *     standard error over the profiled requests), else empty
 * @param latencyVariance variance of the latency estimate when known, else empty
 * @param timestamp when the evaluation finished
 * @param flags special treatment; the reason of a flag is in {@code note}
 * @param note free text explaining the flags (e.g. the anomaly filter's z-score); may be empty
 * @param stages what the evaluation measured per stage, by stage name, when the platform reports
 *     it (empty otherwise; a stage that never ran is absent); unmodifiable
 */
public record Observation(Configuration configuration, double cost, double latency,
    OptionalDouble costVariance, OptionalDouble latencyVariance, Instant timestamp,
    Set<ObservationFlag> flags, String note, Map<String, StageObservation> stages) {

  /** Validates and copies the fields. */
  public Observation {
    Checks.notNull("configuration", configuration);
    Checks.nonNegative("cost", cost);
    Checks.nonNegative("latency", latency);
    Checks.notNull("costVariance", costVariance);
    Checks.notNull("latencyVariance", latencyVariance);
    costVariance.ifPresent(v -> Checks.nonNegative("costVariance", v));
    latencyVariance.ifPresent(v -> Checks.nonNegative("latencyVariance", v));
    Checks.notNull("timestamp", timestamp);
    Checks.notNull("flags", flags);
    flags = flags.isEmpty() ? Collections.emptySet()
        : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    note = note == null ? "" : note;
    Checks.notNull("stages", stages);
    for (Map.Entry<String, StageObservation> e : stages.entrySet()) {
      Checks.nonBlank("stage name", e.getKey());
      Checks.notNull("stages[" + e.getKey() + "]", e.getValue());
    }
    stages = stages.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }

  /**
   * An observation without per-stage measurements.
   *
   * @param configuration the evaluated configuration
   * @param cost mean cost of one workflow invocation in dollars
   * @param latency the QoS statistic of the end-to-end latency in seconds
   * @param costVariance variance of the cost estimate, or empty
   * @param latencyVariance variance of the latency estimate, or empty
   * @param timestamp when the evaluation finished
   * @param flags special treatment
   * @param note the flags' reasons; may be empty
   */
  public Observation(Configuration configuration, double cost, double latency, OptionalDouble costVariance,
      OptionalDouble latencyVariance, Instant timestamp, Set<ObservationFlag> flags, String note) {
    this(configuration, cost, latency, costVariance, latencyVariance, timestamp, flags, note, Map.of());
  }

  /** An observation without noise estimates or flags. */
  public static Observation of(Configuration configuration, double cost, double latency, Instant timestamp) {
    return new Observation(configuration, cost, latency, OptionalDouble.empty(), OptionalDouble.empty(),
        timestamp, Set.of(), "");
  }

  /** A copy with {@code flag} added and {@code note} as its reason. */
  public Observation withFlag(ObservationFlag flag, String note) {
    EnumSet<ObservationFlag> f = flags.isEmpty() ? EnumSet.noneOf(ObservationFlag.class) : EnumSet.copyOf(flags);
    f.add(flag);
    return new Observation(configuration, cost, latency, costVariance, latencyVariance, timestamp, f,
        this.note.isEmpty() ? note : this.note + "; " + note, stages);
  }

  /** A copy with {@code stages} as its per-stage measurements (replacing the current ones). */
  public Observation withStages(Map<String, StageObservation> stages) {
    return new Observation(configuration, cost, latency, costVariance, latencyVariance, timestamp, flags, note,
        stages);
  }

  /** Whether this observation met {@code qos} and did not fail. */
  public boolean isFeasible(QosTarget qos) {
    return !flags.contains(ObservationFlag.FAILED) && qos.isMet(latency);
  }
}
