package dev.aquatope.core.spi;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.StageObservation;
import dev.aquatope.core.util.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What profiling one configuration measured.
 *
 * @param configuration the profiled configuration
 * @param latencies end-to-end latency in seconds of every successful workflow invocation
 * @param costs billed cost in dollars of every successful workflow invocation (same order)
 * @param vcpuSeconds total billed vCPU-seconds over all invocations
 * @param gbSeconds total billed GB-seconds over all invocations
 * @param failures invocations that failed (e.g. out of memory, timeout)
 * @param stages per stage name, what the successful invocations measured of that stage, when the
 *     platform can tell (empty otherwise); unmodifiable
 */
public record ProfileResult(Configuration configuration, double[] latencies, double[] costs,
    double vcpuSeconds, double gbSeconds, int failures, Map<String, StageProfile> stages) {

  /** Validates and copies. */
  public ProfileResult {
    Checks.notNull("configuration", configuration);
    PairedSamples.check(latencies, costs);
    latencies = latencies.clone();
    costs = costs.clone();
    Checks.nonNegative("vcpuSeconds", vcpuSeconds);
    Checks.nonNegative("gbSeconds", gbSeconds);
    Checks.nonNegative("failures", failures);
    if (latencies.length == 0 && failures == 0) {
      throw new IllegalArgumentException("a profile result needs at least one invocation");
    }
    Checks.notNull("stages", stages);
    for (Map.Entry<String, StageProfile> e : stages.entrySet()) {
      Checks.nonBlank("stage name", e.getKey());
      Checks.notNull("stages[" + e.getKey() + "]", e.getValue());
      if (e.getValue().size() > latencies.length) {
        throw new IllegalArgumentException("stages[" + e.getKey() + "] has " + e.getValue().size()
            + " entries, more than the " + latencies.length + " successful invocations");
      }
    }
    stages = stages.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }

  /**
   * A result without per-stage measurements.
   *
   * @param configuration the profiled configuration
   * @param latencies end-to-end latency in seconds of every successful workflow invocation
   * @param costs billed cost in dollars of every successful workflow invocation (same order)
   * @param vcpuSeconds total billed vCPU-seconds over all invocations
   * @param gbSeconds total billed GB-seconds over all invocations
   * @param failures invocations that failed
   */
  public ProfileResult(Configuration configuration, double[] latencies, double[] costs, double vcpuSeconds,
      double gbSeconds, int failures) {
    this(configuration, latencies, costs, vcpuSeconds, gbSeconds, failures, Map.of());
  }

  @Override
  public double[] latencies() {
    return latencies.clone();
  }

  @Override
  public double[] costs() {
    return costs.clone();
  }

  /** Mean cost of one successful invocation (0 if none succeeded). */
  public double meanCost() {
    return mean(costs);
  }

  /**
   * Summarizes this result as an optimizer observation: cost is the mean cost per invocation,
   * latency is the QoS statistic, and the variances are the squared standard errors of the means.
   * Per stage (when measured): the QoS statistic of the stage's latencies and its total cost per
   * successful invocation ({@link StageObservation}).
   * If any invocation failed the observation is flagged {@link ObservationFlag#FAILED}; if none
   * succeeded its latency is reported as twice the QoS bound.
   *
   * @param qos the target whose statistic summarizes latency
   * @param timestamp when the evaluation finished
   * @return the observation
   */
  public Observation toObservation(QosTarget qos, Instant timestamp) {
    Set<ObservationFlag> flags = failures > 0 ? EnumSet.of(ObservationFlag.FAILED) : Set.of();
    String note = failures > 0 ? failures + " of " + (failures + latencies.length) + " invocations failed" : "";
    if (latencies.length == 0) {
      return new Observation(configuration, 0.0, 2 * qos.boundSeconds(), OptionalDouble.empty(),
          OptionalDouble.empty(), timestamp, flags, note);
    }
    Map<String, StageObservation> perStage = new LinkedHashMap<>();
    for (Map.Entry<String, StageProfile> e : stages.entrySet()) {
      StageProfile p = e.getValue();
      if (p.size() > 0) {
        perStage.put(e.getKey(), new StageObservation(qos.statistic().of(p.latencies()),
            p.totalCost() / latencies.length, (double) p.size() / latencies.length));
      }
    }
    return new Observation(configuration, meanCost(), qos.statistic().of(latencies),
        squaredStandardError(costs), squaredStandardError(latencies), timestamp, flags, note, perStage);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? 0 : s / v.length;
  }

  private static OptionalDouble squaredStandardError(double[] v) {
    if (v.length < 2) {
      return OptionalDouble.empty();
    }
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return OptionalDouble.of(ss / (v.length - 1) / v.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProfileResult r && configuration.equals(r.configuration)
        && Arrays.equals(latencies, r.latencies) && Arrays.equals(costs, r.costs)
        && vcpuSeconds == r.vcpuSeconds && gbSeconds == r.gbSeconds && failures == r.failures
        && stages.equals(r.stages);
  }

  @Override
  public int hashCode() {
    return configuration.hashCode() * 31 + Arrays.hashCode(latencies);
  }

  @Override
  public String toString() {
    return "ProfileResult[" + configuration + ", n=" + latencies.length + ", failures=" + failures
        + ", meanCost=" + meanCost() + (stages.isEmpty() ? "" : ", stages=" + stages.keySet()) + "]";
  }
}
