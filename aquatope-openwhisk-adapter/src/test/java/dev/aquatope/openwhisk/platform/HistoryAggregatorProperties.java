package dev.aquatope.openwhisk.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.WindowStats;
import dev.aquatope.openwhisk.api.Activation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class HistoryAggregatorProperties {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @Property(tries = 200)
  void aggregate_invariants(@ForAll @IntRange(min = 0, max = 60) int n, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long s0 = T0.toEpochMilli();
    List<Activation> rows = new ArrayList<>();
    int inRange = 0;
    for (int i = 0; i < n; i++) {
      long start = s0 - 30_000 + r.nextLong(240_000);
      long end = start + 1 + r.nextLong(90_000);
      Long init = r.nextBoolean() ? (long) r.nextInt(1, 300) : null;
      rows.add(HistoryAggregatorTest.row(start, end, init, r.nextInt(0, 900), 1, 128 * r.nextInt(1, 5)));
      if (start >= s0 && start < s0 + 180_000) {
        inRange++;
      }
    }
    HistoryAggregator agg = new HistoryAggregator(Duration.ofMinutes(1), Duration.ofMillis(100));
    FunctionHistory h = agg.aggregate(FunctionId.of("f"), T0, T0.plusSeconds(180), rows, T0.plusSeconds(600));
    assertEquals(3, h.windows().size());
    assertEquals(inRange, h.totalInvocations());
    for (WindowStats w : h.windows()) {
      // busy container-seconds never exceed the peak times the window length
      assertTrue(w.containerSeconds() <= w.peakContainers() * 60.0 + 1e-9, w.toString());
      assertTrue(w.memoryMbSeconds() <= w.containerSeconds() * 512 + 1e-6, w.toString());
      assertTrue(w.peakContainers() <= n);
    }
  }
}
