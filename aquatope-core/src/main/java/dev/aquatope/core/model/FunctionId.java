package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * The identity of one serverless function on a platform (an OpenWhisk action name, an Azure
 * {@code HashFunction}, a simulator stage's function).
 *
 * @param value the platform's name or hash of the function; non-blank
 */
public record FunctionId(String value) implements Comparable<FunctionId> {
  /** Validates the name. */
  public FunctionId {
    Checks.nonBlank("value", value);
  }

  /** Shorthand for {@code new FunctionId(value)}. */
  public static FunctionId of(String value) {
    return new FunctionId(value);
  }

  @Override
  public int compareTo(FunctionId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
