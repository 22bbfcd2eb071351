package dev.aquatope.openwhisk.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backoff_noJitter_doublesUntilCap() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(500), 2.0, 0.0,
        Duration.ofMinutes(1), 1L);
    SplittableRandom r = new SplittableRandom(1);
    assertEquals(100, p.backoff(1, r).toMillis());
    assertEquals(200, p.backoff(2, r).toMillis());
    assertEquals(400, p.backoff(3, r).toMillis());
    assertEquals(500, p.backoff(4, r).toMillis());
    assertEquals(500, p.backoff(9, r).toMillis());
  }

  @Test
  void backoff_sameSeed_sameSequence() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    SplittableRandom a = new SplittableRandom(p.seed());
    SplittableRandom b = new SplittableRandom(p.seed());
    for (int i = 1; i <= 5; i++) {
      assertEquals(p.backoff(i, a), p.backoff(i, b));
    }
  }

  @Property
  void backoff_staysWithinJitterBand(@ForAll @IntRange(min = 1, max = 30) int failures, @ForAll long seed) {
    RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.2,
        Duration.ofMinutes(1), seed);
    double base = Math.min(100 * Math.pow(2, failures - 1), 5000);
    long ms = p.backoff(failures, new SplittableRandom(seed)).toNanos();
    assertTrue(ms >= base * 0.8e6 - 1 && ms <= base * 1.2e6 + 1, "backoff " + ms + " outside band of " + base);
  }

  @Test
  void constructor_invalid_namesField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0,
        Duration.ofMillis(1), Duration.ofMillis(1), 2, 0, Duration.ofSeconds(1), 0));
    assertTrue(e.getMessage().contains("maxAttempts"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(1),
        2, 0, Duration.ofSeconds(1), 0));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1),
        2, 1.0, Duration.ofSeconds(1), 0));
  }
}
