package dev.aquatope.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.manage.Budget;
import dev.aquatope.core.manage.ManagedWorkflow;
import dev.aquatope.core.manage.OptimizationOutcome;
import dev.aquatope.core.manage.ResourceManager;
import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.LatencyStatistic;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.pool.ContainerPoolScheduler;
import dev.aquatope.core.pool.PoolDecision;
import dev.aquatope.core.pool.PoolSchedulerConfig;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.spi.ProfileResult;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.trace.CompactTraceReader;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.sim.SimulatedFaasPlatform;
import dev.aquatope.fixtures.traces.BundledTraces;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import dev.aquatope.gp.GpBatchOptimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the code examples of the root README (with small budgets), so that they keep compiling and
 * doing what the README says.
 */
class ReadmeExamplesTest {

  @Test
  void forecasterExample_fitsForecastsSavesAndRestores() throws Exception {
    Map<FunctionId, InvocationSeries> trace;
    try (InputStream in = BundledTraces.open(BundledTraces.AZURE_2019_RESOURCE)) {
      trace = CompactTraceReader.read(in, "azure2019_6fn_per_minute.csv.gz");
    }
    InvocationSeries series = trace.get(BundledTraces.WEEKLY_FUNCTION);
    InvocationSeries train = series.slice(0, 7 * 1440);

    // The README uses "hybrid-bnn"; a baseline keeps this test fast (aquatope-nn tests the network).
    InvocationForecaster forecaster = Providers.forecaster("fft", 42L);
    forecaster.fit(train);
    Forecast next = forecaster.forecast(train);
    assertTrue(next.quantile(0.9) >= next.mean());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    forecaster.save(out);
    InvocationForecaster restored = Providers.forecasterProvider("fft").load(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(next, restored.forecast(train));
  }

  @Test
  void optimizerExample_findsAFeasibleConfigurationAndExportsState() throws Exception {
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName("chain(3)");
    Workflow wf = bw.workflow();
    ConfigSpace space = ConfigSpace.perStage(wf, List.of(
        Knob.cpu(0.5, 4.0, 0.5), Knob.memory(256, 2048, 256), Knob.concurrency(1, 4)));
    OptimizationProblem problem = new OptimizationProblem(wf, space, new QosTarget(bw.qos().boundSeconds(), LatencyStatistic.MEAN));

    try (SimulatedFaasPlatform platform = bw.newPlatform(1L, NoiseModel.NONE)) {
      ConstrainedBatchOptimizer opt = GpBatchOptimizer.newBuilder(problem)
          .nInit(6).batchSize(3).mcSamples(32).numRestarts(4).anomalyDetection(true).confidence(0.95)
          .seed(42).build();
      for (int batch = 0; batch < 4; batch++) {
        List<Configuration> configs = opt.suggest(3);
        List<ProfileResult> measured = platform.profile(wf, configs, ProfileRequest.warm(10, 2.0));
        opt.observe(measured.stream().map(r -> r.toObservation(problem.qos(), platform.clock().instant())).toList());
      }
      Observation best = opt.bestFeasible().orElseThrow();
      assertTrue(best.latency() <= problem.qos().boundSeconds());
      assertEquals(12, opt.observations().size());

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      opt.exportState(out);
      ConstrainedBatchOptimizer restored = Providers.optimizerProvider("gp-qnei")
          .restore(problem, new ByteArrayInputStream(out.toByteArray()));
      assertEquals(opt.suggest(3), restored.suggest(3));
    }
  }

  @Test
  void poolAndManagerExamples_runOnTheSimulator(@TempDir Path journal) throws Exception {
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName("ml-pipeline");
    try (SimulatedFaasPlatform platform = bw.newPlatform(3L, NoiseModel.NONE)) {
      Workflow wf = bw.workflow();
      platform.addTrace(wf, BundledTraces.weekly().slice(0, 120), 1.0);
      platform.runFor(Duration.ofMinutes(60));

      try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder()
          .platform(platform)
          .config(PoolSchedulerConfig.defaults())
          .forecasters("keep-alive")
          .trainingExecutor(Runnable::run)
          .workflow(wf)
          .build()) {
        List<PoolDecision> decisions = pool.runOnce(platform.clock().instant());
        assertEquals(wf.functions().size(), decisions.size());

        try (ResourceManager manager = ResourceManager.newBuilder()
            .platform(platform).optimizer("random").pool(pool)
            .journalDirectory(journal)
            .batchSize(3).seed(42).build()) {
          manager.register(new ManagedWorkflow(bw.problem(), CostModel.azureLike(), bw.profileRequest(), 1));
          OptimizationOutcome outcome = manager.optimize(wf.name(), Budget.evaluations(9), progress -> { });
          assertEquals(9, outcome.evaluations());
          assertFalse(manager.workflows().isEmpty());
        }
      }
    }
  }
}
