package dev.aquatope.openwhisk.fake;

import dev.aquatope.openwhisk.client.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Sleeper} that advances a {@link FakeClock} instead of waiting, and records the waits. */
public final class FakeSleeper implements Sleeper {
  private final FakeClock clock;
  private final List<Duration> sleeps = new ArrayList<>();

  /** A sleeper advancing {@code clock}. */
  public FakeSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  /** Every wait so far, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
