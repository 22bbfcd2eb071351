package dev.aquatope.openwhisk.prewarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.openwhisk.api.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeManifestTest {
  final RuntimeManifest m = RuntimeManifest.parse(Fixtures.text("pr4790-config-runtime-body.json"), Fixtures.MAPPER);

  @Test
  void withStemCellCount_existing_keepsReactiveAndIsACopy() {
    RuntimeManifest next = m.withStemCellCount(new RuntimeKey("nodejs:10", 128), 5);
    assertEquals(List.of(new PrewarmPool("nodejs:10", 128, 5)), next.stemCells());
    assertEquals(List.of(new PrewarmPool("nodejs:10", 128, 2)), m.stemCells(), "original unchanged");
    assertEquals(4, next.json().path("runtimes").path("nodejs").get(0).path("stemCells").get(0).path("reactive")
        .path("maxCount").asInt());
  }

  @Test
  void withStemCellCount_newMemory_addsCell() {
    RuntimeManifest next = m.withStemCellCount(new RuntimeKey("python:3", 256), 1);
    assertTrue(next.hasStemCell(new RuntimeKey("python:3", 256)));
    assertFalse(m.hasStemCell(new RuntimeKey("python:3", 256)));
    assertThrows(IllegalArgumentException.class, () -> m.withStemCellCount(new RuntimeKey("java:8", 256), 1));
  }

  @Test
  void forkManifest_blackboxCounts() {
    RuntimeManifest fork = RuntimeManifest.parse(Fixtures.text("aquatope-fork-runtime.json"), Fixtures.MAPPER);
    assertEquals(List.of("chatbot-train", "chatbot-infer"), fork.blackboxNames());
    assertEquals(List.of(new PrewarmPool("chatbot-train", 0, 2), new PrewarmPool("chatbot-infer", 0, 0)),
        fork.stemCells());
    assertEquals(new PrewarmPool("chatbot-infer", 0, 4),
        fork.withBlackboxCount("chatbot-infer", 4).stemCells().get(1));
    assertThrows(IllegalArgumentException.class, () -> fork.withBlackboxCount("nope", 1));
  }

  @Test
  void parseMemoryMb_units() {
    assertEquals(256, RuntimeManifest.parseMemoryMb("256 MB"));
    assertEquals(1024, RuntimeManifest.parseMemoryMb("1 GB"));
    assertEquals(512, RuntimeManifest.parseMemoryMb("512m"));
    assertThrows(IllegalArgumentException.class, () -> RuntimeManifest.parseMemoryMb("lots"));
  }
}
