package dev.aquatope.core.spi;

import dev.aquatope.core.util.Checks;

/**
 * What happened to one function in one window (one minute).
 *
 * @param invocations invocations that started in the window
 * @param coldStarts of those, how many had to create a container on demand
 * @param prewarmStarts how many ran on a container that was prewarmed and not used before
 * @param warmStarts how many reused an idle container that had run before
 * @param peakContainers the most containers busy at once in the window (the "containers needed")
 * @param containerSeconds seconds of provisioned containers (busy or idle) in the window
 * @param memoryMbSeconds MB-seconds of provisioned containers (busy or idle) in the window
 */
public record WindowStats(long invocations, long coldStarts, long prewarmStarts, long warmStarts,
    int peakContainers, double containerSeconds, double memoryMbSeconds) {

  /** Validates that the counts add up. */
  public WindowStats {
    if (invocations < 0 || coldStarts < 0 || prewarmStarts < 0 || warmStarts < 0) {
      throw new IllegalArgumentException("counts must be >= 0, were invocations=" + invocations
          + " cold=" + coldStarts + " prewarm=" + prewarmStarts + " warm=" + warmStarts);
    }
    if (coldStarts + prewarmStarts + warmStarts != invocations) {
      throw new IllegalArgumentException("cold + prewarm + warm starts must equal invocations, were "
          + coldStarts + " + " + prewarmStarts + " + " + warmStarts + " != " + invocations);
    }
    Checks.nonNegative("peakContainers", peakContainers);
    Checks.nonNegative("containerSeconds", containerSeconds);
    Checks.nonNegative("memoryMbSeconds", memoryMbSeconds);
  }

  /** A window with no activity and no containers. */
  public static final WindowStats EMPTY = new WindowStats(0, 0, 0, 0, 0, 0, 0);
}
