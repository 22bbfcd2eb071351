package dev.aquatope.examples.e2e;

import dev.aquatope.core.manage.BatchProgress;
import dev.aquatope.core.manage.Budget;
import dev.aquatope.core.manage.ManagedWorkflow;
import dev.aquatope.core.manage.OptimizationOutcome;
import dev.aquatope.core.manage.ResourceManager;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.StageResources;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.util.Checks;
import dev.aquatope.fixtures.problems.ExhaustiveOracle;
import dev.aquatope.fixtures.problems.OracleResult;
import dev.aquatope.fixtures.sim.NoiseFreeModel;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.sim.SimulatedFaasPlatform;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the whole {@link ResourceManager} (journal, prewarming, campaign, apply) on the simulated
 * platform for one benchmark workflow, and judges the configuration it applies on the noise-free
 * model against the {@link ExhaustiveOracle}.
 *
 * @param workflow the benchmark workflow
 * @param noise the simulator's noise (log-normal CV, interference episodes, outliers)
 * @param evaluations the campaign's budget in profiled configurations, {@code >= 1}
 * @param batchSize configurations per batch, {@code >= 1}
 * @param seed seed of the platform and the optimizer
 */
public record ManagerExperiment(BenchmarkWorkflow workflow, NoiseModel noise, int evaluations, int batchSize,
    long seed) {
  /** Validates the fields. */
  public ManagerExperiment {
    Checks.notNull("workflow", workflow);
    Checks.notNull("noise", noise);
    Checks.positive("evaluations", evaluations);
    Checks.positive("batchSize", batchSize);
  }

  /**
   * The exhaustive oracle of the workflow on its noise-free model.
   *
   * @return the cheapest feasible configuration
   * @throws IllegalStateException if no configuration meets the QoS target
   */
  public OracleResult oracle() {
    return ExhaustiveOracle.solve(workflow).orElseThrow(
        () -> new IllegalStateException("no configuration of " + workflow.name() + " meets its QoS target"));
  }

  /**
   * Runs one campaign with a fresh platform and a fresh journal.
   *
   * @param optimizer creates the optimizer
   * @param journalDirectory an empty directory for the manager's journal
   * @param progress called after each batch (may be null)
   * @return the result
   * @throws IOException if the journal cannot be written
   */
  public ManagerRunResult run(ConstrainedBatchOptimizer.Provider optimizer, Path journalDirectory,
      Consumer<BatchProgress> progress) throws IOException {
    Checks.notNull("optimizer", optimizer);
    Checks.notNull("journalDirectory", journalDirectory);
    OracleResult oracle = oracle();
    NoiseFreeModel model = workflow.model();
    NoiseFreeModel.Evaluation dflt = model.evaluate(workflow.defaultConfiguration());
    List<Double> best = new ArrayList<>();
    int[] infeasible = {0};
    long t0 = System.nanoTime();
    try (SimulatedFaasPlatform sim = workflow.newPlatform(seed, noise);
        ResourceManager rm = ResourceManager.newBuilder().platform(sim).optimizer(optimizer)
            .journalDirectory(journalDirectory).batchSize(batchSize).seed(seed).build()) {
      rm.register(new ManagedWorkflow(workflow.problem(), CostModel.azureLike(), workflow.profileRequest(), 1));
      OptimizationOutcome out = rm.optimize(workflow.name(), Budget.evaluations(evaluations), p -> {
        for (Observation o : p.batch()) {
          if (!o.isFeasible(workflow.qos())) {
            infeasible[0]++;
          }
          best.add(p.bestFeasible().map(Observation::cost).orElse(Double.NaN));
        }
        if (progress != null) {
          progress.accept(p);
        }
      });
      double wall = (System.nanoTime() - t0) / 1e9;
      Optional<Configuration> applied = out.applied();
      double cost = Double.NaN;
      double latency = Double.NaN;
      boolean met = false;
      boolean onPlatform = false;
      if (applied.isPresent()) {
        NoiseFreeModel.Evaluation e = model.evaluate(applied.get());
        cost = e.cost();
        latency = e.latency();
        met = !e.outOfMemory() && workflow.qos().isMet(e.latency());
        onPlatform = isApplied(sim, applied.get());
      }
      return new ManagerRunResult(optimizer.name(), out.evaluations(), applied, onPlatform, cost, latency, met,
          oracle.cost(), dflt.cost(), dflt.latency(), workflow.qos().boundSeconds(), infeasible[0],
          best.stream().mapToDouble(Double::doubleValue).toArray(), wall, out.stopReason());
    }
  }

  /**
   * Whether the platform's production resources of every stage equal a configuration's.
   *
   * @param sim the platform
   * @param configuration the configuration
   * @return true if every stage runs with the configuration's resources
   */
  public boolean isApplied(SimulatedFaasPlatform sim, Configuration configuration) {
    for (Stage s : workflow.workflow().stages()) {
      StageResources now = sim.resources(s.function());
      StageResources want = configuration.resources(s.name(), BenchmarkWorkflow.DEFAULT_RESOURCES);
      if (!now.equals(want)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The median of some values, ignoring NaN (NaN if none).
   *
   * @param values the values
   * @return the median
   */
  public static double median(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
