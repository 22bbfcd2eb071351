package dev.aquatope.examples.e2e;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.pool.ContainerPoolScheduler;
import dev.aquatope.core.pool.PoolDecision;
import dev.aquatope.core.pool.PoolSchedulerConfig;
import dev.aquatope.core.pool.PoolSizing;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.spi.WindowStats;
import dev.aquatope.core.util.Checks;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.sim.SimulatedFaasPlatform;
import dev.aquatope.fixtures.sim.stats.FunctionSummary;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Replays an invocation trace through a benchmark workflow on the simulated platform under one
 * container-pool policy, with the {@link ContainerPoolScheduler} driven in simulated time.
 *
 * <p>The trace's first {@code trainDays} days are replayed with no prewarming (the history the
 * forecasters train on); then, for each minute {@code t} of the next {@code replayDays} days, the
 * scheduler runs once at {@code t} (reading the platform's history up to {@code t}, forecasting
 * minute {@code t}, setting the prewarm targets) and the simulator advances to {@code t + 1 min}.
 * Training is synchronous ({@code Runnable::run}) at the first tick, so a run is deterministic.
 *
 * <p>Cold starts and memory-time are counted over the replayed period only, summed over every
 * stage function. The fixed keep-alive baseline keeps idle containers {@code baselineKeepAlive}
 * (10 minutes) and prewarms nothing. The forecast-driven policies run the platform with a short
 * keep-alive ({@code policyKeepAlive}, default 1 minute): the pool target decides which containers
 * stay, and idle containers beyond it are released at the end of the window, as in AQUATOPE and
 * IceBreaker.
 *
 * @param workflow the benchmark workflow the trace drives
 * @param trace the per-minute invocations of the workflow
 * @param trainDays days replayed before the scheduler starts (and trained on), {@code >= 1}
 * @param replayDays days replayed under the policy, {@code >= 1}
 * @param rateScale multiplier of every minute's count, {@code > 0}
 * @param baselineKeepAlive keep-alive of the fixed keep-alive baseline
 * @param policyKeepAlive keep-alive of the platform under a forecast-driven policy
 * @param historyWindows windows the scheduler reads at each tick (1440 + 50 lets a forecaster see
 *     the same minute yesterday), {@code >= 1}
 * @param noise the simulator's execution-time noise
 * @param seed seed of the simulator and of the forecasters
 * @param entryOnly if true, only the entry stage gets the policy's forecaster; downstream stages
 *     are sized from their upstream stages alone ({@link UpstreamOnlyForecaster} plus the
 *     scheduler's learned fan-out ratios), which trains one model instead of one per stage
 */
public record PoolExperiment(BenchmarkWorkflow workflow, InvocationSeries trace, int trainDays, int replayDays,
    double rateScale, Duration baselineKeepAlive, Duration policyKeepAlive, int historyWindows, NoiseModel noise,
    long seed, boolean entryOnly) {

  /**
   * Windows over which policies with {@link PoolSizing#WORKFLOW_CONCURRENCY} sizing recalibrate the
   * quantile levels of their entry forecasts ({@link PoolSchedulerConfig#recalibrationWindows()}):
   * one day of the replay (the first hour uses the forecasts' own levels).
   */
  public static final int RECALIBRATION_WINDOWS = 1440;

  /** Windows read per tick by default: one day plus 50 minutes. */
  public static final int DEFAULT_HISTORY_WINDOWS = 1440 + 50;

  /** Validates the fields and that the trace covers the training and replayed days. */
  public PoolExperiment {
    Checks.notNull("workflow", workflow);
    Checks.notNull("trace", trace);
    Checks.positive("trainDays", trainDays);
    Checks.positive("replayDays", replayDays);
    Checks.positive("rateScale", rateScale);
    if (Double.isInfinite(rateScale)) {
      throw new IllegalArgumentException("rateScale must be finite, was " + rateScale);
    }
    positive("baselineKeepAlive", baselineKeepAlive);
    positive("policyKeepAlive", policyKeepAlive);
    Checks.positive("historyWindows", historyWindows);
    Checks.notNull("noise", noise);
    if (!trace.window().equals(Duration.ofMinutes(1))) {
      throw new IllegalArgumentException("trace must have one-minute windows, had " + trace.window());
    }
    long need = (long) (trainDays + replayDays) * 1440;
    if (trace.size() < need) {
      throw new IllegalArgumentException("trace has " + trace.size() + " minutes (" + trace.size() / 1440.0
          + " days), fewer than trainDays + replayDays = " + (trainDays + replayDays) + " days");
    }
    if (trace.start().getEpochSecond() % 60 != 0 || trace.start().getNano() != 0) {
      throw new IllegalArgumentException("trace must start on a minute, started " + trace.start());
    }
  }

  private static void positive(String name, Duration d) {
    Checks.notNull(name, d);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }

  /**
   * The experiment with the defaults: rate scale 1, keep-alive 10 minutes for the baseline and 1
   * minute under forecast-driven policies, {@link #DEFAULT_HISTORY_WINDOWS}, default noise.
   *
   * @param workflow the workflow
   * @param trace the trace
   * @param trainDays days to train on
   * @param replayDays days to replay under each policy
   * @param seed the seed
   * @return the experiment
   */
  public static PoolExperiment of(BenchmarkWorkflow workflow, InvocationSeries trace, int trainDays, int replayDays,
      long seed) {
    return new PoolExperiment(workflow, trace, trainDays, replayDays, 1.0, Duration.ofMinutes(10),
        Duration.ofMinutes(1), DEFAULT_HISTORY_WINDOWS, NoiseModel.DEFAULT, seed, false);
  }

  /**
   * A copy with another rate scale.
   *
   * @param scale the multiplier of every minute's count, {@code > 0}
   * @return the copy
   */
  public PoolExperiment withRateScale(double scale) {
    return new PoolExperiment(workflow, trace, trainDays, replayDays, scale, baselineKeepAlive, policyKeepAlive,
        historyWindows, noise, seed, entryOnly);
  }

  /**
   * A copy with another keep-alive under forecast-driven policies.
   *
   * @param keepAlive the platform's keep-alive, {@code > 0}
   * @return the copy
   */
  public PoolExperiment withPolicyKeepAlive(Duration keepAlive) {
    return new PoolExperiment(workflow, trace, trainDays, replayDays, rateScale, baselineKeepAlive, keepAlive,
        historyWindows, noise, seed, entryOnly);
  }

  /**
   * A copy with another number of windows read per tick.
   *
   * @param windows the windows, {@code >= 1}
   * @return the copy
   */
  public PoolExperiment withHistoryWindows(int windows) {
    return new PoolExperiment(workflow, trace, trainDays, replayDays, rateScale, baselineKeepAlive, policyKeepAlive,
        windows, noise, seed, entryOnly);
  }

  /**
   * A copy that gives the policy's forecaster to the entry stage only (see {@code entryOnly}).
   *
   * @param only whether only the entry stage is forecast
   * @return the copy
   */
  public PoolExperiment withEntryOnly(boolean only) {
    return new PoolExperiment(workflow, trace, trainDays, replayDays, rateScale, baselineKeepAlive, policyKeepAlive,
        historyWindows, noise, seed, only);
  }

  /**
   * Whether a policy can run: its forecaster is on the class path (keep-alive always can).
   *
   * @param policy the policy
   * @return true if available
   */
  public static boolean isAvailable(PoolPolicy policy) {
    return policy.forecaster().map(f -> Providers.forecasterNames().contains(f)).orElse(true);
  }

  /**
   * Runs one policy.
   *
   * @param policy the policy
   * @param cache shares fitted forecasters between the runs of this experiment
   * @param recordTimeline whether to record the entry function's per-minute timeline
   * @param minuteDone called after each replayed minute with the minute's index (may be null)
   * @return what happened over the replayed days
   * @throws IllegalArgumentException if the policy's forecaster is not on the class path
   */
  public PoolRunResult run(PoolPolicy policy, ForecasterCache cache, boolean recordTimeline, IntConsumer minuteDone) {
    Checks.notNull("policy", policy);
    Checks.notNull("cache", cache);
    int trainMinutes = trainDays * 1440;
    int replayMinutes = replayDays * 1440;
    InvocationSeries series = trace.slice(0, trainMinutes + replayMinutes);
    Instant start = series.start();
    Instant replayStart = series.timeOf(trainMinutes);
    Duration keepAlive = policy.isKeepAlive() ? baselineKeepAlive : policyKeepAlive;
    List<FunctionId> functions = workflow.workflow().functions();
    FunctionId entry = workflow.workflow().entryStages().get(0).function();
    double[] mean = new double[replayMinutes];
    double[] std = new double[replayMinutes];
    int[] target = new int[replayMinutes];
    double wall = 0;
    try (SimulatedFaasPlatform sim = SimulatedFaasPlatform.newBuilder().seed(seed).keepAlive(keepAlive).noise(noise)
        .profiles(workflow.profiles()).defaultResources(BenchmarkWorkflow.DEFAULT_RESOURCES).start(start).build()) {
      sim.apply(workflow.workflow(), workflow.defaultConfiguration());
      sim.addTrace(workflow.workflow(), series, rateScale);
      sim.runUntil(replayStart);
      long[] cold0 = new long[functions.size()];
      long[] inv0 = new long[functions.size()];
      double[] mem0 = new double[functions.size()];
      for (int i = 0; i < functions.size(); i++) {
        FunctionSummary s = sim.summary(functions.get(i));
        cold0[i] = s.coldStarts();
        inv0[i] = s.invocations();
        mem0[i] = s.memoryGbSeconds();
      }
      if (policy.isKeepAlive()) {
        for (int m = 0; m < replayMinutes; m++) {
          sim.runUntil(replayStart.plus(Duration.ofMinutes(m + 1L)));
          if (minuteDone != null) {
            minuteDone.accept(m);
          }
        }
      } else {
        String name = policy.forecaster().orElseThrow();
        if (!isAvailable(policy)) {
          throw new IllegalArgumentException("forecaster '" + name + "' of policy " + policy.label()
              + " is not on the class path; available: " + Providers.forecasterNames());
        }
        PoolSchedulerConfig config = PoolSchedulerConfig.defaults().withPolicy(policy.prewarm())
            .withMeasure(policy.measure()).withSizing(policy.sizing())
            .withRecalibrationWindows(policy.sizing() == PoolSizing.WORKFLOW_CONCURRENCY ? RECALIBRATION_WINDOWS : 0)
            .withInputSteps(Math.min(historyWindows, trainMinutes)).withTrainingWindows(trainMinutes)
            .withRetrainPeriod(Duration.ofDays(trainDays + replayDays + 1L)).withCascade(policy.cascade());
        try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(sim).config(config)
            .trainingExecutor(Runnable::run).seed(seed)
            .forecasters(f -> entryOnly && !f.equals(entry) ? new UpstreamOnlyForecaster()
                : cache.get(name, f, policy.measure()))
            .workflow(workflow.workflow()).build()) {
          for (int m = 0; m < replayMinutes; m++) {
            Instant now = replayStart.plus(Duration.ofMinutes(m));
            long t0 = System.nanoTime();
            List<PoolDecision> decisions = pool.runOnce(now);
            wall += (System.nanoTime() - t0) / 1e9;
            for (PoolDecision d : decisions) {
              if (d.function().equals(entry)) {
                mean[m] = d.mean();
                std[m] = d.std();
                target[m] = d.target().orElse(0);
              }
            }
            sim.runUntil(now.plus(Duration.ofMinutes(1)));
            if (minuteDone != null) {
              minuteDone.accept(m);
            }
          }
        }
      }
      long cold = 0;
      long inv = 0;
      double mem = 0;
      for (int i = 0; i < functions.size(); i++) {
        FunctionSummary s = sim.summary(functions.get(i));
        cold += s.coldStarts() - cold0[i];
        inv += s.invocations() - inv0[i];
        mem += s.memoryGbSeconds() - mem0[i];
      }
      Optional<PoolTimeline> timeline = Optional.empty();
      if (recordTimeline) {
        FunctionHistory h = sim.history(entry, replayStart, replayStart.plus(Duration.ofMinutes(replayMinutes)));
        int[] needed = new int[replayMinutes];
        double[] provisioned = new double[replayMinutes];
        for (int m = 0; m < replayMinutes; m++) {
          WindowStats w = h.windows().get(m);
          needed[m] = w.peakContainers();
          provisioned[m] = w.containerSeconds() / 60.0;
        }
        timeline = Optional.of(new PoolTimeline(entry, replayStart, mean, std, target, needed, provisioned));
      }
      double latency = sim.summary(workflow.workflow()).latencyMean();
      return new PoolRunResult(policy.label(), policy.description(), inv, cold, Math.max(0, mem), latency, wall,
          timeline);
    }
  }
}
