package dev.aquatope.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.Stage;
import dev.aquatope.examples.e2e.TraceSource;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.sim.SimulatedFaasPlatform;
import dev.aquatope.fixtures.sim.stats.FunctionSummary;
import dev.aquatope.fixtures.sim.stats.WorkflowSummary;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Replays a per-minute invocation trace through a benchmark workflow on the simulated platform
 * with a fixed keep-alive pool (no prewarming), and prints per-function cold starts, latencies
 * and provisioned memory-time, plus the simulator's throughput.
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar simulate --workflow ml-pipeline --rate-scale 10 --json
 * }</pre>
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Replay a trace through the simulated platform with a fixed keep-alive pool.")
public final class SimulateCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--workflow", defaultValue = "ml-pipeline",
      description = "Benchmark workflow: ${COMPLETION-CANDIDATES} or chain(n)/fanout(n) (default: ${DEFAULT-VALUE}).",
      completionCandidates = WorkflowNames.class)
  String workflow;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Compact per-minute trace (HashFunction,Day,1..1440; .csv or .csv.gz). "
          + "Default: the bundled Azure Functions 2019 extract.")
  Path trace;

  @Option(names = "--function", paramLabel = "HASH",
      description = "Function of the trace to replay (default: the bundled 14-day function 40d07b99...).")
  String function;

  @Option(names = "--days", paramLabel = "N", description = "Replay only the first N days (default: all).")
  Integer days;

  @Option(names = "--rate-scale", defaultValue = "1.0",
      description = "Multiply every minute's count by this factor (default: ${DEFAULT-VALUE}).")
  double rateScale;

  @Option(names = "--keep-alive", defaultValue = "10m",
      description = "Idle container keep-alive, e.g. 10m, 90s, 1h (default: ${DEFAULT-VALUE}).")
  String keepAlive;

  @Option(names = "--noise-cv", defaultValue = "0.1",
      description = "Coefficient of variation of execution times (default: ${DEFAULT-VALUE}).")
  double noiseCv;

  /** Completion candidates for {@code --workflow}. */
  static final class WorkflowNames extends ArrayList<String> {
    WorkflowNames() {
      super(BenchmarkWorkflows.names());
    }
  }

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  /**
   * Parses {@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT10M}).
   *
   * @param text the duration
   * @return the duration
   * @throws IllegalArgumentException if malformed or not positive
   */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = SIMPLE_DURATION.matcher(t);
    if (m.matches()) {
      double v = Double.parseDouble(m.group(1));
      long unitMillis = switch (m.group(2)) {
        case "ms" -> 1L;
        case "s" -> 1000L;
        case "m" -> 60_000L;
        case "h" -> 3_600_000L;
        default -> 86_400_000L;
      };
      d = Duration.ofMillis(Math.round(v * unitMillis));
    } else {
      try {
        d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("--keep-alive must look like 10m, 90s, 1h or PT10M, was '" + text + "'");
      }
    }
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("--keep-alive must be > 0, was '" + text + "'");
    }
    return d;
  }

  @Override
  public Integer call() throws IOException {
    if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
      throw new IllegalArgumentException("--rate-scale must be > 0, was " + rateScale);
    }
    if (days != null && days < 1) {
      throw new IllegalArgumentException("--days must be >= 1, was " + days);
    }
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName(workflow);
    Duration keep = parseDuration(keepAlive);
    InvocationSeries series = TraceSource.load(trace, function);
    if (days != null) {
      int minutes = Math.min(series.size(), days * 1440);
      series = series.slice(0, minutes);
    }
    SimulatedFaasPlatform sim = SimulatedFaasPlatform.newBuilder().seed(common.seed).keepAlive(keep)
        .noise(NoiseModel.DEFAULT.withLogNormalCv(noiseCv))
        .profiles(bw.profiles()).defaultResources(BenchmarkWorkflow.DEFAULT_RESOURCES).start(series.start()).build();
    sim.apply(bw.workflow(), bw.defaultConfiguration());
    sim.addTrace(bw.workflow(), series, rateScale);

    int hours = (int) Math.ceil(series.size() / 60.0);
    Instant end = series.timeOf(series.size());
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    long t0 = System.nanoTime();
    try (Progress progress = Progress.start(!common.noProgress, "simulate", hours)) {
      for (int h = 0; h < hours; h++) {
        Instant stepEnd = series.start().plus(Duration.ofHours(h + 1L));
        sim.runUntil(stepEnd.isAfter(end) ? end : stepEnd);
        progress.stepBy(1);
        progress.message(sim.stageExecutions() + " stage runs");
      }
      // let the last invocations finish (they take seconds)
      sim.runFor(Duration.ofMinutes(5));
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = c0 < 0 ? Double.NaN : (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    sim.close();
    print(bw, series, sim, wall, cpu, keep);
    return AquatopeCli.EXIT_OK;
  }

  private void print(BenchmarkWorkflow bw, InvocationSeries series, SimulatedFaasPlatform sim, double wall, double cpu,
      Duration keep) {
    PrintWriter out = spec.commandLine().getOut();
    long runs = sim.stageExecutions();
    double perSecond = wall > 0 ? runs / wall : 0;
    double perCpuSecond = cpu > 0 ? runs / cpu : 0;
    WorkflowSummary ws = sim.summary(bw.workflow());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage s : bw.workflow().stages()) {
      FunctionSummary fs = sim.summary(s.function());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("stage", s.name());
      row.put("function", s.function().value());
      row.put("invocations", fs.invocations());
      row.put("coldStarts", fs.coldStarts());
      row.put("coldStartRate", fs.coldStartRate());
      row.put("latencyP50Seconds", fs.latencyP50());
      row.put("latencyP99Seconds", fs.latencyP99());
      row.put("memoryGbSeconds", fs.memoryGbSeconds());
      row.put("failures", fs.failures());
      rows.add(row);
    }
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("workflow", bw.name());
      root.put("traceFunction", series.function().value());
      root.put("traceMinutes", series.size());
      root.put("traceInvocations", series.total());
      root.put("rateScale", rateScale);
      root.put("keepAliveSeconds", keep.toMillis() / 1000.0);
      root.put("seed", common.seed);
      root.put("workflowInvocations", ws.completed() + ws.failed());
      root.put("workflowLatencyP50Seconds", ws.latencyP50());
      root.put("workflowLatencyP99Seconds", ws.latencyP99());
      root.put("workflowMeanCost", ws.meanCost());
      root.put("functions", rows);
      root.put("stageExecutions", runs);
      root.put("events", sim.eventsProcessed());
      root.put("wallSeconds", wall);
      root.put("stageExecutionsPerSecond", perSecond);
      root.put("cpuSeconds", Double.isNaN(cpu) ? null : cpu);
      root.put("stageExecutionsPerCpuSecond", perCpuSecond);
      try {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON", e);
      }
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "Replayed %s (%d minutes, %.0f invocations x %.2f) through %s, keep-alive %s, seed %d%n",
        series.function().value().substring(0, Math.min(8, series.function().value().length())) + "...",
        series.size(), series.total(), rateScale, bw.name(), keep, common.seed);
    out.printf(Locale.ROOT, "%-16s %12s %10s %8s %10s %10s %14s%n", "stage", "invocations", "cold", "cold%",
        "p50 (s)", "p99 (s)", "memory (GB-s)");
    for (Map<String, Object> r : rows) {
      out.printf(Locale.ROOT, "%-16s %12d %10d %7.2f%% %10.3f %10.3f %14.1f%n", r.get("stage"), r.get("invocations"),
          r.get("coldStarts"), 100 * (double) r.get("coldStartRate"), r.get("latencyP50Seconds"),
          r.get("latencyP99Seconds"), r.get("memoryGbSeconds"));
    }
    out.printf(Locale.ROOT, "workflow: %d invocations, end-to-end p50 %.3f s, p99 %.3f s, mean cost $%.3e%n",
        ws.completed() + ws.failed(), ws.latencyP50(), ws.latencyP99(), ws.meanCost());
    out.printf(Locale.ROOT, "simulated %d stage executions (%d events) in %.2f s wall: %.0f stage executions/s"
        + " (%.0f per CPU-second of the simulating thread)%n", runs, sim.eventsProcessed(), wall, perSecond, perCpuSecond);
    out.flush();
  }
}
