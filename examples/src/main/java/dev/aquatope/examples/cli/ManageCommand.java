package dev.aquatope.examples.cli;

import dev.aquatope.core.manage.Budget;
import dev.aquatope.core.manage.ManagedWorkflow;
import dev.aquatope.core.manage.OptimizationOutcome;
import dev.aquatope.core.manage.ResourceManager;
import dev.aquatope.core.manage.WorkflowStatus;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.pool.CascadeOptions;
import dev.aquatope.core.pool.ContainerPoolScheduler;
import dev.aquatope.core.pool.PoolSchedulerConfig;
import dev.aquatope.core.pool.QuantilePolicy;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.FaasPlatform;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.workflow.WorkflowDefinitions;
import dev.aquatope.examples.e2e.GpQneiOptions;
import dev.aquatope.fixtures.sim.SimulatedFaasPlatform;
import dev.aquatope.fixtures.sim.stats.FunctionSummary;
import dev.aquatope.fixtures.traces.BundledTraces;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The long-running Aquatope service (the prototype's {@code scheduler.py} and {@code manager.py}
 * together): registers workflows with a {@link ResourceManager} (journaled, so a restart resumes
 * where it stopped), optimizes each, applies the best feasible configuration, keeps the pool
 * prewarmed with a {@link ContainerPoolScheduler} and re-checks the applied configurations
 * periodically (re-optimizing on drift).
 *
 * <pre>{@code
 * java -jar aquatope.jar manage --platform sim --workflow ml-pipeline --duration 1d --journal journal/
 * java -jar aquatope.jar manage --platform openwhisk --platform-property apiHost=https://... \
 *     --workflow-config video.json --journal /var/lib/aquatope
 * }</pre>
 *
 * <p>With {@code --platform sim} time is simulated: the bundled 14-day trace drives the workflows
 * and the pool ticks once per {@code --interval} of virtual time for {@code --duration}. On a real
 * platform the pool ticks in wall time until {@code --duration} elapses or the process receives
 * SIGTERM; a shutdown hook stops the loop and closes the journals.
 *
 * <p>Optimizer options are honoured by {@code gp-qnei} (built with its builder); {@code random}
 * and {@code clite} use their defaults and only {@code --batch-size} and the budget
 * ({@code --n-init + --n-batch x --batch-size} evaluations) apply. {@code --n-input-steps} sets
 * the windows the pool reads per tick; a forecaster's own model keeps its default window.
 */
@Command(name = "manage", mixinStandardHelpOptions = true,
    description = "Run the pool scheduler and the resource manager as a service.")
public final class ManageCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--workflow-config", arity = "1..*", paramLabel = "FILE",
      description = "Workflow definition files (native or AQUATOPE prototype format).")
  List<Path> workflowConfigs;

  @Option(names = "--workflow", paramLabel = "NAME",
      description = "A benchmark workflow of the simulator (default with --platform sim and no "
          + "--workflow-config: ml-pipeline).")
  List<String> benchmarkWorkflows;

  @Option(names = "--platform", defaultValue = "sim", description = "Platform provider: sim, openwhisk (default: ${DEFAULT-VALUE}).")
  String platformName;

  @Option(names = "--platform-property", paramLabel = "KEY=VALUE", description = "A platform setting (repeatable).")
  Map<String, String> platformProperties = new LinkedHashMap<>();

  @Option(names = "--optimizer", defaultValue = "gp-qnei", description = "Optimizer (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--n-init", defaultValue = "10", description = "Initial design points (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--n-batch", defaultValue = "20", description = "Batches after the initial design (default: ${DEFAULT-VALUE}).")
  int nBatch;

  @Option(names = "--batch-size", defaultValue = "3", description = "Batch size q (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--mc-samples", defaultValue = "32", description = "gp-qnei: MC samples (default: ${DEFAULT-VALUE}).")
  int mcSamples;

  @Option(names = "--num-restarts", defaultValue = "10", description = "gp-qnei: acquisition restarts (default: ${DEFAULT-VALUE}).")
  int numRestarts;

  @Option(names = "--raw-samples", description = "gp-qnei: raw candidate samples (default: the optimizer's).")
  Integer rawSamples;

  @Option(names = "--confidence", defaultValue = "0.95",
      description = "gp-qnei: confidence of the anomaly filter (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(names = "--no-anomaly-detection", description = "gp-qnei: switch the anomaly filter off.")
  boolean noAnomalyDetection;

  @Mixin
  SafeSetOptions safeSet;

  @Option(names = "--no-safe-exploration",
      description = "gp-qnei: explore with plain constrained qNEI (cheaper results, more QoS-violating profiling "
          + "runs) instead of the default safe exploration (safe set and generous initial design).")
  boolean noSafeExploration;

  @Option(names = "--forecaster", defaultValue = "hybrid-bnn",
      description = "Pool forecaster (default: ${DEFAULT-VALUE}; fft when it is not on the class path).")
  String forecaster;

  @Option(names = "--n-input-steps", defaultValue = "48", description = "Windows the pool reads per tick (default: ${DEFAULT-VALUE}).")
  int nInputSteps;

  @Option(names = "--interval", defaultValue = "1m", description = "Pool interval (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--quantile", defaultValue = "0.9", description = "Prewarm quantile (default: ${DEFAULT-VALUE}).")
  double quantile;

  @Option(names = "--no-cascade",
      description = "Pool: no just-in-time prewarming of downstream stages from their upstream stages' invocations "
          + "(cascade prewarming is on by default and takes effect on platforms that support it: sim).")
  boolean noCascade;

  @Option(names = "--journal", defaultValue = "aquatope-journal", paramLabel = "DIR",
      description = "Journal directory (default: ${DEFAULT-VALUE}).")
  Path journal;

  @Option(names = "--duration", description = "How long to run (sim: virtual time, default 1d; else wall time, "
      + "default until SIGTERM).")
  String duration;

  @Option(names = "--check-every", defaultValue = "1h",
      description = "Re-profile the applied configurations this often to detect drift (default: ${DEFAULT-VALUE}).")
  String checkEvery;

  @Option(names = "--rate-scale", defaultValue = "1.0", description = "sim: trace rate multiplier (default: ${DEFAULT-VALUE}).")
  double rateScale;

  @Option(names = "--profile-prewarm", defaultValue = "1",
      description = "Containers prewarmed per function while profiling (default: ${DEFAULT-VALUE}).")
  int profilePrewarm;

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    boolean sim = platformName.equals(SimulatedFaasPlatform.NAME);
    List<ManagedWorkflow> workflows = workflows(sim);
    String fc = forecaster;
    if (!Providers.forecasterNames().contains(fc)) {
      out.println("note: forecaster '" + fc + "' is not on the class path; using fft");
      fc = "fft";
    }
    ConstrainedBatchOptimizer.Provider opt = optimizerProvider(out);
    Duration tick = SimulateCommand.parseDuration(interval);
    Duration check = SimulateCommand.parseDuration(checkEvery);
    Duration runFor = duration != null ? SimulateCommand.parseDuration(duration) : sim ? Duration.ofDays(1) : null;
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "aquatope-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (FaasPlatform platform = Providers.platform(platformName, platformProperties)) {
      PoolSchedulerConfig config = PoolSchedulerConfig.defaults().withInterval(tick)
          .withPolicy(new QuantilePolicy(quantile)).withInputSteps(nInputSteps)
          .withTrainingWindows(Math.max(nInputSteps, PoolSchedulerConfig.defaults().trainingWindows()))
          .withCascade(noCascade ? CascadeOptions.OFF : CascadeOptions.on());
      ContainerPoolScheduler.Builder pb = ContainerPoolScheduler.newBuilder().platform(platform).config(config)
          .seed(common.seed).forecasters(fc);
      if (sim) {
        pb.trainingExecutor(Runnable::run); // deterministic in simulated time
      }
      workflows.forEach(w -> pb.workflow(w.workflow()));
      try (ContainerPoolScheduler pool = pb.build();
          ResourceManager rm = ResourceManager.newBuilder().platform(platform).optimizer(opt).journalDirectory(journal)
              .batchSize(batchSize).seed(common.seed).pool(pool).build()) {
        Budget budget = Budget.evaluations(nInit + nBatch * batchSize);
        for (ManagedWorkflow w : workflows) {
          WorkflowStatus st = rm.register(w);
          out.printf(Locale.ROOT, "registered %s: journal %s, %d records replayed, %d evaluations so far%n", w.name(),
              st.journal(), st.replayedRecords(), st.totalEvaluations());
          out.flush();
          if (stop.get()) {
            break;
          }
          OptimizationOutcome o = rm.optimize(w.name(), budget, p -> { });
          out.printf(Locale.ROOT, "optimized %s: %d evaluations (%d profiled now), %s%n", w.name(), o.evaluations(),
              o.profiled(), o.stopReason());
          o.best().ifPresent(b -> out.printf(Locale.ROOT, "applied %s: cost $%.3e, latency %.3f s (QoS %.3f s)%n",
              b.configuration(), b.cost(), b.latency(), w.qos().boundSeconds()));
          out.flush();
        }
        if (sim) {
          runSimulated((SimulatedFaasPlatform) platform, pool, rm, workflows, tick, check, runFor, stop, out);
        } else {
          runWallTime(platform, pool, rm, workflows, check, runFor, stop, out);
        }
      }
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running: it waits for the latch released above
      }
    }
    out.println(stop.get() ? "stopped; journal closed" : "done; journal closed");
    out.flush();
    return AquatopeCli.EXIT_OK;
  }

  private void validate() {
    if (nInit < 1 || nBatch < 0 || batchSize < 1 || mcSamples < 1 || numRestarts < 1 || nInputSteps < 1
        || profilePrewarm < 0) {
      throw new IllegalArgumentException("--n-init, --batch-size, --mc-samples, --num-restarts and --n-input-steps "
          + "must be >= 1, --n-batch and --profile-prewarm >= 0");
    }
    if (rawSamples != null && rawSamples < 1) {
      throw new IllegalArgumentException("--raw-samples must be >= 1, was " + rawSamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("--confidence must be in (0, 1), was " + confidence);
    }
    safeSet.validate();
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("--quantile must be in (0, 1), was " + quantile);
    }
    if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
      throw new IllegalArgumentException("--rate-scale must be > 0, was " + rateScale);
    }
  }

  private List<ManagedWorkflow> workflows(boolean sim) throws IOException {
    List<ManagedWorkflow> out = new ArrayList<>();
    if (workflowConfigs != null) {
      for (Path p : workflowConfigs) {
        out.add(ManagedWorkflow.of(WorkflowDefinitions.read(p), profilePrewarm));
      }
    }
    List<String> names = benchmarkWorkflows == null ? List.of() : benchmarkWorkflows;
    if (names.isEmpty() && out.isEmpty()) {
      if (!sim) {
        throw new IllegalArgumentException("--workflow-config is required with --platform " + platformName);
      }
      names = List.of("ml-pipeline");
    }
    for (String n : names) {
      BenchmarkWorkflow bw = BenchmarkWorkflows.byName(n);
      out.add(new ManagedWorkflow(bw.problem(), CostModel.azureLike(), bw.profileRequest(), profilePrewarm));
    }
    Set<String> seen = new LinkedHashSet<>();
    for (ManagedWorkflow w : out) {
      if (!seen.add(w.name())) {
        throw new IllegalArgumentException("workflow '" + w.name() + "' is given twice");
      }
    }
    return out;
  }

  private ConstrainedBatchOptimizer.Provider optimizerProvider(PrintWriter out) {
    List<String> names = Providers.optimizerNames();
    String name = optimizer;
    if (!names.contains(name)) {
      if (names.contains("random")) {
        out.println("note: optimizer '" + name + "' is not on the class path; using random (available: " + names + ")");
        name = "random";
      } else {
        throw new IllegalArgumentException("no optimizer '" + name + "' on the class path; available: " + names);
      }
    }
    if (name.equals("gp-qnei")) {
      return safeSet.applyTo(new GpQneiOptions(nInit, batchSize, mcSamples, numRestarts,
          rawSamples == null ? OptionalInt.empty() : OptionalInt.of(rawSamples), confidence, !noAnomalyDetection,
          OptionalDouble.empty(), !noSafeExploration))
          .provider();
    }
    return Providers.optimizerProvider(name);
  }

  private void runSimulated(SimulatedFaasPlatform sim, ContainerPoolScheduler pool, ResourceManager rm,
      List<ManagedWorkflow> workflows, Duration tick, Duration check, Duration runFor, AtomicBoolean stop,
      PrintWriter out) throws IOException {
    Instant start = sim.clock().instant();
    InvocationSeries trace = BundledTraces.weekly();
    InvocationSeries rebased = new InvocationSeries(trace.function(), trace.trigger(), start, trace.window(),
        trace.counts());
    for (ManagedWorkflow w : workflows) {
      sim.addTrace(w.workflow(), rebased, rateScale);
    }
    Map<FunctionId, long[]> before = new LinkedHashMap<>();
    for (ManagedWorkflow w : workflows) {
      for (FunctionId f : w.workflow().functions()) {
        FunctionSummary s = sim.summary(f);
        before.put(f, new long[] {s.invocations(), s.coldStarts()});
      }
    }
    Instant end = start.plus(runFor);
    Instant nextCheck = start.plus(check);
    int ticks = 0;
    try (Progress bar = Progress.start(!common.noProgress, "manage (sim)", runFor.dividedBy(tick))) {
      for (Instant now = start; now.isBefore(end) && !stop.get(); now = now.plus(tick)) {
        pool.runOnce(now);
        sim.runUntil(now.plus(tick));
        ticks++;
        bar.stepBy(1);
        if (!now.plus(tick).isBefore(nextCheck)) {
          nextCheck = nextCheck.plus(check);
          recheck(rm, workflows, out);
        }
      }
    }
    out.printf(Locale.ROOT, "simulated %d pool ticks (%s of virtual time)%n", ticks, tick.multipliedBy(ticks));
    for (Map.Entry<FunctionId, long[]> e : before.entrySet()) {
      FunctionSummary s = sim.summary(e.getKey());
      long inv = s.invocations() - e.getValue()[0];
      long cold = s.coldStarts() - e.getValue()[1];
      out.printf(Locale.ROOT, "function %-14s %8d invocations, %6d cold starts (%.2f%%)%n", e.getKey(), inv, cold,
          inv == 0 ? 0.0 : 100.0 * cold / inv);
    }
  }

  private void runWallTime(FaasPlatform platform, ContainerPoolScheduler pool, ResourceManager rm,
      List<ManagedWorkflow> workflows, Duration check, Duration runFor, AtomicBoolean stop, PrintWriter out)
      throws IOException {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aquatope-pool-tick");
      t.setDaemon(true);
      return t;
    });
    try {
      pool.scheduleOn(ticker);
      Instant start = platform.clock().instant();
      Instant nextCheck = start.plus(check);
      while (!stop.get() && (runFor == null || platform.clock().instant().isBefore(start.plus(runFor)))) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (!platform.clock().instant().isBefore(nextCheck)) {
          nextCheck = nextCheck.plus(check);
          recheck(rm, workflows, out);
        }
      }
    } finally {
      ticker.shutdownNow();
    }
  }

  private static void recheck(ResourceManager rm, List<ManagedWorkflow> workflows, PrintWriter out) throws IOException {
    for (ManagedWorkflow w : workflows) {
      if (rm.status(w.name()).applied().isEmpty()) {
        continue;
      }
      rm.profileApplied(w.name()).ifPresent(o -> {
        out.printf(Locale.ROOT, "drift detected on %s: re-optimized with %d evaluations, %s%n", w.name(),
            o.profiled(), o.stopReason());
        o.best().ifPresent(b -> out.printf(Locale.ROOT, "applied %s: cost $%.3e, latency %.3f s%n",
            b.configuration(), b.cost(), b.latency()));
      });
      out.flush();
    }
  }
}
