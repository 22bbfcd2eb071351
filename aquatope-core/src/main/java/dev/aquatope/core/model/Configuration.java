package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A concrete resource setting of a workflow: a value for every parameter of a
 * {@link ConfigSpace}, keyed by {@link Parameter#key()} ({@code "stage.knob"}).
 *
 * <p>Immutable; keeps the insertion order for printing; equality ignores order.
 *
 * @param values the parameter values
 */
public record Configuration(Map<String, Double> values) {
  /** Validates and copies the values. */
  public Configuration {
    Checks.notNull("values", values);
    Map<String, Double> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      Checks.nonBlank("key", k);
      if (v == null) {
        throw new IllegalArgumentException("value of '" + k + "' must not be null");
      }
      Checks.finite("value of '" + k + "'", v);
      copy.put(k, v);
    });
    values = Collections.unmodifiableMap(copy);
  }

  /** The value of {@code key}, throwing if absent. */
  public double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("configuration has no parameter '" + key + "'; it has " + values.keySet());
    }
    return v;
  }

  /** The value of knob {@code knob} of stage {@code stage}, if set. */
  public Optional<Double> find(String stage, String knob) {
    return Optional.ofNullable(values.get(stage + "." + knob));
  }

  /**
   * The resources of one stage, taking the standard knob names ({@link Knob#CPU},
   * {@link Knob#MEMORY}, {@link Knob#CONCURRENCY}) and falling back to {@code defaults} for
   * knobs this configuration does not set.
   */
  public StageResources resources(String stage, StageResources defaults) {
    return new StageResources(
        find(stage, Knob.CPU).orElse(defaults.vcpu()),
        find(stage, Knob.MEMORY).orElse(defaults.memoryMb()),
        (int) Math.rint(find(stage, Knob.CONCURRENCY).orElse((double) defaults.concurrency())));
  }

  /** A copy with {@code key} set to {@code value}. */
  public Configuration with(String key, double value) {
    Map<String, Double> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new Configuration(copy);
  }

  @Override
  public String toString() {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
