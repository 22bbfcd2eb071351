package dev.aquatope.openwhisk.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.openwhisk.fake.FakeClock;
import dev.aquatope.openwhisk.fake.FakeSleeper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NamespaceRateLimiterTest {
  @Test
  void acquire_overLimit_waitsUntilOldestLeavesTheMinute() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    FakeSleeper sleeper = new FakeSleeper(clock);
    NamespaceRateLimiter l = new NamespaceRateLimiter(2, clock, sleeper);
    assertEquals(Duration.ZERO, l.acquire());
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Duration.ZERO, l.acquire());
    assertEquals(Duration.ofSeconds(50), l.acquire());
    assertEquals(Duration.ofSeconds(10), l.acquire());
    assertEquals(2, sleeper.sleeps().size());
  }
}
