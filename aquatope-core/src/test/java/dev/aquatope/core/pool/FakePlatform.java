package dev.aquatope.core.pool;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.FaasPlatform;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.spi.ProfileResult;
import dev.aquatope.core.spi.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted platform for the control-loop tests.
 *
 * <ul>
 *   <li>History: per function, a script of per-minute invocation counts starting at
 *       {@link #ORIGIN}; window {@code i} covers {@code ORIGIN + i minutes}. The peak containers of
 *       a window equal its invocations. Windows before the origin or after the script are absent
 *       (the platform did not exist / has not run yet).
 *   <li>Profiling: each stage {@code s} with work {@code w_s} runs
 *       {@code w_s * (0.3 + 0.7 / cpu) * slowdown_s} seconds, doubled when its memory is below
 *       {@code needMb_s}; end-to-end latency is the sum over stages (a chain). Billing is exact:
 *       vCPU-seconds {@code cpu * duration} and GB-seconds {@code memory / 1024 * duration} per
 *       stage, priced at 0.173 $/vCPU-h and 0.0123 $/GB-h. Every request measures the same value,
 *       so results are deterministic. Each profiled configuration advances the clock by
 *       {@link #profileTime}.
 * </ul>
 */
public final class FakePlatform implements FaasPlatform {
  public static final Instant ORIGIN = Instant.parse("2026-01-05T00:00:00Z");

  private final FakeClock clock = new FakeClock(ORIGIN);
  private final Map<FunctionId, double[]> scripts = new ConcurrentHashMap<>();
  private final Map<FunctionId, double[]> peakScripts = new ConcurrentHashMap<>();
  private final Map<String, Double> work = new LinkedHashMap<>();
  private final Map<String, Double> needMb = new HashMap<>();
  private final Map<String, Double> slowdown = new ConcurrentHashMap<>();
  public final List<Map<FunctionId, Integer>> targetCalls = new CopyOnWriteArrayList<>();
  public final List<Configuration> applied = new CopyOnWriteArrayList<>();
  public final List<Configuration> profiled = new CopyOnWriteArrayList<>();
  public volatile int profileCalls;
  public volatile int crashAtProfileCall = -1;
  public volatile Duration profileTime = Duration.ZERO;
  public final java.util.Set<FunctionId> failHistoryFor = ConcurrentHashMap.newKeySet();

  public FakeClock fakeClock() {
    return clock;
  }

  /** Scripts a function's per-minute counts from the origin. */
  public FakePlatform script(FunctionId f, double... counts) {
    scripts.put(f, counts.clone());
    return this;
  }

  /** Scripts a function's per-minute peak containers from the origin (default: its invocations). */
  public FakePlatform scriptPeaks(FunctionId f, double... peaks) {
    peakScripts.put(f, peaks.clone());
    return this;
  }

  /** Declares a stage's work (seconds at 1 vCPU ignoring the serial part) and memory need. */
  public FakePlatform stage(String stage, double workSeconds, double memoryNeedMb) {
    work.put(stage, workSeconds);
    needMb.put(stage, memoryNeedMb);
    return this;
  }

  /** Multiplies a stage's duration (simulates drift). */
  public void slowDown(String stage, double factor) {
    slowdown.put(stage, factor);
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public FakeClock clock() {
    return clock;
  }

  @Override
  public void apply(Workflow workflow, Configuration configuration) {
    applied.add(configuration);
  }

  @Override
  public void setPrewarmTargets(Map<FunctionId, Integer> targets) {
    targetCalls.add(Map.copyOf(targets));
  }

  /** The last targets set for every function. */
  public Map<FunctionId, Integer> lastTargets() {
    return targetCalls.isEmpty() ? Map.of() : targetCalls.get(targetCalls.size() - 1);
  }

  @Override
  public FunctionHistory history(FunctionId function, Instant from, Instant to) {
    if (failHistoryFor.contains(function)) {
      throw new IllegalStateException("history of " + function + " unavailable");
    }
    double[] s = scripts.getOrDefault(function, new double[0]);
    long a = Math.max(0, Duration.between(ORIGIN, from).toMinutes());
    long b = Math.min(s.length, Duration.between(ORIGIN, to).toMinutes());
    double[] peaks = peakScripts.get(function);
    List<WindowStats> w = new ArrayList<>();
    for (long i = a; i < b; i++) {
      long n = Math.round(s[(int) i]);
      int peak = peaks == null ? (int) n : (int) Math.round(peaks[(int) i]);
      w.add(new WindowStats(n, n, 0, 0, peak, 0, 0));
    }
    return new FunctionHistory(function, ORIGIN.plus(Duration.ofMinutes(a)), Duration.ofMinutes(1), w);
  }

  /** End-to-end latency of a configuration (seconds). */
  public double latency(Workflow wf, Configuration c) {
    double total = 0;
    for (Stage s : wf.stages()) {
      total += duration(s.name(), c);
    }
    return total;
  }

  /** Cost of one invocation of a configuration (dollars). */
  public double cost(Workflow wf, Configuration c) {
    return vcpuSeconds(wf, c) * 0.173 / 3600 + gbSeconds(wf, c) * 0.0123 / 3600;
  }

  private double duration(String stage, Configuration c) {
    double cpu = c.get(stage + "." + Knob.CPU);
    double mem = c.get(stage + "." + Knob.MEMORY);
    double d = work.getOrDefault(stage, 1.0) * (0.3 + 0.7 / cpu) * slowdown.getOrDefault(stage, 1.0);
    return mem < needMb.getOrDefault(stage, 0.0) ? 2 * d : d;
  }

  private double vcpuSeconds(Workflow wf, Configuration c) {
    double v = 0;
    for (Stage s : wf.stages()) {
      v += c.get(s.name() + "." + Knob.CPU) * duration(s.name(), c);
    }
    return v;
  }

  private double gbSeconds(Workflow wf, Configuration c) {
    double v = 0;
    for (Stage s : wf.stages()) {
      v += c.get(s.name() + "." + Knob.MEMORY) / 1024.0 * duration(s.name(), c);
    }
    return v;
  }

  @Override
  public synchronized List<ProfileResult> profile(Workflow workflow, List<Configuration> configurations,
      ProfileRequest request) {
    profileCalls++;
    if (profileCalls == crashAtProfileCall) {
      throw new IllegalStateException("simulated crash at profile call " + profileCalls);
    }
    List<ProfileResult> out = new ArrayList<>();
    for (Configuration c : configurations) {
      profiled.add(c);
      clock.advance(profileTime);
      int n = request.requests();
      double[] lat = new double[n];
      double[] cost = new double[n];
      Arrays.fill(lat, latency(workflow, c));
      Arrays.fill(cost, cost(workflow, c));
      out.add(new ProfileResult(c, lat, cost, n * vcpuSeconds(workflow, c), n * gbSeconds(workflow, c), 0));
    }
    return out;
  }

  /** Builds a function-to-value map helper for assertions. */
  public static Map<FunctionId, Integer> targets(Object... pairs) {
    Map<FunctionId, Integer> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(FunctionId.of((String) pairs[i]), (Integer) pairs[i + 1]);
    }
    return m;
  }
}
