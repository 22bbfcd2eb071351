package dev.aquatope.openwhisk.client;

import java.time.Duration;

/**
 * Waits for a while; injected together with a {@link java.time.Clock} so that tests of backoff
 * and polling advance a fake clock instead of really sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long, {@code >= 0}
   * @throws InterruptedException if interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
