package dev.aquatope.openwhisk.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A settable, thread-safe clock with millisecond resolution; tests advance it explicitly. */
public final class FakeClock extends Clock {
  private final AtomicLong millis;

  /** A clock at {@code start}. */
  public FakeClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  /** Moves the clock forward by {@code d} (at least 1 ms for positive durations). */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("cannot go back in time: " + d);
    }
    long ms = d.toMillis();
    millis.addAndGet(ms == 0 && !d.isZero() ? 1 : ms);
  }

  /** Moves the clock to {@code t} if it is later than now. */
  public void advanceTo(long epochMillis) {
    millis.accumulateAndGet(epochMillis, Math::max);
  }

  /** Sets the clock to {@code t}. */
  public void set(Instant t) {
    millis.set(t.toEpochMilli());
  }
}
