package dev.aquatope.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.pool.PoolSizing;
import dev.aquatope.examples.e2e.ForecasterCache;
import dev.aquatope.examples.e2e.PoolExperiment;
import dev.aquatope.examples.e2e.PoolPolicy;
import dev.aquatope.examples.e2e.PoolRunResult;
import dev.aquatope.examples.e2e.TraceSource;
import dev.aquatope.examples.report.TextTable;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Replays a trace through a benchmark workflow on the simulator under each container-pool policy
 * (fixed keep-alive, histogram, FFT, the hybrid Bayesian network without and with uncertainty, the
 * latter with cascade prewarming of the downstream stages it can cover; FFT with the same cascade
 * as an ablation),
 * with the {@code ContainerPoolScheduler} driven in simulated time, and prints the cold-start rate
 * and the provisioned memory-time of each.
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar pool-bench                       # 14-day function, ml-pipeline, 7 + 7 days
 * java -jar examples/target/aquatope.jar pool-bench --replay-days 1 --policies keep-alive,fft --json
 * }</pre>
 *
 * <p>Exit code {@link AquatopeCli#EXIT_TARGET_MISSED} when the {@code aquatope} and {@code fft}
 * policies both ran and the targets are missed: aquatope has the lowest cold-start rate of
 * all policies, below 4%, at no more than 0.8x the memory-time of fft.
 */
@Command(name = "pool-bench", mixinStandardHelpOptions = true,
    description = "Compare container-pool policies by replaying a trace on the simulator.")
public final class PoolBenchCommand implements Callable<Integer> {
  /**
   * The default quantile of the aquatope policy, chosen on validation inside the training week
   * (train days 1-4 and replay day 5; train days 1-6 and replay day 7; see the examples README).
   */
  static final String AQUATOPE_QUANTILE = "0.77";

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Compact per-minute trace (default: the bundled Azure Functions 2019 extract).")
  Path trace;

  @Option(names = "--function", paramLabel = "HASH",
      description = "Function of the trace (default: the bundled 14-day function 40d07b99...).")
  String function;

  @Option(names = "--workflow", defaultValue = "ml-pipeline",
      description = "Benchmark workflow the trace invokes (default: ${DEFAULT-VALUE}).")
  String workflow;

  @Option(names = "--train-days", defaultValue = "7", description = "Days to train on (default: ${DEFAULT-VALUE}).")
  int trainDays;

  @Option(names = "--replay-days", defaultValue = "7",
      description = "Days replayed under each policy, after the training days (default: ${DEFAULT-VALUE}).")
  int replayDays;

  @Option(names = "--policies", split = ",",
      description = "Policies among keep-alive, histogram, fft, fft-q, fft-cascade, aqualite, aquatope "
          + "(default: keep-alive,histogram,fft,aqualite,aquatope; fft-cascade is fft with aquatope's cascade "
          + "prewarming of downstream stages, an ablation).")
  List<String> policies;

  @Option(names = "--quantile", defaultValue = "0.9",
      description = "Quantile of the uncertainty-aware policies (default: ${DEFAULT-VALUE}).")
  double quantile;

  @Option(names = "--aquatope-quantile", defaultValue = AQUATOPE_QUANTILE,
      description = "Quantile of the aquatope policy (default: ${DEFAULT-VALUE}, chosen on a validation period "
          + "inside the training week, see the README; --quantile keeps applying to histogram and fft-q).")
  double aquatopeQuantile;

  @Option(names = "--rate-scale", defaultValue = "1.0",
      description = "Multiply every minute's count by this factor (default: ${DEFAULT-VALUE}).")
  double rateScale;

  @Option(names = "--policy-keep-alive", defaultValue = "1m",
      description = "Platform keep-alive under forecast-driven policies (default: ${DEFAULT-VALUE}); "
          + "the keep-alive baseline always keeps idle containers 10 minutes.")
  String policyKeepAlive;

  @Option(names = "--history-windows", defaultValue = "1490",
      description = "Windows the scheduler reads per tick (default: ${DEFAULT-VALUE}: one day and 50 minutes).")
  int historyWindows;

  @Option(names = "--noise-cv", defaultValue = "0.1",
      description = "Coefficient of variation of execution times (default: ${DEFAULT-VALUE}).")
  double noiseCv;

  @Option(names = "--entry-only",
      description = "Give the policy's forecaster to the entry stage only; size downstream stages from their "
          + "upstream stages (one model to train instead of one per stage).")
  boolean entryOnly;

  @Option(names = "--sizing", defaultValue = "WORKFLOW_CONCURRENCY",
      description = "How the aqualite and aquatope policies size the workflow's stages: WORKFLOW_CONCURRENCY "
          + "(forecast the entry stage's invocations, size every stage from the learned concurrency model) or "
          + "PER_FUNCTION (forecast containers, downstream stages from fan-out ratios); the baselines always use "
          + "PER_FUNCTION (default: ${DEFAULT-VALUE}).")
  PoolSizing sizing;

  /** The JSON document of {@code --json}. */
  record Report(String workflow, String traceFunction, int trainDays, int replayDays, double quantile,
      double aquatopeQuantile, double rateScale, long seed, boolean entryOnly, PoolSizing sizing,
      List<Map<String, Object>> policies, List<String> skipped, List<String> targets, boolean targetsMet) {}

  @Override
  public Integer call() throws Exception {
    List<String> names = policies == null || policies.isEmpty() ? PoolPolicy.DEFAULTS : policies;
    List<PoolPolicy> all = new ArrayList<>();
    for (String n : names) {
      String label = n.trim();
      PoolPolicy p = PoolPolicy.named(label, label.equals("aquatope") ? aquatopeQuantile : quantile);
      all.add(p.forecaster().filter("hybrid-bnn"::equals).isPresent() ? p.withSizing(sizing) : p);
    }
    if (historyWindows < 1) {
      throw new IllegalArgumentException("--history-windows must be >= 1, was " + historyWindows);
    }
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName(workflow);
    InvocationSeries series = TraceSource.load(trace, function);
    PoolExperiment exp = new PoolExperiment(bw, series, trainDays, replayDays, rateScale,
        java.time.Duration.ofMinutes(10), SimulateCommand.parseDuration(policyKeepAlive), historyWindows,
        NoiseModel.DEFAULT.withLogNormalCv(noiseCv), common.seed, entryOnly);
    PrintWriter out = spec.commandLine().getOut();
    ForecasterCache cache = new ForecasterCache(common.seed);
    List<PoolRunResult> results = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (PoolPolicy p : all) {
      if (!PoolExperiment.isAvailable(p)) {
        String note = p.label() + ": forecaster '" + p.forecaster().orElseThrow() + "' is not on the class path";
        skipped.add(note);
        if (!common.json) {
          out.println("skipped " + note);
          out.flush();
        }
        continue;
      }
      try (Progress bar = Progress.start(!common.noProgress, p.label(), replayDays * 1440L)) {
        results.add(exp.run(p, cache, false, m -> bar.stepBy(1)));
      }
    }
    List<String> targets = new ArrayList<>();
    boolean met = checkTargets(results, targets);
    if (common.json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      PoolRunResult base = find(results, "keep-alive").orElse(null);
      PoolRunResult fft = find(results, "fft").orElse(null);
      for (PoolRunResult r : results) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("policy", r.policy());
        row.put("description", r.description());
        row.put("invocations", r.invocations());
        row.put("coldStarts", r.coldStarts());
        row.put("coldStartRate", r.coldStartRate());
        row.put("memoryGbSeconds", r.memoryGbSeconds());
        row.put("memoryVsKeepAlive", base == null ? null : r.memoryGbSeconds() / base.memoryGbSeconds());
        row.put("memoryVsFft", fft == null ? null : r.memoryGbSeconds() / fft.memoryGbSeconds());
        row.put("workflowLatencyMeanSeconds", r.workflowLatencyMean());
        row.put("schedulerWallSeconds", r.forecastWallSeconds());
        rows.add(row);
      }
      Report rep = new Report(bw.name(), series.function().value(), trainDays, replayDays, quantile, aquatopeQuantile,
          rateScale, common.seed, entryOnly, sizing, rows, skipped, targets, met);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rep));
    } else {
      out.printf(Locale.ROOT, "Pool policies on %s... through %s: train %d days, replay %d days, quantile %.2f, seed %d%s%n",
          series.function().value().substring(0, Math.min(8, series.function().value().length())), bw.name(),
          trainDays, replayDays, quantile, common.seed, entryOnly ? ", forecaster on the entry stage only" : "");
      out.printf(Locale.ROOT, "aqualite/aquatope sizing: %s; aquatope quantile %.2f%n", sizing, aquatopeQuantile);
      out.print(table(results).render());
      for (String t : targets) {
        out.println(t);
      }
    }
    out.flush();
    return met ? AquatopeCli.EXIT_OK : AquatopeCli.EXIT_TARGET_MISSED;
  }

  /**
   * The summary table: cold starts and memory-time per policy, relative to keep-alive and FFT.
   *
   * @param results the runs
   * @return the table
   */
  static TextTable table(List<PoolRunResult> results) {
    PoolRunResult base = find(results, "keep-alive").orElse(null);
    PoolRunResult fft = find(results, "fft").orElse(null);
    TextTable t = new TextTable("policy", "executions", "cold starts", "cold %", "memory GB-s", "vs keep-alive",
        "vs fft", "scheduler s");
    for (PoolRunResult r : results) {
      t.row(r.policy(), Long.toString(r.invocations()), Long.toString(r.coldStarts()),
          String.format(Locale.ROOT, "%.2f", 100 * r.coldStartRate()),
          String.format(Locale.ROOT, "%.0f", r.memoryGbSeconds()),
          base == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.memoryGbSeconds() / base.memoryGbSeconds()),
          fft == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.memoryGbSeconds() / fft.memoryGbSeconds()),
          String.format(Locale.ROOT, "%.1f", r.forecastWallSeconds()));
    }
    return t;
  }

  private static Optional<PoolRunResult> find(List<PoolRunResult> results, String label) {
    return results.stream().filter(r -> r.policy().equals(label)).findFirst();
  }

  /**
   * Checks the targets when both aquatope and fft ran: aquatope has the lowest cold-start
   * rate, below 4%, at no more than 0.8x fft's memory-time.
   *
   * @param results the runs
   * @param lines receives one line per target
   * @return false if a checked target was missed
   */
  static boolean checkTargets(List<PoolRunResult> results, List<String> lines) {
    Optional<PoolRunResult> aq = find(results, "aquatope");
    Optional<PoolRunResult> fft = find(results, "fft");
    if (aq.isEmpty() || fft.isEmpty()) {
      lines.add("targets not checked: they need both the aquatope and the fft policy");
      return true;
    }
    double rate = aq.get().coldStartRate();
    boolean lowest = results.stream().allMatch(r -> r == aq.get() || rate <= r.coldStartRate());
    boolean below4 = rate < 0.04;
    double mem = aq.get().memoryGbSeconds() / fft.get().memoryGbSeconds();
    boolean memOk = mem <= 0.8;
    lines.add(String.format(Locale.ROOT, "target: aquatope has the lowest cold-start rate (%.2f%%): %s", 100 * rate,
        lowest ? "met" : "MISSED"));
    lines.add(String.format(Locale.ROOT, "target: aquatope cold-start rate below 4%%: %s", below4 ? "met" : "MISSED"));
    lines.add(String.format(Locale.ROOT, "target: aquatope memory-time <= 0.8x fft (%.2fx): %s", mem,
        memOk ? "met" : "MISSED"));
    return lowest && below4 && memOk;
  }
}
