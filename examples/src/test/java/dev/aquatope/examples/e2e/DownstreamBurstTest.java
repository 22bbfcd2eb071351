package dev.aquatope.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.pool.ContainerPoolScheduler;
import dev.aquatope.core.pool.PoolDecision;
import dev.aquatope.core.pool.PoolSchedulerConfig;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.sim.SimulatedFaasPlatform;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DownstreamBurstTest {
  @Test
  void runOnce_burstAtEntry_raisesDownstreamTargetsInTheSameInterval() {
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName("ml-pipeline");
    try (SimulatedFaasPlatform sim = bw.newPlatform(11, NoiseModel.NONE);
        ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(sim)
            .config(PoolSchedulerConfig.defaults().withInputSteps(5).withTrainingWindows(60))
            .trainingExecutor(Runnable::run).forecasters("keep-alive").workflow(bw.workflow()).build()) {
      Instant t0 = sim.clock().instant();
      pool.runOnce(t0);
      sim.runUntil(t0.plus(Duration.ofMinutes(1)));
      // 30 invocations in the last 2 seconds of minute 1: preprocess (1.15 s + 1 s cold start) is busy in
      // minute 1, detect only starts in minute 2
      Instant burst = t0.plus(Duration.ofSeconds(60 + 58));
      Instant[] at = new Instant[30];
      for (int i = 0; i < at.length; i++) {
        at[i] = burst.plusMillis(50L * i);
      }
      sim.submit(bw.workflow(), at);
      pool.runOnce(t0.plus(Duration.ofMinutes(1)));
      sim.runUntil(t0.plus(Duration.ofMinutes(2)));
      assertEquals(30, sim.history(FunctionId.of("ml-pipeline/preprocess"), t0.plus(Duration.ofMinutes(1)),
          t0.plus(Duration.ofMinutes(2))).windows().get(0).peakContainers());
      assertEquals(0, sim.history(FunctionId.of("ml-pipeline/detect"), t0.plus(Duration.ofMinutes(1)),
          t0.plus(Duration.ofMinutes(2))).windows().get(0).peakContainers());

      Map<String, PoolDecision> d = pool.runOnce(t0.plus(Duration.ofMinutes(2))).stream()
          .collect(Collectors.toMap(x -> x.function().value().substring("ml-pipeline/".length()), x -> x));
      // the entry stage's own (keep-alive) forecast: last window = 30
      assertEquals(30, d.get("preprocess").target().getAsInt());
      for (String downstream : List.of("detect", "human", "vehicle")) {
        PoolDecision x = d.get(downstream);
        assertEquals(0, x.ownTarget().getAsInt(), downstream + ": its own history saw nothing yet");
        assertEquals(30, x.target().getAsInt(), downstream + ": " + x.reason());
        assertTrue(x.reason().startsWith("downstream of "), x.reason());
      }
      // and the platform provisions them in this interval
      sim.runUntil(t0.plus(Duration.ofMinutes(2)).plusSeconds(1));
      assertTrue(sim.provisionedContainers(FunctionId.of("ml-pipeline/human")) >= 30);
    }
  }
}
