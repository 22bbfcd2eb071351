package dev.aquatope.openwhisk.platform;

import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.api.Activation;
import java.time.Duration;

/**
 * How an activation's container was obtained, inferred from its annotations (OPENWHISK.md 1.6):
 * no {@code initTime} means warm; {@code initTime} with a {@code waitTime} of at least the
 * threshold means a cold start (the wait includes creating the container); {@code initTime} with
 * a shorter wait means a start from a prewarmed stem cell.
 */
public enum StartKind {
  /** A container was created on demand. */
  COLD,
  /** A prewarmed stem cell was initialized. */
  PREWARM,
  /** An idle initialized container was reused. */
  WARM;

  /**
   * Classifies an activation.
   *
   * @param activation the record (summary rows suffice)
   * @param coldWaitThreshold the smallest {@code waitTime} that indicates container creation
   * @return the start kind
   */
  public static StartKind of(Activation activation, Duration coldWaitThreshold) {
    Checks.notNull("activation", activation);
    Checks.notNull("coldWaitThreshold", coldWaitThreshold);
    if (activation.initTime().isEmpty()) {
      return WARM;
    }
    return activation.waitTime() >= coldWaitThreshold.toMillis() ? COLD : PREWARM;
  }
}
