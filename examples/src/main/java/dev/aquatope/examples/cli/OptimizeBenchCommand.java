package dev.aquatope.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.spi.ProfileResult;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.examples.e2e.GpQneiOptions;
import dev.aquatope.gp.GpBatchOptimizer;
import dev.aquatope.fixtures.problems.ExhaustiveOracle;
import dev.aquatope.fixtures.problems.OracleResult;
import dev.aquatope.fixtures.sim.NoiseFreeModel;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.sim.SimulatedFaasPlatform;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs every optimizer on the simulator's benchmark workflows for the same budget and several
 * seeds, and compares the configuration each returns with the exhaustive oracle on the noise-free
 * model.
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar optimize-bench --seeds 5
 * java -jar examples/target/aquatope.jar optimize-bench --workflows 'chain(3)' --outliers 0.1 --json
 * java -jar examples/target/aquatope.jar optimize-bench --outliers 0.1 --no-anomaly-detection
 * }</pre>
 *
 * <p>Per workflow and optimizer it reports: the noise-free cost of the best feasible
 * configuration relative to the oracle (median and worst over seeds; a run that found nothing
 * feasible counts as an infinite gap), how many returned configurations violate QoS on the
 * noise-free model, the fraction of evaluations that violated QoS, and the median wall time of a
 * model-based suggest. Exit code {@link AquatopeCli#EXIT_TARGET_MISSED} when gp-qnei misses one of
 * the targets (median gap at most 5% on every workflow, better median cost than every other
 * optimizer, no QoS violation of a returned configuration, median suggest at most 0.5 s).
 */
@Command(name = "optimize-bench", mixinStandardHelpOptions = true,
    description = "Compare resource optimizers against the exhaustive oracle on benchmark workflows.")
public final class OptimizeBenchCommand implements Callable<Integer> {
  /** The optimizer whose targets are checked. */
  static final String CHECKED = "gp-qnei";

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--workflows", split = ",", description = "Benchmark workflows (default: ${DEFAULT-VALUE}).",
      defaultValue = "chain(3),fanout(4),ml-pipeline,video,social-network")
  List<String> workflows;

  @Option(names = "--optimizers", split = ",", description = "Optimizers (default: every registered one).")
  List<String> optimizers;

  @Option(names = "--n-init", defaultValue = "10", description = "Initial design size (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--n-batch", defaultValue = "20", description = "Number of batches (default: ${DEFAULT-VALUE}).")
  int nBatch;

  @Option(names = "--batch-size", defaultValue = "3", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--seeds", defaultValue = "5", description = "Seeds per workflow and optimizer (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--noise-cv", defaultValue = "0.10",
      description = "Coefficient of variation of execution times (default: ${DEFAULT-VALUE}).")
  double noiseCv;

  @Option(names = "--interference", defaultValue = "0.05",
      description = "Fraction of time in 1.5-3x interference episodes (default: ${DEFAULT-VALUE}).")
  double interference;

  @Option(names = "--outliers", defaultValue = "0",
      description = "Fraction of evaluations reporting gross-outlier latencies (default: ${DEFAULT-VALUE}).")
  double outliers;

  @Option(names = "--outlier-factor", defaultValue = "5",
      description = "Latency multiplier of a gross outlier (default: ${DEFAULT-VALUE}).")
  double outlierFactor;

  @Option(names = "--no-anomaly-detection",
      description = "gp-qnei: switch the leave-one-out anomaly filter off (to show what it prevents).")
  boolean noAnomalyDetection;

  @Mixin
  SafeSetOptions safeSet;

  @Option(names = "--safe-exploration",
      description = "gp-qnei: safe exploration (safe set and generous initial design, as manage uses by default) "
          + "instead of plain constrained qNEI.")
  boolean safeExploration;

  @Option(names = "--no-stage-models",
      description = "gp-qnei: ignore the per-stage measurements (constant prior mean instead of the per-stage "
          + "models composed through the DAG; to show what they bring).")
  boolean noStageModels;

  @Option(names = "--raw-samples", description = "gp-qnei: raw candidates scored per acquisition search "
      + "(default: the optimizer's).")
  Integer rawSamples;

  @Option(names = "--num-restarts", description = "gp-qnei: best raw candidates refined by local search "
      + "(default: the optimizer's).")
  Integer numRestarts;

  /** One optimizer run. */
  record Run(String workflow, String optimizer, long seed, boolean foundFeasible, double gap, double cost,
      double latency, boolean violatesQos, double simulatedLatency, boolean violatesQosSimulated,
      double evaluationViolationFraction, double medianSuggestSeconds, double medianSuggestCpuSeconds,
      int evaluations, String error) {}

  /** The summary of one workflow and optimizer. */
  record Summary(String workflow, String optimizer, int dimensions, double oracleCost, double qosBound,
      double medianGap, double worstGap, double medianCost, int qosViolations, int qosViolationsSimulated,
      int noFeasible,
      double medianEvaluationViolationFraction, double medianSuggestSeconds, double medianSuggestCpuSeconds,
      List<Run> runs) {}

  /** The whole result, as printed by {@code --json}. */
  record Report(List<Summary> summaries, List<String> missedTargets, Settings settings) {}

  /** The settings of a run. */
  record Settings(long seed, int seeds, int nInit, int nBatch, int batchSize, double noiseCv, double interference,
      double outliers, double outlierFactor, boolean anomalyDetection, List<String> workflows,
      List<String> optimizers) {}

  @Override
  public Integer call() throws Exception {
    validate();
    List<String> opts = optimizers == null || optimizers.isEmpty() ? Providers.optimizerNames() : optimizers;
    for (String o : opts) {
      Providers.optimizerProvider(o); // fail fast on unknown names
    }
    List<BenchmarkWorkflow> bws = new ArrayList<>();
    for (String w : workflows) {
      bws.add(BenchmarkWorkflows.byName(w.trim()));
    }
    NoiseModel noise = new NoiseModel(noiseCv, interference, 1.5, 3, 2, 0, 1);
    if (outliers > 0) {
      noise = noise.withGrossOutliers(outliers, outlierFactor);
    }
    List<Summary> summaries = new ArrayList<>();
    try (Progress progress = Progress.start(!common.noProgress && !common.json, "optimize-bench",
        (long) bws.size() * opts.size() * seeds)) {
      for (BenchmarkWorkflow bw : bws) {
        OracleResult oracle = ExhaustiveOracle.solve(bw)
            .orElseThrow(() -> new IllegalStateException("workflow " + bw.name() + " has no feasible configuration"));
        NoiseFreeModel model = bw.model();
        for (String o : opts) {
          List<Run> runs = new ArrayList<>();
          for (int s = 0; s < seeds; s++) {
            progress.message(bw.name() + " " + o + " seed " + s);
            long seed = common.seed + s;
            try {
              runs.add(runOnce(bw, oracle, model, o, seed, noise));
            } catch (RuntimeException e) {
              // A crashed run counts as a run that found nothing; the error is reported.
              runs.add(new Run(bw.name(), o, seed, false, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, false,
                  Double.NaN, false, Double.NaN, Double.NaN, Double.NaN, 0, e.toString()));
            }
            progress.stepBy(1);
          }
          summaries.add(summarize(bw, oracle, o, runs));
        }
      }
    }
    List<String> missed = checkTargets(summaries);
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      Report report = new Report(summaries, missed, new Settings(common.seed, seeds, nInit, nBatch, batchSize,
          noiseCv, interference, outliers, outlierFactor, !noAnomalyDetection, workflows, opts));
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      if (noAnomalyDetection) {
        out.println("gp-qnei runs with its anomaly filter off (--no-anomaly-detection)");
      }
      printTable(out, summaries, missed);
    }
    out.flush();
    return missed.isEmpty() ? AquatopeCli.EXIT_OK : AquatopeCli.EXIT_TARGET_MISSED;
  }

  private void validate() {
    if (nInit < 1) {
      throw new IllegalArgumentException("--n-init must be >= 1, was " + nInit);
    }
    if (nBatch < 0) {
      throw new IllegalArgumentException("--n-batch must be >= 0, was " + nBatch);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, was " + batchSize);
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, was " + seeds);
    }
    if (!(outliers >= 0 && outliers <= 1)) {
      throw new IllegalArgumentException("--outliers must be in [0, 1], was " + outliers);
    }
    safeSet.validate();
  }

  private Run runOnce(BenchmarkWorkflow bw, OracleResult oracle, NoiseFreeModel model, String optimizer, long seed,
      NoiseModel noise) {
    OptimizationProblem problem = bw.problem();
    // gp-qnei through its provider options (the defaults unless this command's flags change them)
    ConstrainedBatchOptimizer opt = optimizer.equals(CHECKED)
        ? checkedProvider().create(problem, seed)
        : Providers.optimizer(optimizer, problem, seed);
    List<Double> suggestSeconds = new ArrayList<>();
    List<Double> suggestCpuSeconds = new ArrayList<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (SimulatedFaasPlatform sim = bw.newPlatform(seed, noise)) {
      opt.observe(evaluate(sim, bw, opt.suggest(nInit)));
      for (int b = 0; b < nBatch; b++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<Configuration> batch = opt.suggest(batchSize);
        suggestSeconds.add((System.nanoTime() - t0) / 1e9);
        suggestCpuSeconds.add((threads.getCurrentThreadCpuTime() - c0) / 1e9);
        if (batch.isEmpty()) {
          break;
        }
        opt.observe(evaluate(sim, bw, batch));
      }
    }
    List<Observation> obs = opt.observations();
    long violating = obs.stream().filter(o -> !o.isFeasible(problem.qos())).count();
    double violationFraction = obs.isEmpty() ? 0 : (double) violating / obs.size();
    double medianSuggest = median(suggestSeconds.stream().mapToDouble(Double::doubleValue).toArray());
    double medianSuggestCpu = median(suggestCpuSeconds.stream().mapToDouble(Double::doubleValue).toArray());
    Optional<Observation> best = opt.bestFeasible();
    if (best.isEmpty()) {
      return new Run(bw.name(), optimizer, seed, false, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, false,
          Double.NaN, false, violationFraction, medianSuggest, medianSuggestCpu, obs.size(), "");
    }
    NoiseFreeModel.Evaluation e = model.evaluate(best.get().configuration());
    boolean violates = e.outOfMemory() || !problem.qos().isMet(e.latency());
    double simulated = cleanSimulatedLatency(bw, best.get().configuration(), seed);
    return new Run(bw.name(), optimizer, seed, true, e.cost() / oracle.cost() - 1, e.cost(), e.latency(), violates,
        simulated, !problem.qos().isMet(simulated), violationFraction, medianSuggest, medianSuggestCpu, obs.size(), "");
  }

  /** gp-qnei with its default settings except the flags of this command. */
  private ConstrainedBatchOptimizer.Provider checkedProvider() {
    GpQneiOptions d = GpQneiOptions.defaults();
    GpQneiOptions o = new GpQneiOptions(d.nInit(), d.batchSize(), d.mcSamples(),
        numRestarts != null ? numRestarts : d.numRestarts(),
        rawSamples != null ? java.util.OptionalInt.of(rawSamples) : d.rawSamples(), d.confidence(), !noAnomalyDetection)
        .withSafeExploration(safeExploration);
    Map<String, String> options = new LinkedHashMap<>(safeSet.applyTo(o).providerOptions());
    if (noStageModels) {
      options.put("stage-models", "false");
    }
    return Providers.optimizerProvider(GpBatchOptimizer.NAME, options);
  }

  /**
   * The latency statistic of a configuration on the simulator without noise, over ten times the
   * usual profiling requests: what the optimizers actually measure, minus the noise. (The
   * analytic noise-free model approximates the simulation's queueing; the two differ by a few
   * percent, so a configuration at the QoS boundary can meet the target on one and not the other.)
   */
  private static double cleanSimulatedLatency(BenchmarkWorkflow bw, Configuration c, long seed) {
    try (SimulatedFaasPlatform sim = bw.newPlatform(seed, NoiseModel.NONE)) {
      ProfileRequest r = bw.profileRequest();
      ProfileRequest longer = new ProfileRequest(10 * r.requests(), r.ratePerSecond(), r.warm(), r.body());
      ProfileResult result = sim.profile(bw.workflow(), List.of(c), longer).get(0);
      return result.failures() > 0 ? Double.POSITIVE_INFINITY : bw.qos().statistic().of(result.latencies());
    }
  }

  private static List<Observation> evaluate(SimulatedFaasPlatform sim, BenchmarkWorkflow bw, List<Configuration> batch) {
    List<ProfileResult> results = sim.profile(bw.workflow(), batch, bw.profileRequest());
    List<Observation> obs = new ArrayList<>();
    for (ProfileResult r : results) {
      obs.add(r.toObservation(bw.qos(), sim.clock().instant()));
    }
    return obs;
  }

  private static Summary summarize(BenchmarkWorkflow bw, OracleResult oracle, String optimizer, List<Run> runs) {
    double[] gaps = runs.stream().mapToDouble(Run::gap).toArray();
    double[] costs = runs.stream().mapToDouble(r -> r.foundFeasible() ? r.cost() : Double.POSITIVE_INFINITY).toArray();
    return new Summary(bw.name(), optimizer, bw.space().dimension(), oracle.cost(), bw.qos().boundSeconds(),
        median(gaps), Arrays.stream(gaps).max().orElse(Double.NaN), median(costs),
        (int) runs.stream().filter(Run::violatesQos).count(),
        (int) runs.stream().filter(Run::violatesQosSimulated).count(),
        (int) runs.stream().filter(r -> !r.foundFeasible()).count(),
        median(runs.stream().mapToDouble(Run::evaluationViolationFraction).filter(Double::isFinite).toArray()),
        median(runs.stream().mapToDouble(Run::medianSuggestSeconds).filter(Double::isFinite).toArray()),
        median(runs.stream().mapToDouble(Run::medianSuggestCpuSeconds).filter(Double::isFinite).toArray()), runs);
  }

  /** The targets of the checked optimizer that were missed, as sentences. */
  static List<String> checkTargets(List<Summary> summaries) {
    List<String> missed = new ArrayList<>();
    for (Summary s : summaries) {
      if (!s.optimizer().equals(CHECKED)) {
        continue;
      }
      if (!(s.medianGap() <= 0.05)) {
        missed.add(String.format(Locale.ROOT, "%s: median gap %.1f%% > 5%%", s.workflow(), 100 * s.medianGap()));
      }
      if (s.qosViolations() > 0) {
        missed.add(s.workflow() + ": " + s.qosViolations() + " returned configurations violate QoS");
      }
      if (s.medianSuggestSeconds() > 0.5) {
        missed.add(String.format(Locale.ROOT, "%s: median suggest %.2f s > 0.5 s", s.workflow(),
            s.medianSuggestSeconds()));
      }
      for (Summary other : summaries) {
        if (other.workflow().equals(s.workflow()) && !other.optimizer().equals(CHECKED)
            && !(s.medianCost() < other.medianCost())) {
          missed.add(String.format(Locale.ROOT, "%s: median cost not below %s (%.4g vs %.4g)", s.workflow(),
              other.optimizer(), s.medianCost(), other.medianCost()));
        }
      }
    }
    return missed;
  }

  private static void printTable(PrintWriter out, List<Summary> summaries, List<String> missed) {
    out.printf(Locale.ROOT, "%-16s %-8s %4s %10s %10s %6s %6s %6s %8s %10s %8s%n", "workflow", "optimizer", "dims",
        "median gap", "worst gap", "QoS x", "sim x", "none", "eval x", "suggest s", "cpu s");
    for (Summary s : summaries) {
      out.printf(Locale.ROOT, "%-16s %-8s %4d %9.1f%% %9.1f%% %6d %6d %6d %7.0f%% %10.3f %8.3f%n", s.workflow(),
          s.optimizer(), s.dimensions(), 100 * s.medianGap(), 100 * s.worstGap(), s.qosViolations(),
          s.qosViolationsSimulated(), s.noFeasible(), 100 * s.medianEvaluationViolationFraction(),
          s.medianSuggestSeconds(), s.medianSuggestCpuSeconds());
    }
    out.println("gap: noise-free cost of the returned configuration over the oracle's, minus 1; QoS x: returned "
        + "configurations violating QoS on the noise-free model; sim x: ... on the simulator without noise "
        + "(10x requests); none: runs without a feasible observation; "
        + "eval x: median fraction of evaluations that violated QoS; suggest s / cpu s: median wall-clock / "
        + "thread-CPU time of a batch suggest.");
    for (Summary s : summaries) {
      for (Run r : s.runs()) {
        if (!r.error().isEmpty()) {
          out.println("run " + r.workflow() + " " + r.optimizer() + " seed " + r.seed() + " failed: " + r.error());
        }
      }
    }
    if (summaries.stream().anyMatch(s -> s.optimizer().equals(CHECKED))) {
      out.println(missed.isEmpty() ? "all gp-qnei targets met" : "missed targets: " + String.join("; ", missed));
    }
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }
}
