package dev.aquatope.openwhisk.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.manage.Budget;
import dev.aquatope.core.manage.ManagedWorkflow;
import dev.aquatope.core.manage.OptimizationOutcome;
import dev.aquatope.core.manage.ResourceManager;
import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.LinearCostModel;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.StageObservation;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.openwhisk.fake.FakeClock;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk;
import dev.aquatope.openwhisk.fake.FakeSleeper;
import dev.aquatope.openwhisk.fake.TestClients;
import dev.aquatope.openwhisk.prewarm.ReadOnlyPrewarmController;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core's ResourceManager drives an OpenWhiskPlatform on the fake from profiling to production. */
class ResourceManagerIntegrationTest {

  /** Suggests the grid in order; the best feasible is the cheapest unflagged one meeting the QoS. */
  static final class GridOptimizer implements ConstrainedBatchOptimizer {
    final OptimizationProblem problem;
    final List<Observation> seen = new ArrayList<>();
    final Set<Configuration> issued = new HashSet<>();
    int next;

    GridOptimizer(OptimizationProblem problem) {
      this.problem = problem;
    }

    @Override
    public String name() {
      return "grid";
    }

    @Override
    public OptimizationProblem problem() {
      return problem;
    }

    @Override
    public List<Configuration> suggest(int q) {
      ConfigSpace space = problem.space();
      int total = space.gridSize().min(BigInteger.valueOf(1_000)).intValue();
      List<Configuration> out = new ArrayList<>();
      while (out.size() < q && next < total) {
        int[] idx = new int[space.dimension()];
        int rest = next++;
        for (int d = space.dimension() - 1; d >= 0; d--) {
          int levels = space.parameters().get(d).knob().levels();
          idx[d] = rest % levels;
          rest /= levels;
        }
        Configuration c = space.fromIndices(idx);
        if (issued.add(c)) {
          out.add(c);
        }
      }
      return out;
    }

    @Override
    public void observe(List<Observation> evaluations) {
      seen.addAll(evaluations);
    }

    @Override
    public List<Observation> observations() {
      return List.copyOf(seen);
    }

    @Override
    public Optional<Observation> bestFeasible() {
      return seen.stream().filter(o -> o.flags().isEmpty() && o.isFeasible(problem.qos()))
          .min(Comparator.comparingDouble(Observation::cost));
    }

    @Override
    public void exportState(OutputStream out) throws java.io.IOException {
      out.write(("{\"next\":" + next + "}").getBytes(StandardCharsets.UTF_8));
    }
  }

  static final class GridProvider implements ConstrainedBatchOptimizer.Provider {
    @Override
    public String name() {
      return "grid";
    }

    @Override
    public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
      return new GridOptimizer(problem);
    }

    @Override
    public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) {
      return new GridOptimizer(problem);
    }
  }

  @Test
  void optimize_threeStageSequence_appliesCheapestFeasibleToProduction(@TempDir Path journal) throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-01-05T10:00:00Z"));
    FakeSleeper sleeper = new FakeSleeper(clock);
    try (FakeOpenWhisk fake = new FakeOpenWhisk(clock)) {
      // 256 MB: 200 ms, 512 MB: 150 ms; warm e2e = 11 ms + the runs
      fake.latency((a, memory, cpu) -> Math.round(100 + 100 * 256.0 / memory)).advanceClockOnBlockingInvoke(true);
      for (String s : List.of("a", "b", "c")) {
        fake.createAction(s, "nodejs:20", 256);
      }
      fake.createSequence("wf", "a", "b", "c");
      OpenWhiskPlatform platform = new OpenWhiskPlatform(TestClients.guest(fake, sleeper),
          new ReadOnlyPrewarmController(null), PlatformOptions.defaults());
      Workflow wf = Workflow.chain("wf", "a", "b", "c");
      OptimizationProblem problem = new OptimizationProblem(wf,
          ConfigSpace.perStage(wf, List.of(Knob.memory(256, 512, 256))), QosTarget.meanBelow(0.52));
      // price memory only: 256 MB is cheaper (0.05 GB-s per run) than 512 MB (0.075 GB-s)
      ManagedWorkflow mw = new ManagedWorkflow(problem, new LinearCostModel(0, 3600), ProfileRequest.warm(2, 1.0), 0);
      try (ResourceManager rm = ResourceManager.newBuilder().platform(platform).optimizer(new GridProvider())
          .journalDirectory(journal).batchSize(3).seed(5).build()) {
        rm.register(mw);
        OptimizationOutcome out = rm.optimize("wf", Budget.evaluations(8));
        assertEquals(8, out.evaluations());
        Configuration applied = out.applied().orElseThrow();
        // feasible needs two stages at 512 MB (511 ms); the cheapest such has exactly two
        long at512 = applied.values().values().stream().filter(v -> v == 512.0).count();
        assertEquals(2, at512, applied.toString());
        assertEquals(0.511, out.best().orElseThrow().latency(), 1e-9);
        assertEquals(0.075 * 2 + 0.05, out.best().orElseThrow().cost(), 1e-9);
        // per stage, from the component activations: warm latency 3 ms + the run; costs add up to the repriced cost
        Observation best = out.best().orElseThrow();
        assertEquals(List.of("a", "b", "c"), List.copyOf(best.stages().keySet()));
        for (String s : List.of("a", "b", "c")) {
          assertEquals(applied.get(s + ".memory") == 512.0 ? 0.153 : 0.203, best.stages().get(s).latency(), 1e-9, s);
        }
        assertEquals(best.cost(), best.stages().values().stream().mapToDouble(StageObservation::cost).sum(), 1e-12);
        for (String s : List.of("a", "b", "c")) {
          assertEquals(applied.get(s + ".memory"), fake.limitsOf(s).path("memory").asDouble(), s);
        }
        assertTrue(fake.requests().stream().filter(r -> r.method().equals("POST"))
            .allMatch(r -> r.path().endsWith("/actions/wf-aqprof")), "profiling used the copies only");
      }
    }
  }
}
