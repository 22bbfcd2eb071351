package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * One tunable resource setting of a stage, on a regular grid {@code min, min + step, ..., max}.
 *
 * <p>Encoding to the unit interval maps {@code min} to 0 and {@code max} to 1; decoding rounds to
 * the nearest grid level, so {@code decode(encode(v)) == v} for every level {@code v}.
 *
 * @param name the knob's name within its stage, e.g. {@code "cpu"}; no '.' allowed
 * @param kind the resource it controls
 * @param min smallest value (vCPU for CPU, MB for memory, requests for concurrency)
 * @param max largest value, {@code >= min}
 * @param step grid spacing, {@code > 0}; {@code (max - min) / step} must be a whole number
 */
public record Knob(String name, KnobKind kind, double min, double max, double step) {
  /** Standard name of the CPU knob. */
  public static final String CPU = "cpu";
  /** Standard name of the memory knob. */
  public static final String MEMORY = "memory";
  /** Standard name of the concurrency knob. */
  public static final String CONCURRENCY = "concurrency";

  /** Validates the grid. */
  public Knob {
    Checks.nonBlank("name", name);
    if (name.contains(".")) {
      throw new IllegalArgumentException("name must not contain '.', was '" + name + "'");
    }
    Checks.notNull("kind", kind);
    Checks.finite("min", min);
    Checks.finite("max", max);
    Checks.positive("step", step);
    if (max < min) {
      throw new IllegalArgumentException("max must be >= min, was max=" + max + " min=" + min + " for knob '" + name + "'");
    }
    double n = (max - min) / step;
    if (Math.abs(n - Math.rint(n)) > 1e-6 * Math.max(1, n)) {
      throw new IllegalArgumentException("(max - min) / step must be a whole number, was " + n + " for knob '" + name + "'");
    }
  }

  /** A CPU knob in vCPU. */
  public static Knob cpu(double min, double max, double step) {
    return new Knob(CPU, KnobKind.CPU, min, max, step);
  }

  /** A memory knob in MB. */
  public static Knob memory(double minMb, double maxMb, double stepMb) {
    return new Knob(MEMORY, KnobKind.MEMORY, minMb, maxMb, stepMb);
  }

  /** A per-container concurrency knob. */
  public static Knob concurrency(int min, int max) {
    return new Knob(CONCURRENCY, KnobKind.CONCURRENCY, min, max, 1);
  }

  /** Number of grid levels, {@code >= 1}. */
  public int levels() {
    return (int) Math.rint((max - min) / step) + 1;
  }

  /** The value of grid level {@code index} (0-based). */
  public double valueAt(int index) {
    if (index < 0 || index >= levels()) {
      throw new IllegalArgumentException("index must be in [0, " + levels() + "), was " + index + " for knob '" + name + "'");
    }
    // Computed from min to avoid accumulating step errors; rounded to 1e-9 to keep decimals clean.
    return Math.rint((min + index * step) * 1e9) / 1e9;
  }

  /** The grid level nearest to {@code value} (values outside the range are rejected). */
  public int indexOf(double value) {
    Checks.finite("value", value);
    if (value < min - 1e-9 * Math.max(1, Math.abs(min)) || value > max + 1e-9 * Math.max(1, Math.abs(max))) {
      throw new IllegalArgumentException("value must be in [" + min + ", " + max + "], was " + value + " for knob '" + name + "'");
    }
    int idx = (int) Math.rint((value - min) / step);
    return Math.max(0, Math.min(levels() - 1, idx));
  }

  /** Maps a value in {@code [min, max]} to {@code [0, 1]}. */
  public double encode(double value) {
    Checks.finite("value", value);
    if (value < min - 1e-9 * Math.max(1, Math.abs(min)) || value > max + 1e-9 * Math.max(1, Math.abs(max))) {
      throw new IllegalArgumentException("value must be in [" + min + ", " + max + "], was " + value + " for knob '" + name + "'");
    }
    return max == min ? 0.5 : (value - min) / (max - min);
  }

  /** Maps {@code u} in {@code [0, 1]} to the nearest grid value. */
  public double decode(double u) {
    if (!(u >= 0 && u <= 1)) {
      throw new IllegalArgumentException("u must be in [0, 1], was " + u + " for knob '" + name + "'");
    }
    return valueAt(decodeIndex(u));
  }

  /** Maps {@code u} in {@code [0, 1]} to the nearest grid level's index. */
  public int decodeIndex(double u) {
    if (!(u >= 0 && u <= 1)) {
      throw new IllegalArgumentException("u must be in [0, 1], was " + u + " for knob '" + name + "'");
    }
    int idx = (int) Math.rint(u * (levels() - 1));
    return Math.max(0, Math.min(levels() - 1, idx));
  }
}
