package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Per-window invocation counts (or containers needed) of one function: window {@code i} covers
 * {@code [start + i * window, start + (i + 1) * window)}.
 *
 * <p>Immutable: the constructor and {@link #counts()} copy the array.
 *
 * @param function the function
 * @param trigger its trigger group (an external feature of the forecaster)
 * @param start start of window 0
 * @param window length of one window, {@code > 0} (1 minute in the traces)
 * @param counts the per-window counts, finite and {@code >= 0}
 */
public record InvocationSeries(FunctionId function, TriggerType trigger, Instant start, Duration window,
    double[] counts) {

  /** Validates and copies. */
  public InvocationSeries {
    Checks.notNull("function", function);
    Checks.notNull("trigger", trigger);
    Checks.notNull("start", start);
    Checks.notNull("window", window);
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be > 0, was " + window);
    }
    Checks.notNull("counts", counts);
    counts = counts.clone();
    for (int i = 0; i < counts.length; i++) {
      if (!(counts[i] >= 0) || Double.isInfinite(counts[i])) {
        throw new IllegalArgumentException("counts[" + i + "] must be finite and >= 0, was " + counts[i]
            + " (function " + function + ")");
      }
    }
  }

  /** A one-minute series. */
  public static InvocationSeries perMinute(FunctionId function, TriggerType trigger, Instant start, double[] counts) {
    return new InvocationSeries(function, trigger, start, Duration.ofMinutes(1), counts);
  }

  /** A copy of the counts. */
  @Override
  public double[] counts() {
    return counts.clone();
  }

  /** Number of windows. */
  public int size() {
    return counts.length;
  }

  /** The count of window {@code i}. */
  public double count(int i) {
    return counts[i];
  }

  /** Start of window {@code i} (also valid for {@code i == size()}: the next window). */
  public Instant timeOf(int i) {
    return start.plus(window.multipliedBy(i));
  }

  /** The external features of window {@code i} (which may be {@code size()}, the next window). */
  public ExternalFeatures featuresOf(int i) {
    return ExternalFeatures.of(timeOf(i), trigger);
  }

  /** Windows {@code [from, to)} as a new series. */
  public InvocationSeries slice(int from, int to) {
    if (from < 0 || to > counts.length || from > to) {
      throw new IllegalArgumentException("slice [" + from + ", " + to + ") out of [0, " + counts.length + "]");
    }
    return new InvocationSeries(function, trigger, timeOf(from), window, Arrays.copyOfRange(counts, from, to));
  }

  /** The series with {@code more} appended (contiguous windows). */
  public InvocationSeries append(double... more) {
    double[] c = Arrays.copyOf(counts, counts.length + more.length);
    System.arraycopy(more, 0, c, counts.length, more.length);
    return new InvocationSeries(function, trigger, start, window, c);
  }

  /** Sum of all counts. */
  public double total() {
    double s = 0;
    for (double c : counts) {
      s += c;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InvocationSeries s && function.equals(s.function) && trigger == s.trigger
        && start.equals(s.start) && window.equals(s.window) && Arrays.equals(counts, s.counts);
  }

  @Override
  public int hashCode() {
    return ((function.hashCode() * 31 + start.hashCode()) * 31 + window.hashCode()) * 31 + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "InvocationSeries[" + function + ", " + trigger + ", start=" + start + ", window=" + window
        + ", " + counts.length + " windows, total=" + total() + "]";
  }
}
