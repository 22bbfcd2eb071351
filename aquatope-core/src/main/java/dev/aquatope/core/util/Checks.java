package dev.aquatope.core.util;

/**
 * Argument checks shared by every value type, so that bad input fails at the boundary with an
 * {@link IllegalArgumentException} that names the parameter and the offending value, instead of
 * a NaN or a silent clamp further down.
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} if it is finite; otherwise throws naming {@code name}. */
  public static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, was " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is finite and {@code >= 0}. */
  public static double nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is finite and {@code > 0}. */
  public static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is {@code > 0}. */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is {@code >= 0}. */
  public static int nonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
    return value;
  }

  /** Returns {@code value} if it lies in {@code [0, 1]}. */
  public static double probability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
    }
    return value;
  }

  /** Returns {@code value} if it lies in the open interval {@code (0, 1)}. */
  public static double openUnit(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1), was " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is non-null and not blank. */
  public static String nonBlank(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a non-blank string, was "
          + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  /** Returns {@code value} if it is non-null. */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /**
   * Builder guard: throws if a setting that may be set only once already has a value.
   *
   * @param name the setting's name, used in the message
   * @param current the setting's current value, {@code null} while unset
   * @throws IllegalStateException if {@code current} is not null
   */
  public static void notYetSet(String name, Object current) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set");
    }
  }
}
