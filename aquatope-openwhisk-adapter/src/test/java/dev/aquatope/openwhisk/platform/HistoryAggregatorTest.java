package dev.aquatope.openwhisk.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.WindowStats;
import dev.aquatope.openwhisk.api.Activation;
import dev.aquatope.openwhisk.api.KeyValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryAggregatorTest {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  static final long S = T0.toEpochMilli();
  final HistoryAggregator agg = new HistoryAggregator(Duration.ofSeconds(10), Duration.ofMillis(100));

  static Activation row(long start, Long end, Long initTime, long waitTime, int concurrency, int memory) {
    List<KeyValue> ann = new ArrayList<>();
    ObjectNode limits = JsonNodeFactory.instance.objectNode().put("memory", memory).put("concurrency", concurrency);
    ann.add(new KeyValue("limits", limits));
    ann.add(new KeyValue("waitTime", JsonNodeFactory.instance.numberNode(waitTime)));
    if (initTime != null) {
      ann.add(new KeyValue("initTime", JsonNodeFactory.instance.numberNode(initTime)));
    }
    return new Activation("guest", "f", "0.0.1", null, Long.toHexString(start), start, end,
        end == null ? null : end - start, null, 0, null, null, ann, false);
  }

  @Test
  void aggregate_mixedStarts_countsPerWindow() {
    List<Activation> rows = List.of(
        row(S + 1_000, S + 3_000L, 50L, 600, 1, 256),   // cold
        row(S + 2_000, S + 4_000L, 50L, 8, 1, 256),     // prewarm
        row(S + 12_000, S + 13_000L, null, 3, 1, 256),  // warm
        row(S - 5_000, S + 11_000L, null, 3, 1, 512));  // started before, busy into both windows
    FunctionHistory h = agg.aggregate(FunctionId.of("f"), T0, T0.plusSeconds(30), rows, T0.plusSeconds(60));
    assertEquals(3, h.windows().size());
    WindowStats w0 = h.windows().get(0);
    assertEquals(new WindowStats(2, 1, 1, 0, 3, 2 + 2 + 10, 256 * 4 + 512 * 10), w0);
    WindowStats w1 = h.windows().get(1);
    assertEquals(new WindowStats(1, 0, 0, 1, 1, 1 + 1, 256 + 512), w1);
    assertEquals(WindowStats.EMPTY, h.windows().get(2));
    assertEquals(1, h.totalColdStarts());
  }

  @Test
  void aggregate_backToBack_endBeforeStartAtSameInstant() {
    List<Activation> rows = List.of(row(S, S + 5_000L, null, 0, 1, 128), row(S + 5_000, S + 9_000L, null, 0, 1, 128));
    assertEquals(1, agg.aggregate(FunctionId.of("f"), T0, T0.plusSeconds(10), rows, T0).windows().get(0)
        .peakContainers());
  }

  @Test
  void aggregate_intraContainerConcurrency_roundsUp() {
    List<Activation> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(row(S + i, S + 5_000L, null, 0, 2, 256));
    }
    WindowStats w = agg.aggregate(FunctionId.of("f"), T0, T0.plusSeconds(10), rows, T0).windows().get(0);
    assertEquals(2, w.peakContainers());
    assertEquals(3, w.invocations());
  }

  @Test
  void aggregate_unfinishedRow_busyUntilNow() {
    List<Activation> rows = List.of(row(S + 1_000, null, null, 0, 1, 256));
    FunctionHistory h = agg.aggregate(FunctionId.of("f"), T0, T0.plusSeconds(20), rows, T0.plusSeconds(4));
    assertEquals(3.0, h.windows().get(0).containerSeconds(), 1e-9);
    assertEquals(0, h.windows().get(1).peakContainers());
  }

  @Test
  void aggregate_emptyRange_rejected() {
    assertThrows(IllegalArgumentException.class, () -> agg.aggregate(FunctionId.of("f"), T0, T0, List.of(), T0));
  }

  @Test
  void startKind_classifiesByInitAndWait() {
    assertEquals(StartKind.WARM, StartKind.of(row(S, S + 1L, null, 900, 1, 128), Duration.ofMillis(100)));
    assertEquals(StartKind.COLD, StartKind.of(row(S, S + 1L, 20L, 100, 1, 128), Duration.ofMillis(100)));
    assertEquals(StartKind.PREWARM, StartKind.of(row(S, S + 1L, 20L, 99, 1, 128), Duration.ofMillis(100)));
  }
}
