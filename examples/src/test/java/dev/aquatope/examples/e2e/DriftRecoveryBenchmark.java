package dev.aquatope.examples.e2e;

import dev.aquatope.core.manage.Budget;
import dev.aquatope.core.manage.ManagedWorkflow;
import dev.aquatope.core.manage.OptimizationOutcome;
import dev.aquatope.core.manage.ResourceManager;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.fixtures.problems.ExhaustiveOracle;
import dev.aquatope.fixtures.sim.FunctionProfile;
import dev.aquatope.fixtures.sim.NoiseFreeModel;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.sim.SimulatedFaasPlatform;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import dev.aquatope.gp.DriftOptions;
import dev.aquatope.gp.GpBatchOptimizer;
import dev.aquatope.gp.GpBatchOptimizerProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How well the resource manager recovers when ml-pipeline's {@code detect} stage becomes twice as
 * slow (the scenario of {@link ManagerE2eTest}, over several seeds): a 30-evaluation campaign,
 * production checks of the applied configuration until gp-qnei declares drift, then the drift
 * campaign. Prints, per seed, the checks needed and the applied configuration's noise-free latency
 * and cost over the slowed oracle. Not run by the default tests (the class name does not end in
 * {@code Test}, and the method needs a system property):
 * <pre>{@code
 * mvn -q -B -pl examples -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=DriftRecoveryBenchmark \
 *     -Daquatope.driftBench="15 3 4 13"
 * }</pre>
 * The property holds the drift budget (evaluations), the fresh points after drift
 * ({@link DriftOptions#reexplore()}), the first and the last seed.
 */
final class DriftRecoveryBenchmark {
  @Test
  @EnabledIfSystemProperty(named = "aquatope.driftBench", matches = ".+")
  void run() throws IOException {
    main(System.getProperty("aquatope.driftBench").trim().split("\\s+"));
  }

  private static ConstrainedBatchOptimizer.Provider provider(int reexplore) {
    return GpBatchOptimizerProvider.withFactory((problem, seed) -> GpBatchOptimizer.newBuilder(problem).seed(seed)
        .nInit(8).mcSamples(16).numRestarts(4).rawSamples(256)
        .drift(DriftOptions.defaults().withReexplore(reexplore)).build());
  }

  /**
   * Runs the benchmark and prints the results.
   *
   * @param args drift budget, re-explore points, first seed, last seed (defaults 15 3 4 13)
   * @throws IOException if a journal cannot be written
   */
  static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    int budget = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int reexplore = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long first = args.length > 2 ? Long.parseLong(args[2]) : 4;
    long last = args.length > 3 ? Long.parseLong(args[3]) : 13;
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName("ml-pipeline").withQos(QosTarget.meanBelow(4.0));
    FunctionId detect = FunctionId.of("ml-pipeline/detect");
    Map<FunctionId, FunctionProfile> slow = ManagerE2eTest.slower(bw.profiles(), detect.value());
    NoiseFreeModel slowModel = new NoiseFreeModel(bw.workflow(), slow, CostModel.azureLike(),
        bw.profileRequest().ratePerSecond(), bw.qos().statistic(), BenchmarkWorkflow.DEFAULT_RESOURCES,
        bw.profileRequest().requests());
    double oracle = ExhaustiveOracle.solve(bw.problem(), slowModel).orElseThrow().cost();
    List<Double> ratios = new ArrayList<>();
    int infeasible = 0;
    out.printf("drift budget %d, reexplore %d%n", budget, reexplore);
    for (long seed = first; seed <= last; seed++) {
      Path dir = Files.createTempDirectory("drift-bench");
      try (SimulatedFaasPlatform sim = bw.newPlatform(30 + seed, NoiseModel.logNormal(0.05));
          ResourceManager rm = ResourceManager.newBuilder().platform(sim).optimizer(provider(reexplore))
              .journalDirectory(dir).batchSize(3).seed(seed).driftBudget(Budget.evaluations(budget)).build()) {
        rm.register(new ManagedWorkflow(bw.problem(), CostModel.azureLike(), bw.profileRequest(), 0));
        Optional<Configuration> c1 = rm.optimize(bw.name(), Budget.evaluations(30)).applied();
        if (c1.isEmpty()) {
          out.printf("seed %d: first campaign found nothing feasible%n", seed);
          continue;
        }
        sim.replaceProfile(detect, slow.get(detect));
        Optional<OptimizationOutcome> again = Optional.empty();
        int checks = 0;
        while (again.isEmpty() && checks < 8) {
          again = rm.profileApplied(bw.name());
          checks++;
        }
        if (again.isEmpty()) {
          out.printf("seed %d: no drift declared in %d checks%n", seed, checks);
          continue;
        }
        Configuration c2 = again.get().applied().orElseThrow();
        NoiseFreeModel.Evaluation e = slowModel.evaluate(c2);
        boolean ok = e.latency() <= bw.qos().boundSeconds();
        infeasible += ok ? 0 : 1;
        ratios.add(e.cost() / oracle);
        out.printf("seed %d: drift after %d checks; applied latency %.3f s (%s), cost / slowed oracle %.3f%n", seed,
            checks, e.latency(), ok ? "feasible" : "INFEASIBLE", e.cost() / oracle);
      }
    }
    double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = r.length == 0 ? Double.NaN
        : r.length % 2 == 1 ? r[r.length / 2] : 0.5 * (r[r.length / 2 - 1] + r[r.length / 2]);
    out.printf("runs %d, infeasible %d, cost / slowed oracle: median %.3f, all %s%n", r.length, infeasible, median,
        Arrays.toString(Arrays.stream(r).map(x -> Math.round(x * 1000) / 1000.0).toArray()));
  }
}
