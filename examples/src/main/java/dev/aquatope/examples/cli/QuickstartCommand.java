package dev.aquatope.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aquatope.core.pool.PoolSizing;
import dev.aquatope.core.pool.QuantilePolicy;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.examples.e2e.ForecasterCache;
import dev.aquatope.examples.e2e.GpQneiOptions;
import dev.aquatope.examples.e2e.ManagerExperiment;
import dev.aquatope.examples.e2e.ManagerRunResult;
import dev.aquatope.examples.e2e.PoolExperiment;
import dev.aquatope.examples.e2e.PoolPolicy;
import dev.aquatope.examples.e2e.PoolRunResult;
import dev.aquatope.examples.report.Charts;
import dev.aquatope.examples.report.TextTable;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.traces.BundledTraces;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import dev.aquatope.nn.model.HybridBayesianForecaster;
import dev.aquatope.nn.model.HybridConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The quick start: both control loops end to end on the simulator, with the bundled trace, and a
 * report folder with charts.
 *
 * <ol>
 *   <li>Container pool: replays the bundled 14-day function through ml-pipeline; the forecaster
 *       ({@code hybrid-bnn}, else {@code fft}) is trained on the training days at the first tick
 *       and sizes the entry stage's pool (downstream stages follow from the learned fan-out; those
 *       a container started at their upstream stage's invocation reaches in time are prewarmed just
 *       in time instead, see {@code CascadePlanner}), for one replayed day, against the fixed
 *       10-minute keep-alive.
 *   <li>Resource manager: optimizes ml-pipeline's per-stage CPU, memory and concurrency with
 *       {@code gp-qnei} (else {@code random}) on the noisy simulator, applies the best feasible
 *       configuration, and judges it on the noise-free model against the default configuration
 *       and the exhaustive oracle.
 * </ol>
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar quickstart                  # report in ./aquatope-report
 * }</pre>
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Run both control loops on the simulator with the bundled trace and write a report with charts.")
public final class QuickstartCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--report", defaultValue = "aquatope-report", paramLabel = "DIR",
      description = "Report folder (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--workflow", defaultValue = "ml-pipeline", description = "Benchmark workflow (default: ${DEFAULT-VALUE}).")
  String workflow;

  @Option(names = "--forecaster", defaultValue = "hybrid-bnn",
      description = "Pool forecaster (default: ${DEFAULT-VALUE}; fft when it is not on the class path).")
  String forecaster;

  @Option(names = "--optimizer", defaultValue = "gp-qnei",
      description = "Optimizer (default: ${DEFAULT-VALUE}; random when it is not on the class path).")
  String optimizer;

  @Option(names = "--train-days", defaultValue = "7", description = "Days the forecaster trains on (default: ${DEFAULT-VALUE}).")
  int trainDays;

  @Option(names = "--replay-days", defaultValue = "1", description = "Days replayed (default: ${DEFAULT-VALUE}).")
  int replayDays;

  @Option(names = "--quantile", defaultValue = "0.9", description = "Prewarm quantile (default: ${DEFAULT-VALUE}).")
  double quantile;

  @Option(names = "--evaluations", defaultValue = "40",
      description = "Configurations the manager profiles (default: ${DEFAULT-VALUE}).")
  int evaluations;

  @Option(names = "--batch-size", defaultValue = "3", description = "Batch size q (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--full-training", description = "Train hybrid-bnn with its default (slow) settings.")
  boolean fullTraining;

  @Override
  public Integer call() throws Exception {
    if (evaluations < 1 || batchSize < 1) {
      throw new IllegalArgumentException("--evaluations and --batch-size must be >= 1, were " + evaluations
          + " and " + batchSize);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> notes = new ArrayList<>();
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName(workflow);
    String fc = forecaster;
    if (!Providers.forecasterNames().contains(fc)) {
      notes.add("forecaster '" + fc + "' is not on the class path; using fft");
      fc = "fft";
    }
    String opt = optimizer;
    if (!Providers.optimizerNames().contains(opt)) {
      notes.add("optimizer '" + opt + "' is not on the class path; using random");
      opt = "random";
    }
    for (String n : notes) {
      out.println("note: " + n);
    }
    out.flush();
    Files.createDirectories(report);

    // 1. The container pool.
    PoolExperiment pool = PoolExperiment.of(bw, BundledTraces.weekly(), trainDays, replayDays, common.seed)
        .withEntryOnly(true);
    PoolPolicy keepAlive = PoolPolicy.named("keep-alive", quantile);
    PoolPolicy aquatope = new PoolPolicy("aquatope", Optional.of(fc), new QuantilePolicy(quantile),
        fc + ", quantile " + quantile + ", cascade prewarming", PoolSizing.PER_FUNCTION, PoolPolicy.CASCADE);
    ForecasterCache cache = new ForecasterCache(common.seed);
    if (fc.equals("hybrid-bnn") && !fullTraining) {
      // the defaults train for minutes per function on two shared cores; the quick start trains briefly
      cache.override("hybrid-bnn", seed -> HybridBayesianForecaster.create(HybridConfig.newBuilder().seed(seed)
          .encoderEpochs(2).predictionEpochs(8).encoderSamplesPerEpoch(256).patience(2).build()));
      notes.add("hybrid-bnn trained briefly (2 encoder epochs of 256 windows, 8 prediction epochs); "
          + "--full-training uses its defaults");
      out.println("note: " + notes.get(notes.size() - 1));
    }
    long t0 = System.nanoTime();
    PoolRunResult base;
    PoolRunResult ours;
    try (Progress bar = Progress.start(!common.noProgress, "pool: keep-alive", replayDays * 1440L)) {
      base = pool.run(keepAlive, cache, false, m -> bar.stepBy(1));
    }
    try (Progress bar = Progress.start(!common.noProgress, "pool: " + fc, replayDays * 1440L)) {
      ours = pool.run(aquatope, cache, true, m -> bar.stepBy(1));
    }
    double poolSeconds = (System.nanoTime() - t0) / 1e9;
    var timeline = ours.timeline().orElseThrow();
    Charts.forecast(timeline, 0, timeline.size(), "Entry stage (" + bw.workflow().entryStages().get(0).name()
        + "): containers needed, " + fc + " forecast and 5-95% band", report.resolve("pool-forecast.png"));
    Charts.prewarm(timeline, 0, timeline.size(), "Entry stage: prewarm target vs containers needed ("
        + fc + ", q = " + quantile + ")", report.resolve("pool-prewarm.png"));

    // 2. The resource manager.
    ManagerExperiment mx = new ManagerExperiment(bw, NoiseModel.DEFAULT, evaluations, batchSize, common.seed);
    ConstrainedBatchOptimizer.Provider provider = opt.equals("gp-qnei")
        ? new GpQneiOptions(10, batchSize, 32, 10, OptionalInt.empty(), 0.95, true).withSafeExploration(true).provider()
        : Providers.optimizerProvider(opt);
    Path journal = Files.createTempDirectory("aquatope-quickstart");
    ManagerRunResult mr;
    t0 = System.nanoTime();
    try (Progress bar = Progress.start(!common.noProgress, "optimize: " + opt, evaluations)) {
      mr = mx.run(provider, journal, p -> bar.stepBy(p.batch().size()));
    } finally {
      ManagerBenchCommand.deleteTree(journal);
    }
    double managerSeconds = (System.nanoTime() - t0) / 1e9;
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put(opt, mr.bestCostByEvaluation());
    Charts.convergence(curves, mr.oracleCost(), bw.name() + ": best feasible cost per evaluation vs the oracle",
        report.resolve("optimizer-convergence.png"));

    // 3. The summary.
    String summary = summary(bw, fc, opt, base, ours, mr, poolSeconds, managerSeconds);
    Files.writeString(report.resolve("summary.txt"), summary);
    Map<String, Object> json = json(bw, fc, opt, base, ours, mr, poolSeconds, managerSeconds, notes);
    String jsonText = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    Files.writeString(report.resolve("summary.json"), jsonText);
    out.print(common.json ? jsonText + "\n" : summary);
    if (!common.json) {
      out.println("report: " + report.toAbsolutePath() + " (pool-forecast.png, pool-prewarm.png, "
          + "optimizer-convergence.png, summary.txt, summary.json)");
    }
    out.flush();
    return AquatopeCli.EXIT_OK;
  }

  private String summary(BenchmarkWorkflow bw, String fc, String opt, PoolRunResult base, PoolRunResult ours,
      ManagerRunResult mr, double poolSeconds, double managerSeconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Container pool: %s, bundled trace, train %d days, replay %d day(s) (%.0f s)%n",
        bw.name(), trainDays, replayDays, poolSeconds));
    TextTable t = new TextTable("policy", "executions", "cold starts", "cold %", "memory GB-s", "vs keep-alive");
    for (PoolRunResult r : List.of(base, ours)) {
      t.row(r.policy().equals("aquatope") ? "aquatope (" + fc + ")" : r.policy(), Long.toString(r.invocations()),
          Long.toString(r.coldStarts()), String.format(Locale.ROOT, "%.2f", 100 * r.coldStartRate()),
          String.format(Locale.ROOT, "%.0f", r.memoryGbSeconds()),
          String.format(Locale.ROOT, "%.2fx", r.memoryGbSeconds() / base.memoryGbSeconds()));
    }
    sb.append(t.render()).append('\n');
    sb.append(String.format(Locale.ROOT, "Resource manager: %s with %s, %d evaluations (%.0f s)%n", bw.name(), opt,
        mr.evaluations(), managerSeconds));
    TextTable m = new TextTable("configuration", "cost $/invocation", "vs default", "vs oracle", "latency s",
        "QoS <= " + String.format(Locale.ROOT, "%.2f s", mr.qosBound()));
    m.row("default (1 vCPU, 1 GB, c=1)", String.format(Locale.ROOT, "%.3e", mr.defaultCost()), "1.00x",
        String.format(Locale.ROOT, "%.2fx", mr.defaultCost() / mr.oracleCost()),
        String.format(Locale.ROOT, "%.3f", mr.defaultLatency()), mr.qosBound() >= mr.defaultLatency() ? "met" : "violated");
    if (mr.applied().isPresent()) {
      m.row("optimized (" + opt + ")", String.format(Locale.ROOT, "%.3e", mr.modelCost()),
          String.format(Locale.ROOT, "%.2fx", mr.costOverDefault()),
          String.format(Locale.ROOT, "%.2fx", mr.costOverOracle()),
          String.format(Locale.ROOT, "%.3f", mr.modelLatency()), mr.qosMet() ? "met" : "violated");
    } else {
      m.row("optimized (" + opt + ")", "-", "-", "-", "-", "none feasible");
    }
    m.row("oracle (exhaustive)", String.format(Locale.ROOT, "%.3e", mr.oracleCost()),
        String.format(Locale.ROOT, "%.2fx", mr.oracleCost() / mr.defaultCost()), "1.00x", "-", "met");
    sb.append(m.render());
    sb.append(String.format(Locale.ROOT, "(costs and latencies on the noise-free model; %d of %d profiled "
        + "configurations violated QoS; applied on the platform: %s)%n", mr.infeasibleEvaluations(), mr.evaluations(),
        mr.appliedOnPlatform() ? "yes" : "no"));
    return sb.toString();
  }

  private Map<String, Object> json(BenchmarkWorkflow bw, String fc, String opt, PoolRunResult base,
      PoolRunResult ours, ManagerRunResult mr, double poolSeconds, double managerSeconds, List<String> notes) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("workflow", bw.name());
    root.put("seed", common.seed);
    root.put("notes", notes);
    Map<String, Object> pool = new LinkedHashMap<>();
    pool.put("forecaster", fc);
    pool.put("quantile", quantile);
    pool.put("trainDays", trainDays);
    pool.put("replayDays", replayDays);
    pool.put("keepAliveColdStartRate", base.coldStartRate());
    pool.put("aquatopeColdStartRate", ours.coldStartRate());
    pool.put("keepAliveMemoryGbSeconds", base.memoryGbSeconds());
    pool.put("aquatopeMemoryGbSeconds", ours.memoryGbSeconds());
    pool.put("memoryVsKeepAlive", ours.memoryGbSeconds() / base.memoryGbSeconds());
    pool.put("wallSeconds", poolSeconds);
    root.put("pool", pool);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("optimizer", opt);
    m.put("evaluations", mr.evaluations());
    m.put("applied", mr.applied().map(Object::toString).orElse(null));
    m.put("appliedOnPlatform", mr.appliedOnPlatform());
    m.put("cost", Double.isNaN(mr.modelCost()) ? null : mr.modelCost());
    m.put("latencySeconds", Double.isNaN(mr.modelLatency()) ? null : mr.modelLatency());
    m.put("qosBoundSeconds", mr.qosBound());
    m.put("qosMet", mr.qosMet());
    m.put("defaultCost", mr.defaultCost());
    m.put("oracleCost", mr.oracleCost());
    m.put("costOverDefault", Double.isNaN(mr.costOverDefault()) ? null : mr.costOverDefault());
    m.put("costOverOracle", Double.isNaN(mr.costOverOracle()) ? null : mr.costOverOracle());
    m.put("infeasibleEvaluations", mr.infeasibleEvaluations());
    m.put("wallSeconds", managerSeconds);
    root.put("manager", m);
    return root;
  }
}
