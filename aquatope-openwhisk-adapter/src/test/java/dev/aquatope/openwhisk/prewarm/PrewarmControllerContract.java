package dev.aquatope.openwhisk.prewarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.openwhisk.fake.FakeClock;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link PrewarmController} meets; implementations' tests override {@link #create}. */
abstract class PrewarmControllerContract {
  protected FakeClock clock;
  protected FakeOpenWhisk fake;

  /** A controller of {@code fake}, whose actions {@code a} and {@code b} exist. */
  protected abstract PrewarmController create(FakeOpenWhisk fake);

  /** Whether the implementation can apply targets. */
  protected abstract boolean appliesTargets();

  @BeforeEach
  void startFake() throws Exception {
    clock = new FakeClock(Instant.parse("2026-01-05T10:00:00Z"));
    fake = new FakeOpenWhisk(clock).stemCell("nodejs:20", 256, 1).stemCell("python:3", 256, 1)
        .blackbox("a", 0).blackbox("b", 0);
    fake.createAction("a", "nodejs:20", 256);
    fake.createAction("b", "nodejs:20", 256);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void targets_initially_empty() {
    assertEquals(Map.of(), create(fake).targets());
  }

  @Test
  void currentPools_reportsSomething() {
    assertNotNull(create(fake).currentPools());
    assertTrue(create(fake).name().matches("[a-z0-9-]+"));
  }

  @Test
  void setPrewarmTargets_mergesOrReportsWhyNot() {
    PrewarmController c = create(fake);
    if (!appliesTargets()) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> c.setPrewarmTargets(Map.of(FunctionId.of("a"), 1)));
      assertTrue(e.getMessage().length() > 20, e.getMessage());
      return;
    }
    c.setPrewarmTargets(Map.of(FunctionId.of("a"), 2));
    c.setPrewarmTargets(Map.of(FunctionId.of("b"), 1));
    assertEquals(Map.of(FunctionId.of("a"), 2, FunctionId.of("b"), 1), c.targets());
  }

  @Test
  void setPrewarmTargets_negative_rejectedWithoutChange() {
    PrewarmController c = create(fake);
    Map<FunctionId, Integer> bad = new HashMap<>();
    bad.put(FunctionId.of("a"), -1);
    RuntimeException e = assertThrows(RuntimeException.class, () -> c.setPrewarmTargets(bad));
    assertTrue(e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException, e.toString());
    assertEquals(Map.of(), c.targets());
  }
}
