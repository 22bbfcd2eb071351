package dev.aquatope.core.spi;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.util.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Per-window statistics of one function, as read from a platform.
 *
 * @param function the function
 * @param start start of the first window
 * @param window window length (one minute)
 * @param windows one entry per window, contiguous
 */
public record FunctionHistory(FunctionId function, Instant start, Duration window, List<WindowStats> windows) {
  /** Validates and copies. */
  public FunctionHistory {
    Checks.notNull("function", function);
    Checks.notNull("start", start);
    Checks.notNull("window", window);
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be > 0, was " + window);
    }
    windows = List.copyOf(Checks.notNull("windows", windows));
  }

  /** The invocation counts as a series for a forecaster. */
  public InvocationSeries invocations(TriggerType trigger) {
    double[] c = new double[windows.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = windows.get(i).invocations();
    }
    return new InvocationSeries(function, trigger, start, window, c);
  }

  /** The peak busy containers per window (containers needed) as a series for a forecaster. */
  public InvocationSeries containersNeeded(TriggerType trigger) {
    double[] c = new double[windows.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = windows.get(i).peakContainers();
    }
    return new InvocationSeries(function, trigger, start, window, c);
  }

  /** Total invocations over all windows. */
  public long totalInvocations() {
    return windows.stream().mapToLong(WindowStats::invocations).sum();
  }

  /** Total cold starts over all windows. */
  public long totalColdStarts() {
    return windows.stream().mapToLong(WindowStats::coldStarts).sum();
  }
}
