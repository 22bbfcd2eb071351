package dev.aquatope.openwhisk.platform;

import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps invocations under a namespace's {@code invocationsPerMinute}: {@link #acquire()} waits
 * (with the injected {@link Sleeper}) until fewer than the limit started in the last minute.
 */
public final class NamespaceRateLimiter {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private final int perMinute;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Deque<Instant> recent = new ArrayDeque<>();

  /**
   * Creates a limiter.
   *
   * @param perMinute invocations allowed per sliding minute, {@code >= 1}
   * @param clock the clock
   * @param sleeper the sleeper
   */
  public NamespaceRateLimiter(int perMinute, Clock clock, Sleeper sleeper) {
    this.perMinute = Checks.positive("perMinute", perMinute);
    this.clock = Checks.notNull("clock", clock);
    this.sleeper = Checks.notNull("sleeper", sleeper);
  }

  /**
   * Waits for a slot and records one invocation.
   *
   * @return how long it waited (by the clock)
   * @throws InterruptedException if interrupted while waiting
   */
  public synchronized Duration acquire() throws InterruptedException {
    Instant begin = clock.instant();
    // at most two rounds: after waiting for the oldest entry to expire a slot is free,
    // unless the clock did not advance; the bound keeps a broken clock from looping forever
    for (int round = 0; round < perMinute + 2; round++) {
      Instant now = clock.instant();
      while (!recent.isEmpty() && !recent.peekFirst().plus(MINUTE).isAfter(now)) {
        recent.pollFirst();
      }
      if (recent.size() < perMinute) {
        recent.addLast(now);
        return Duration.between(begin, now);
      }
      Duration wait = Duration.between(now, recent.peekFirst().plus(MINUTE));
      sleeper.sleep(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
    }
    throw new IllegalStateException("rate limiter made no progress: the clock does not advance while sleeping");
  }

  /** The configured limit. */
  public int perMinute() {
    return perMinute;
  }
}
