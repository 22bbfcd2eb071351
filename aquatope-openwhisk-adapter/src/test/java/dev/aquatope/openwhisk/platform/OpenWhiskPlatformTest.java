package dev.aquatope.openwhisk.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.FaasPlatform;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.spi.ProfileResult;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.spi.StageProfile;
import dev.aquatope.core.spi.WindowStats;
import dev.aquatope.openwhisk.api.Fixtures;
import dev.aquatope.openwhisk.fake.FakeClock;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk;
import dev.aquatope.openwhisk.fake.FakeSleeper;
import dev.aquatope.openwhisk.fake.TestClients;
import dev.aquatope.openwhisk.prewarm.ReadOnlyPrewarmController;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenWhiskPlatformTest {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  static final Workflow WF = Workflow.chain("wf", "a", "b", "c");

  FakeClock clock;
  FakeSleeper sleeper;
  FakeOpenWhisk fake;

  @BeforeEach
  void start() throws Exception {
    clock = new FakeClock(T0);
    sleeper = new FakeSleeper(clock);
    fake = new FakeOpenWhisk(clock);
    // run time halves when memory doubles: 256 MB -> 200 ms
    fake.latency((action, memory, cpu) -> Math.round(200 * 256.0 / memory));
    for (String s : List.of("a", "b", "c")) {
      fake.createAction(s, "nodejs:20", 256);
    }
    fake.createSequence("wf", "a", "b", "c");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  OpenWhiskPlatform platform(PlatformOptions options) {
    return new OpenWhiskPlatform(TestClients.guest(fake, sleeper), new ReadOnlyPrewarmController(null), options);
  }

  static Configuration config(double... memCpu) {
    Map<String, Double> v = new LinkedHashMap<>();
    String[] stages = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
      v.put(stages[i] + ".memory", memCpu[2 * i]);
      if (!Double.isNaN(memCpu[2 * i + 1])) {
        v.put(stages[i] + ".cpu", memCpu[2 * i + 1]);
      }
    }
    return new Configuration(v);
  }

  @Test
  void apply_memoryOnly_partialUpdatePerStage() throws Exception {
    OpenWhiskPlatform p = platform(PlatformOptions.defaults());
    p.apply(WF, config(512, Double.NaN, 256, Double.NaN, 1024, Double.NaN));
    assertEquals(512, fake.limitsOf("a").path("memory").asInt());
    assertEquals(256, fake.limitsOf("b").path("memory").asInt());
    assertEquals(1024, fake.limitsOf("c").path("memory").asInt());
    assertEquals(60000, fake.limitsOf("a").path("timeout").asInt());
    List<FakeOpenWhisk.Recorded> puts = fake.requests().stream().filter(r -> r.method().equals("PUT")).toList();
    assertEquals(3, puts.size());
    assertEquals(Fixtures.MAPPER.readTree("{\"limits\":{\"memory\":512}}"), Fixtures.MAPPER.readTree(puts.get(0).body()));
    assertEquals(CpuMode.MEMORY_ONLY, p.cpuMode());
  }

  @Test
  void apply_cpuOnPr4648Build_setsExplicitCpu() {
    fake.cpuEnabled(true);
    OpenWhiskPlatform p = platform(PlatformOptions.defaults());
    p.apply(WF, config(512, 0.5, 256, 1.0, 1024, 2.0));
    assertEquals(CpuMode.EXPLICIT, p.cpuMode());
    assertEquals(0.5, fake.limitsOf("a").path("cpu").asDouble());
    assertEquals(2.0, fake.limitsOf("c").path("cpu").asDouble());
    assertEquals(1024, fake.limitsOf("c").path("memory").asInt());
  }

  @Test
  void apply_cpuOnStockWithUserCpus_raisesMemoryToCoupledShare() {
    OpenWhiskPlatform p = platform(PlatformOptions.newBuilder().userResources(4, 4096).build());
    // 0.5 cpu needs 512 MB; 0.1 cpu needs 103 MB < 256 MB knob; 1.0 cpu needs 1024 MB
    p.apply(WF, config(256, 0.5, 256, 0.1, 512, 1.0));
    assertEquals(CpuMode.MEMORY_COUPLED, p.cpuMode());
    assertEquals(512, fake.limitsOf("a").path("memory").asInt());
    assertEquals(256, fake.limitsOf("b").path("memory").asInt());
    assertEquals(1024, fake.limitsOf("c").path("memory").asInt());
    assertTrue(fake.limitsOf("a").path("cpu").isMissingNode());
  }

  @Test
  void apply_cpuWithoutSupport_rejectedNamingTheKnob() {
    OpenWhiskPlatform p = platform(PlatformOptions.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.apply(WF, config(256, 0.5, 256, Double.NaN, 256, Double.NaN)));
    assertTrue(e.getMessage().startsWith("a.cpu:"), e.getMessage());
    assertEquals(256, fake.limitsOf("a").path("memory").asInt(), "nothing applied");
  }

  @Test
  void apply_fractionalMemory_rejected() {
    OpenWhiskPlatform p = platform(PlatformOptions.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.apply(WF, config(256.5, Double.NaN, 256, Double.NaN, 256, Double.NaN)));
    assertTrue(e.getMessage().contains("a.memory must be a whole number"), e.getMessage());
  }

  @Test
  void profile_threeStageSequence_latencyFromTopLevelAndCostFromComponents() {
    fake.cpuEnabled(true).advanceClockOnBlockingInvoke(true);
    OpenWhiskPlatform p = platform(PlatformOptions.newBuilder().seed(11).build());
    Configuration c1 = config(512, 0.5, 256, 1.0, 1024, 2.0);
    Configuration c2 = config(256, 1.0, 256, 1.0, 256, 1.0);
    List<ProfileResult> results = p.profile(WF, List.of(c1, c2), ProfileRequest.warm(4, 1.0));
    assertEquals(2, results.size());

    ProfileResult r1 = results.get(0);
    assertEquals(c1, r1.configuration());
    assertEquals(0, r1.failures());
    // warm: 2 ms controller wait + 3 x 3 ms wait + runs 100 + 200 + 50 ms (e2e = end - start + waitTime)
    assertArrayEquals(new double[] {0.361, 0.361, 0.361, 0.361}, r1.latencies(), 1e-12);
    double perInvocation = ((0.5 * 0.173 + 0.5 * 0.0123) * 0.1 + (1.0 * 0.173 + 0.25 * 0.0123) * 0.2
        + (2.0 * 0.173 + 1.0 * 0.0123) * 0.05) / 3600;
    for (double cost : r1.costs()) {
      assertEquals(perInvocation, cost, 1e-15);
    }
    assertEquals(4 * (0.5 * 0.1 + 1.0 * 0.2 + 2.0 * 0.05), r1.vcpuSeconds(), 1e-12);
    assertEquals(4 * (0.5 * 0.1 + 0.25 * 0.2 + 1.0 * 0.05), r1.gbSeconds(), 1e-12);

    ProfileResult r2 = results.get(1);
    assertArrayEquals(new double[] {0.611, 0.611, 0.611, 0.611}, r2.latencies(), 1e-12);
    // each configuration: 1 cold warm-up + 4 warm invocations, all of the copy
    List<FakeOpenWhisk.Recorded> posts = fake.requests().stream().filter(r -> r.method().equals("POST")).toList();
    assertEquals(2 * 5, posts.size());
    assertTrue(posts.stream().allMatch(r -> r.path().endsWith("/actions/wf-aqprof")), posts.toString());
    // production actions untouched; the copies hold the last configuration
    assertEquals(256, fake.limitsOf("a").path("memory").asInt());
    assertTrue(fake.limitsOf("a").path("cpu").isMissingNode());
    assertEquals(256, fake.limitsOf("c-aqprof").path("memory").asInt());
    assertEquals(1.0, fake.limitsOf("c-aqprof").path("cpu").asDouble());
  }

  @Test
  void profile_threeStageSequence_stagesFromComponentsAddUpToTheInvocation() {
    fake.cpuEnabled(true).advanceClockOnBlockingInvoke(true);
    OpenWhiskPlatform p = platform(PlatformOptions.newBuilder().seed(11).build());
    ProfileResult r = p.profile(WF, List.of(config(512, 0.5, 256, 1.0, 1024, 2.0)), ProfileRequest.warm(4, 1.0))
        .get(0);
    assertEquals(List.of("a", "b", "c"), List.copyOf(r.stages().keySet()));
    // warm: each stage waits 3 ms, then runs 100, 200 and 50 ms
    double[] latency = {0.103, 0.203, 0.053};
    double[] cost = {(0.5 * 0.173 + 0.5 * 0.0123) * 0.1 / 3600, (1.0 * 0.173 + 0.25 * 0.0123) * 0.2 / 3600,
        (2.0 * 0.173 + 1.0 * 0.0123) * 0.05 / 3600};
    for (int k = 0; k < 3; k++) {
      StageProfile sp = r.stages().get(List.of("a", "b", "c").get(k));
      assertArrayEquals(new double[] {latency[k], latency[k], latency[k], latency[k]}, sp.latencies(), 1e-12);
      assertArrayEquals(new double[] {cost[k], cost[k], cost[k], cost[k]}, sp.costs(), 1e-18);
    }
    for (int i = 0; i < 4; i++) {
      double stageCost = 0;
      double stageLatency = 0;
      for (StageProfile sp : r.stages().values()) {
        stageCost += sp.costs()[i];
        stageLatency += sp.latencies()[i];
      }
      assertEquals(r.costs()[i], stageCost, 1e-18);
      // the chain's stages account for the end-to-end latency except the sequence's 2 ms controller wait
      assertEquals(r.latencies()[i] - 0.002, stageLatency, 1e-12);
    }
    Observation o = r.toObservation(QosTarget.meanBelow(1), T0);
    assertEquals(o.cost(), o.stages().values().stream().mapToDouble(s -> s.cost()).sum(), 1e-18);
    assertEquals(0.203, o.stages().get("b").latency(), 1e-12);
  }

  @Test
  void invokeAndMeasure_repeatedStageAndNonStageComponent_slowestLatencySummedCostStagesOnly() {
    fake.advanceClockOnBlockingInvoke(true);
    fake.createAction("x", "nodejs:20", 256);
    fake.createSequence("wf2", "a", "x", "b", "a");
    Workflow wf2 = Workflow.chain("wf2", "a", "b");
    PlatformOptions options = PlatformOptions.newBuilder().defaultVcpu(0.25).build();
    OpenWhiskPlatform p = platform(options);
    Configuration c = new Configuration(Map.of("a.memory", 512.0, "b.memory", 256.0));
    p.apply(wf2, c);
    InvocationMeasurement m = p.invokeAndMeasure(wf2, c, "{}");
    // cold a (500 ms wait, 100 ms init, 100 ms run), cold x and b (500 + 100 + 200), then a warm again (3 + 100)
    assertEquals((2 + 700 + 800 + 800 + 103) / 1000.0, m.endToEndSeconds(), 1e-12);
    assertEquals(List.of("a", "b"), List.copyOf(m.stages().keySet()));
    CostModel cm = options.costModel();
    assertEquals(0.7, m.stages().get("a").latencySeconds(), 1e-12); // the slower, cold execution
    assertEquals(cm.cost(0.25, 512, 0.2) + cm.cost(0.25, 512, 0.1), m.stages().get("a").cost(), 1e-18);
    assertEquals(0.8, m.stages().get("b").latencySeconds(), 1e-12);
    assertEquals(cm.cost(0.25, 256, 0.3), m.stages().get("b").cost(), 1e-18);
    // x is billed to the invocation but is no stage of the workflow
    assertEquals(m.cost() - cm.cost(0.25, 256, 0.3),
        m.stages().get("a").cost() + m.stages().get("b").cost(), 1e-18);
    assertEquals(0.3, m.stageSeconds().get("x"), 1e-12);
  }

  @Test
  void profile_nonSequenceWorkflowWithCopies_unsupported() {
    fake.createAction("conductor", "nodejs:20", 256);
    OpenWhiskPlatform p = platform(PlatformOptions.defaults());
    Workflow single = Workflow.chain("conductor", "a");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> p.profile(single, List.of(new Configuration(Map.of("a.memory", 256.0))), ProfileRequest.warm(1, 1)));
    assertTrue(e.getMessage().contains("profileCopySuffix"), e.getMessage());
  }

  @Test
  void profile_singleActionInPlace_billsTheActionItself() {
    fake.advanceClockOnBlockingInvoke(true);
    OpenWhiskPlatform p = platform(PlatformOptions.newBuilder().profileCopySuffix("").defaultVcpu(1.0).build());
    Workflow single = Workflow.chain("a", "a");
    ProfileResult r = p.profile(single, List.of(new Configuration(Map.of("a.memory", 512.0))),
        ProfileRequest.warm(2, 1.0)).get(0);
    // warm: 3 ms wait + 100 ms run
    assertArrayEquals(new double[] {0.103, 0.103}, r.latencies(), 1e-12);
    assertEquals(2 * 0.5 * 0.1, r.gbSeconds(), 1e-12);
    assertEquals(512, fake.limitsOf("a").path("memory").asInt());
    // the one stage is the action itself
    assertEquals(List.of("a"), List.copyOf(r.stages().keySet()));
    assertArrayEquals(new double[] {0.103, 0.103}, r.stages().get("a").latencies(), 1e-12);
    assertArrayEquals(r.costs(), r.stages().get("a").costs(), 0.0);
  }

  @Test
  void invokeAndMeasure_reportsPerStageDurations() {
    fake.advanceClockOnBlockingInvoke(true);
    OpenWhiskPlatform p = platform(PlatformOptions.newBuilder().defaultVcpu(0.25).build());
    Configuration c = config(512, Double.NaN, 256, Double.NaN, 1024, Double.NaN);
    p.apply(WF, c);
    InvocationMeasurement cold = p.invokeAndMeasure(WF, c, "{}");
    assertEquals(3, cold.coldOrPrewarmStages());
    // cold: each stage waits 500 ms and inits 100 ms
    assertEquals(Map.of("a", 0.2, "b", 0.3, "c", 0.15), cold.stageSeconds());
    assertEquals((3 * 500 + 300 + 350 + 2) / 1000.0, cold.endToEndSeconds(), 1e-12);
    InvocationMeasurement warm = p.invokeAndMeasure(WF, c, "{}");
    assertEquals(0, warm.coldOrPrewarmStages());
    assertEquals(Map.of("a", 0.1, "b", 0.2, "c", 0.05), warm.stageSeconds());
    assertEquals(0.25 * 0.35, warm.vcpuSeconds(), 1e-12);
  }

  @Test
  void profile_failingStage_countsFailures() {
    fake.advanceClockOnBlockingInvoke(true);
    fake.failAction("b", true);
    OpenWhiskPlatform p = platform(PlatformOptions.newBuilder().warmupInvocations(0).profileCopySuffix("").build());
    ProfileResult r = p.profile(WF, List.of(config(256, Double.NaN, 256, Double.NaN, 256, Double.NaN)),
        new ProfileRequest(3, 2.0, false, "{}")).get(0);
    assertEquals(3, r.failures());
    assertEquals(0, r.latencies().length);
  }

  @Test
  void profile_namespaceRateLimit_pacedWithout429() {
    fake.advanceClockOnBlockingInvoke(true).invocationsPerMinute(3);
    OpenWhiskPlatform p = platform(PlatformOptions.newBuilder().warmupInvocations(1).build());
    ProfileResult r = p.profile(WF, List.of(config(256, Double.NaN, 256, Double.NaN, 256, Double.NaN)),
        ProfileRequest.warm(5, 100.0)).get(0);
    assertEquals(0, r.failures());
    assertEquals(5, r.latencies().length);
    assertTrue(sleeper.sleeps().stream().anyMatch(d -> d.toSeconds() >= 50), sleeper.sleeps().toString());
    assertTrue(clock.instant().isAfter(T0.plusSeconds(60)));
  }

  @Test
  void history_perMinuteColdPrewarmWarmAndContainers() {
    fake.stemCell("nodejs:20", 256, 1).latency((a, m, c) -> 2_000);
    OpenWhiskPlatform p = platform(PlatformOptions.defaults());
    var client = p.client();
    long[] at = {0, 200, 1_000, 10_000, 59_000, 65_000, 65_500};
    for (long t : at) {
      clock.set(T0.plusMillis(t));
      client.invoke("a", "{}", true, false, 60_000);
    }
    clock.set(T0.plusSeconds(200));
    FunctionHistory h = p.history(FunctionId.of("a"), T0, T0.plusSeconds(180));
    assertEquals(3, h.windows().size());
    // t=0 stem cell (prewarm); t=200 stem cell still replenishing -> cold; t=1000 replenished -> prewarm;
    // t=10 s and t=59 s reuse idle containers (warm)
    WindowStats m0 = h.windows().get(0);
    assertEquals(5, m0.invocations());
    assertEquals(1, m0.coldStarts());
    assertEquals(2, m0.prewarmStarts());
    assertEquals(2, m0.warmStarts());
    assertEquals(3, m0.peakContainers());
    assertEquals(3 * 2.1 + 2.0 + 0.997, m0.containerSeconds(), 1e-9);
    assertEquals(256 * (3 * 2.1 + 2.0 + 0.997), m0.memoryMbSeconds(), 1e-6);
    WindowStats m1 = h.windows().get(1);
    assertEquals(new WindowStats(2, 0, 0, 2, 2, 1.003 + 4.0, 256 * (1.003 + 4.0)), roundSeconds(m1));
    assertEquals(WindowStats.EMPTY, h.windows().get(2));

    FunctionHistory fromMinute1 = p.history(FunctionId.of("a"), T0.plusSeconds(60), T0.plusSeconds(120));
    assertEquals(1, fromMinute1.windows().size());
    assertEquals(2, fromMinute1.windows().get(0).peakContainers());
    assertEquals(5.003, fromMinute1.windows().get(0).containerSeconds(), 1e-9, "the row begun at 59 s counts");
  }

  private static WindowStats roundSeconds(WindowStats w) {
    return new WindowStats(w.invocations(), w.coldStarts(), w.prewarmStarts(), w.warmStarts(), w.peakContainers(),
        Math.round(w.containerSeconds() * 1e6) / 1e6, Math.round(w.memoryMbSeconds() * 1e6) / 1e6);
  }

  @Test
  void setPrewarmTargets_stock_unsupportedWithReason() {
    OpenWhiskPlatform p = platform(PlatformOptions.defaults());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> p.setPrewarmTargets(Map.of(FunctionId.of("a"), 2)));
    assertTrue(e.getMessage().contains("runtimes.json"), e.getMessage());
  }

  @Test
  void providers_findsOpenWhiskByName() {
    assertTrue(Providers.platformNames().contains("openwhisk"));
    Map<String, String> props = Map.of("apihost", fake.apiHost(), "auth", FakeOpenWhisk.GUEST_KEY,
        "wskprops", "none", "cpuMode", "memory-coupled", "userCpus", "4", "userMemoryMb", "4096");
    try (FaasPlatform p = Providers.platform("openwhisk", props)) {
      OpenWhiskPlatform ow = assertInstanceOf(OpenWhiskPlatform.class, p);
      assertEquals("openwhisk", ow.name());
      assertEquals(CpuMode.MEMORY_COUPLED, ow.cpuMode());
      assertEquals("read-only", ow.prewarmController().name());
      assertEquals(List.of("guest"), ow.client().getNamespaces());
    }
  }

  @Test
  void provider_environmentFallbackAndUnknownKey() {
    OpenWhiskPlatformProvider provider = new OpenWhiskPlatformProvider();
    OpenWhiskPlatform p = provider.create(Map.of("wskprops", "none"),
        Map.of("__OW_API_HOST", fake.apiHost(), "__OW_API_KEY", FakeOpenWhisk.GUEST_KEY), clock, sleeper);
    assertEquals(List.of("guest"), p.client().getNamespaces());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> provider.create(Map.of("apiHost", "x"), Map.of(), clock, sleeper));
    assertTrue(e.getMessage().contains("unknown property 'apiHost'"), e.getMessage());
  }

  @Test
  void options_memoryCoupledWithoutResources_rejected() {
    assertThrows(IllegalArgumentException.class,
        () -> PlatformOptions.newBuilder().cpuMode(CpuMode.MEMORY_COUPLED).build());
    assertThrows(IllegalStateException.class, () -> PlatformOptions.newBuilder().seed(1).seed(2));
    assertThrows(IllegalArgumentException.class, () -> PlatformOptions.newBuilder().blockingTimeoutMs(0).build());
  }

  @Test
  void clock_isTheClientsClock() {
    assertEquals(T0, platform(PlatformOptions.defaults()).clock().instant());
    assertEquals(Duration.ZERO, Duration.between(T0, clock.instant()));
  }
}
