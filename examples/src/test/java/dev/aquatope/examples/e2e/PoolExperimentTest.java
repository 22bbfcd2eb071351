package dev.aquatope.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.pool.CascadeOptions;
import dev.aquatope.core.pool.PoolSizing;
import dev.aquatope.core.pool.TargetMeasure;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PoolExperimentTest {
  /** A timer every 15 minutes with 6 invocations in its minute: idle longer than the 10-minute keep-alive. */
  static InvocationSeries timer(int days) {
    double[] c = new double[days * 1440];
    for (int m = 0; m < c.length; m++) {
      c[m] = m % 15 == 0 ? 6 : 0;
    }
    return InvocationSeries.perMinute(FunctionId.of("timer"), TriggerType.TIMER, Instant.parse("2019-07-15T00:00:00Z"), c);
  }

  private static PoolExperiment experiment(long seed) {
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName("chain(2)");
    return new PoolExperiment(bw, timer(2), 1, 1, 1.0, Duration.ofMinutes(10), Duration.ofMinutes(1), 120,
        NoiseModel.DEFAULT, seed, false);
  }

  @Test
  void run_periodicTrace_schedulerColdStartsBelowKeepAlive() {
    PoolExperiment exp = experiment(7);
    ForecasterCache cache = new ForecasterCache(7);
    PoolRunResult keep = exp.run(PoolPolicy.named("keep-alive", 0.9), cache, false, null);
    PoolRunResult fft = exp.run(PoolPolicy.named("fft-q", 0.9), cache, true, null);
    // one day of 96 firings x 6 invocations x 2 stages
    assertEquals(96 * 6 * 2, keep.invocations());
    assertEquals(keep.invocations(), fft.invocations());
    // every firing comes after 15 idle minutes: keep-alive has released everything, so each firing starts cold
    assertTrue(keep.coldStarts() >= 96 * 2, "keep-alive cold starts " + keep.coldStarts());
    assertTrue(fft.coldStarts() * 4 < keep.coldStarts(),
        "fft " + fft.coldStarts() + " vs keep-alive " + keep.coldStarts() + " cold starts");
    // the timeline shows targets at the firing minutes and none in between
    PoolTimeline t = fft.timeline().orElseThrow();
    assertEquals(1440, t.size());
    int firingTargets = 0;
    double firingMean = 0;
    double idleMean = 0;
    for (int m = 0; m < t.size(); m++) {
      if (m % 15 == 0) {
        firingTargets += t.target()[m] > 0 ? 1 : 0;
        firingMean += t.mean()[m] / 96;
      } else {
        idleMean += t.mean()[m] / (1440 - 96);
      }
    }
    assertTrue(firingTargets >= 90, "firing minutes with a target: " + firingTargets);
    assertTrue(firingMean > 2 * idleMean, "mean forecast at firings " + firingMean + ", between " + idleMean);
  }

  @Test
  void run_periodicTraceWorkflowConcurrency_schedulerColdStartsBelowKeepAlive() {
    PoolExperiment exp = experiment(7);
    ForecasterCache cache = new ForecasterCache(7);
    PoolRunResult keep = exp.run(PoolPolicy.named("keep-alive", 0.9), cache, false, null);
    PoolPolicy sized = PoolPolicy.named("fft-q", 0.9).withSizing(PoolSizing.WORKFLOW_CONCURRENCY);
    PoolRunResult fft = exp.run(sized, cache, true, null);
    assertEquals(keep.invocations(), fft.invocations());
    assertTrue(keep.coldStarts() >= 96 * 2, "keep-alive cold starts " + keep.coldStarts());
    assertTrue(fft.coldStarts() * 4 < keep.coldStarts(),
        "fft sized from the entry's invocations " + fft.coldStarts() + " vs keep-alive " + keep.coldStarts());
    // the entry stage's targets are containers (at most one per invocation), not the 6 invocations
    int[] target = fft.timeline().orElseThrow().target();
    int firingTargets = 0;
    for (int m = 0; m < target.length; m += 15) {
      firingTargets += target[m] > 0 && target[m] <= 6 ? 1 : 0;
    }
    assertTrue(firingTargets >= 90, "firing minutes with a target of 1..6 containers: " + firingTargets);
  }

  @Test
  void named_hybridPolicies_forecastInvocationsAndSizeFromTheWorkflow() {
    PoolPolicy aquatope = PoolPolicy.named("aquatope", 0.9);
    assertEquals(PoolSizing.WORKFLOW_CONCURRENCY, aquatope.sizing());
    assertEquals(TargetMeasure.INVOCATIONS, aquatope.measure());
    assertEquals(PoolSizing.WORKFLOW_CONCURRENCY, PoolPolicy.named("aqualite", 0.9).sizing());
    PoolPolicy fft = PoolPolicy.named("fft", 0.9);
    assertEquals(PoolSizing.PER_FUNCTION, fft.sizing());
    assertEquals(TargetMeasure.CONTAINERS_NEEDED, fft.measure());
    assertEquals(PoolSizing.PER_FUNCTION, aquatope.withSizing(PoolSizing.PER_FUNCTION).sizing());
    PoolPolicy keep = PoolPolicy.named("keep-alive", 0.9);
    assertEquals(keep, keep.withSizing(PoolSizing.WORKFLOW_CONCURRENCY), "the baseline has no scheduler to size");
  }

  @Test
  void run_mlPipelineWithCascade_fewerColdStartsAndLessMemoryThanTheSamePolicyWithout() {
    // a bursty trace: 0-12 invocations a minute with a 40-invocation burst every 37 minutes
    double[] c = new double[2 * 1440];
    for (int m = 0; m < c.length; m++) {
      c[m] = m % 37 == 0 ? 40 : (m * 7) % 13;
    }
    InvocationSeries trace = InvocationSeries.perMinute(FunctionId.of("bursty"), TriggerType.HTTP,
        Instant.parse("2019-07-15T00:00:00Z"), c);
    PoolExperiment exp = PoolExperiment.of(BenchmarkWorkflows.mlPipeline(), trace, 1, 1, 5).withEntryOnly(true);
    ForecasterCache cache = new ForecasterCache(5);
    PoolRunResult fft = exp.run(PoolPolicy.named("fft", 0.9), cache, false, null);
    PoolRunResult cascade = exp.run(PoolPolicy.named("fft-cascade", 0.9), cache, false, null);
    assertEquals(fft.invocations(), cascade.invocations());
    assertTrue(cascade.coldStarts() < fft.coldStarts(), "cold starts " + fft.coldStarts() + " -> " + cascade.coldStarts());
    assertTrue(cascade.memoryGbSeconds() < 0.9 * fft.memoryGbSeconds(),
        "memory " + fft.memoryGbSeconds() + " -> " + cascade.memoryGbSeconds());
  }

  @Test
  void named_cascade_onlyForAquatopeAndTheFftAblation() {
    assertEquals(PoolPolicy.CASCADE, PoolPolicy.named("aquatope", 0.75).cascade());
    assertEquals(PoolPolicy.CASCADE, PoolPolicy.named("fft-cascade", 0.9).cascade());
    assertTrue(PoolPolicy.CASCADE.enabled());
    for (String baseline : new String[] {"keep-alive", "histogram", "fft", "fft-q", "aqualite"}) {
      assertEquals(CascadeOptions.OFF, PoolPolicy.named(baseline, 0.9).cascade(), baseline);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PoolPolicy.named("keep-alive", 0.9).withCascade(PoolPolicy.CASCADE));
    assertTrue(e.getMessage().contains("cannot cascade"), e.getMessage());
  }

  @Test
  void run_sameSeed_sameResult() {
    ForecasterCache a = new ForecasterCache(3);
    ForecasterCache b = new ForecasterCache(3);
    PoolRunResult r1 = experiment(3).run(PoolPolicy.named("histogram", 0.9), a, false, null);
    PoolRunResult r2 = experiment(3).run(PoolPolicy.named("histogram", 0.9), b, false, null);
    assertEquals(r1.coldStarts(), r2.coldStarts());
    assertEquals(r1.memoryGbSeconds(), r2.memoryGbSeconds(), 0.0);
  }

  @Test
  void new_traceTooShort_isRejected() {
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName("chain(2)");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PoolExperiment.of(bw, timer(2), 2, 1, 1));
    assertTrue(e.getMessage().contains("fewer than trainDays + replayDays = 3 days"), e.getMessage());
  }

  @Test
  void named_unknownPolicy_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoolPolicy.named("lru", 0.9));
    assertTrue(e.getMessage().startsWith("unknown pool policy 'lru'"), e.getMessage());
  }
}
