package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * One dimension of a {@link ConfigSpace}: a {@link Knob} of a named stage.
 *
 * @param stage the stage's name
 * @param knob the knob
 */
public record Parameter(String stage, Knob knob) {
  /** Validates the fields. */
  public Parameter {
    Checks.nonBlank("stage", stage);
    Checks.notNull("knob", knob);
  }

  /** The key of this parameter in a {@link Configuration}: {@code stage + "." + knob.name()}. */
  public String key() {
    return stage + "." + knob.name();
  }
}
