package dev.aquatope.openwhisk.platform;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.FaasPlatform;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.spi.ProfileResult;
import dev.aquatope.core.spi.StageProfile;
import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.api.ActionLimits;
import dev.aquatope.openwhisk.api.Activation;
import dev.aquatope.openwhisk.api.NamespaceLimits;
import dev.aquatope.openwhisk.client.ActivationQuery;
import dev.aquatope.openwhisk.client.OpenWhiskAuthException;
import dev.aquatope.openwhisk.client.OpenWhiskBadRequestException;
import dev.aquatope.openwhisk.client.OpenWhiskClient;
import dev.aquatope.openwhisk.client.OpenWhiskConflictException;
import dev.aquatope.openwhisk.client.OpenWhiskException;
import dev.aquatope.openwhisk.client.OpenWhiskUnavailableException;
import dev.aquatope.openwhisk.prewarm.PrewarmController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FaasPlatform} for Apache OpenWhisk.
 *
 * <p>Naming: the workflow is the action (sequence or conductor) named {@link Workflow#name()};
 * stage {@code s} runs action {@link Stage#function()} ({@code action} or {@code package/action})
 * of the client's namespace.
 *
 * <ul>
 *   <li>{@link #apply}: one partial limits update ({@code PUT ?overwrite=true}, only
 *       {@code limits}) per stage with knobs: {@code memory} (whole MB), {@code concurrency}, and
 *       {@code cpu} as the {@link CpuMode} says. After an update OpenWhisk starts new containers
 *       (the old warm ones no longer match the action), so expect cold starts.
 *   <li>{@link #history}: summary rows of {@code GET /activations?name=...} (paged, de-duplicated)
 *       aggregated by {@link HistoryAggregator}.
 *   <li>{@link #profile}: by default on isolated copies: the workflow's sequence and each component
 *       action are copied to {@code <name><profileCopySuffix>} (code, parameters, annotations and
 *       limits; updated on every call), so production actions are never touched. Conductor
 *       compositions cannot be copied (their code names the components): profile them with an
 *       empty suffix, which reconfigures the workflow's own actions (use a namespace that serves no
 *       production traffic). For each configuration it applies the configuration, warms up, then
 *       invokes the workflow {@code requests} times (blocking, one in flight, Poisson arrival
 *       times from the seed, paced under {@code invocationsPerMinute}). Latency is the top-level
 *       record's {@code end - start + waitTime}; cost is the {@link dev.aquatope.core.model.CostModel}
 *       over every component activation's duration and limits (conductor secondary activations of
 *       the workflow action itself are excluded). Per stage ({@link ProfileResult#stages()}): the
 *       latency of its component activation by the same formula ({@code end - start + waitTime},
 *       from the stage's request to its completion; the slowest if it ran several times in one
 *       invocation) and the cost of its components; components that are not stages are left out.
 *   <li>{@link #setPrewarmTargets}: delegated to the {@link PrewarmController}.
 * </ul>
 *
 * <p>Thread-safe: {@link #apply} and {@link #profile} are serialized; history reads run freely.
 */
public final class OpenWhiskPlatform implements FaasPlatform {
  private static final Logger LOG = LoggerFactory.getLogger(OpenWhiskPlatform.class);

  private final OpenWhiskClient client;
  private final PrewarmController prewarm;
  private final PlatformOptions options;
  private final HistoryAggregator aggregator;
  private final AtomicReference<CpuMode> detectedMode = new AtomicReference<>();
  private final AtomicReference<NamespaceRateLimiter> limiter = new AtomicReference<>();
  private final SplittableRandom random;
  private final Object profileLock = new Object();

  /**
   * Creates the platform.
   *
   * @param client the REST client (its clock and sleeper are the platform's)
   * @param prewarm prewarm control
   * @param options settings
   */
  public OpenWhiskPlatform(OpenWhiskClient client, PrewarmController prewarm, PlatformOptions options) {
    this.client = Checks.notNull("client", client);
    this.prewarm = Checks.notNull("prewarm", prewarm);
    this.options = Checks.notNull("options", options);
    this.aggregator = new HistoryAggregator(Duration.ofMinutes(1), options.coldWaitThreshold());
    this.random = new SplittableRandom(options.seed());
  }

  @Override
  public String name() {
    return "openwhisk";
  }

  @Override
  public Clock clock() {
    return client.clock();
  }

  /** The REST client. */
  public OpenWhiskClient client() {
    return client;
  }

  /** The prewarm controller. */
  public PrewarmController prewarmController() {
    return prewarm;
  }

  /**
   * The CPU mode in effect: the configured one, or for {@link CpuMode#AUTO} the one detected from
   * {@code GET /} (cached after the first call).
   *
   * @return never {@link CpuMode#AUTO}
   */
  public CpuMode cpuMode() {
    if (options.cpuMode() != CpuMode.AUTO) {
      return options.cpuMode();
    }
    CpuMode m = detectedMode.get();
    if (m == null) {
      boolean explicit = client.getDeploymentInfo().cpuLimitEnabled();
      m = explicit ? CpuMode.EXPLICIT : options.userCpus() > 0 ? CpuMode.MEMORY_COUPLED : CpuMode.MEMORY_ONLY;
      detectedMode.compareAndSet(null, m);
      LOG.info("OpenWhisk CPU mode detected: {}", m);
    }
    return detectedMode.get();
  }

  /**
   * The limits update {@link #apply} sends for one stage.
   *
   * @param stage the stage
   * @param configuration the configuration
   * @return the partial limits, empty if the configuration has no knob of this stage
   * @throws IllegalArgumentException if memory is not a whole number of MB, concurrency not an
   *     integer, or a CPU knob is given and the deployment cannot control CPU
   */
  public Optional<ActionLimits> limitsFor(Stage stage, Configuration configuration) {
    String s = stage.name();
    Integer memory = configuration.find(s, Knob.MEMORY).map(v -> whole(s + "." + Knob.MEMORY, v)).orElse(null);
    Integer concurrency = configuration.find(s, Knob.CONCURRENCY).map(v -> whole(s + "." + Knob.CONCURRENCY, v))
        .orElse(null);
    Double cpu = null;
    Optional<Double> cpuKnob = configuration.find(s, Knob.CPU);
    if (cpuKnob.isPresent()) {
      switch (cpuMode()) {
        case EXPLICIT -> cpu = cpuKnob.get();
        case MEMORY_COUPLED -> {
          int needed = (int) Math.ceil(cpuKnob.get() * options.userMemoryMb() / options.userCpus() - 1e-9);
          if (memory == null || memory < needed) {
            LOG.debug("stage {}: cpu {} needs {} MB under memory-coupled CPU (memory knob {})", s, cpuKnob.get(),
                needed, memory);
            memory = needed;
          }
        }
        default -> throw new IllegalArgumentException(s + "." + Knob.CPU + ": this OpenWhisk deployment cannot limit"
            + " CPU (no PR #4648 cpu_limit_enabled); use cpuMode MEMORY_COUPLED with userCpus/userMemoryMb, or drop"
            + " the cpu knob, was " + cpuKnob.get());
      }
    }
    ActionLimits l = new ActionLimits(null, memory, null, concurrency, null, cpu);
    return l.isEmpty() ? Optional.empty() : Optional.of(l);
  }

  @Override
  public void apply(Workflow workflow, Configuration configuration) {
    Checks.notNull("workflow", workflow);
    Checks.notNull("configuration", configuration);
    synchronized (profileLock) {
      Map<String, ActionLimits> updates = new LinkedHashMap<>();
      for (Stage stage : workflow.stages()) {
        limitsFor(stage, configuration).ifPresent(l -> updates.put(stage.function().value(), l));
      }
      for (Map.Entry<String, ActionLimits> u : updates.entrySet()) {
        try {
          client.updateLimits(u.getKey(), u.getValue());
        } catch (OpenWhiskConflictException concurrent) {
          LOG.warn("concurrent update of {} (409); retrying once", u.getKey());
          client.updateLimits(u.getKey(), u.getValue());
        }
        LOG.debug("applied {} to {}", u.getValue(), u.getKey());
      }
    }
  }

  @Override
  public void setPrewarmTargets(Map<FunctionId, Integer> targets) {
    prewarm.setPrewarmTargets(targets);
  }

  @Override
  public FunctionHistory history(FunctionId function, Instant from, Instant to) {
    Checks.notNull("function", function);
    Checks.notNull("from", from);
    Checks.notNull("to", to);
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from, was from=" + from + " to=" + to);
    }
    String name = function.value().startsWith("/") ? stripNamespace(function.value()) : function.value();
    ActivationQuery q = ActivationQuery.of(name, from.minus(options.historyLookback()), to.minusMillis(1));
    List<Activation> rows = new ArrayList<>();
    client.activations(q, options.historyMaxPages()).forEachRemaining(rows::add);
    return aggregator.aggregate(function, from, to, rows, clock().instant());
  }

  @Override
  public List<ProfileResult> profile(Workflow workflow, List<Configuration> configurations, ProfileRequest request) {
    Checks.notNull("workflow", workflow);
    Checks.notNull("configurations", configurations);
    Checks.notNull("request", request);
    List<ProfileResult> out = new ArrayList<>(configurations.size());
    synchronized (profileLock) {
      Workflow target = options.profileCopySuffix().isEmpty() ? workflow : copyForProfiling(workflow);
      for (Configuration c : configurations) {
        out.add(profileOne(target, c, request, random.split()));
      }
    }
    return out;
  }

  /**
   * Creates or refreshes the profiling copies of a sequence workflow: every component action
   * {@code x} is copied to {@code x<suffix>} and the sequence to {@code <workflow><suffix>} over
   * the copies.
   *
   * @param workflow the production workflow (its action must be a sequence)
   * @return the same workflow over the copies (same stage names, so configurations apply unchanged)
   * @throws UnsupportedOperationException if the workflow action is not a sequence
   */
  public Workflow copyForProfiling(Workflow workflow) {
    String suffix = options.profileCopySuffix();
    dev.aquatope.openwhisk.api.Action seq = client.getAction(workflow.name(), true);
    if (seq.exec() == null || !seq.exec().isSequence() || seq.exec().components() == null) {
      throw new UnsupportedOperationException("profiling copies need a sequence; " + workflow.name() + " is "
          + (seq.exec() == null ? "unknown" : seq.exec().kind()) + " (set profileCopySuffix to \"\" to profile in place)");
    }
    List<String> copies = new ArrayList<>();
    for (String fq : seq.exec().components()) {
      String local = stripNamespace(fq);
      dev.aquatope.openwhisk.api.Action src = client.getAction(local, true);
      client.putAction(local + suffix, new dev.aquatope.openwhisk.api.ActionPut(null, null, null, null, src.exec(),
          src.annotations(), null, src.parameters(), src.limits()), true);
      copies.add(local + suffix);
    }
    client.createSequence(workflow.name() + suffix, copies, true);
    List<Stage> stages = new ArrayList<>();
    for (Stage s : workflow.stages()) {
      stages.add(new Stage(s.name(), FunctionId.of(s.function().value() + suffix)));
    }
    LOG.info("profiling {} on copies {}{} of {} actions", workflow.name(), workflow.name(), suffix, copies.size());
    return new Workflow(workflow.name() + suffix, stages, workflow.edges());
  }

  private ProfileResult profileOne(Workflow workflow, Configuration configuration, ProfileRequest request,
      SplittableRandom rnd) {
    apply(workflow, configuration);
    if (request.warm()) {
      for (int i = 0; i < options.warmupInvocations(); i++) {
        try {
          pace();
          client.invokeAndWait(workflow.name(), request.body(), options.blockingTimeoutMs(), options.pollInterval(),
              options.maxActivationWait());
        } catch (OpenWhiskAuthException | OpenWhiskBadRequestException e) {
          throw e;
        } catch (OpenWhiskException e) {
          LOG.warn("warm-up invocation of {} failed: {}", workflow.name(), e.getMessage());
        }
      }
    }
    List<Double> latencies = new ArrayList<>();
    List<Double> costs = new ArrayList<>();
    Map<String, List<StageMeasurement>> perStage = new LinkedHashMap<>();
    double vcpuSeconds = 0;
    double gbSeconds = 0;
    int failures = 0;
    Instant t0 = clock().instant();
    double offsetSeconds = 0;
    for (int r = 0; r < request.requests(); r++) {
      offsetSeconds += -Math.log(1 - rnd.nextDouble()) / request.ratePerSecond();
      Duration untilDue = Duration.between(clock().instant(), t0.plusNanos((long) (offsetSeconds * 1e9)));
      if (!untilDue.isNegative() && !untilDue.isZero()) {
        sleep(untilDue);
      }
      try {
        pace();
        InvocationMeasurement m = invokeAndMeasure(workflow, configuration, request.body());
        if (m == null) {
          failures++;
          continue;
        }
        latencies.add(m.endToEndSeconds());
        costs.add(m.cost());
        m.stages().forEach((name, s) -> perStage.computeIfAbsent(name, k -> new ArrayList<>()).add(s));
        vcpuSeconds += m.vcpuSeconds();
        gbSeconds += m.gbSeconds();
      } catch (OpenWhiskAuthException | OpenWhiskBadRequestException e) {
        throw e;
      } catch (OpenWhiskException e) {
        LOG.warn("profiling invocation of {} failed: {}", workflow.name(), e.getMessage());
        failures++;
      }
    }
    Map<String, StageProfile> stages = new LinkedHashMap<>();
    for (Stage stage : workflow.stages()) {
      List<StageMeasurement> ms = perStage.get(stage.name());
      if (ms != null) {
        stages.put(stage.name(), new StageProfile(ms.stream().mapToDouble(StageMeasurement::latencySeconds).toArray(),
            ms.stream().mapToDouble(StageMeasurement::cost).toArray(),
            ms.stream().mapToDouble(StageMeasurement::vcpuSeconds).sum(),
            ms.stream().mapToDouble(StageMeasurement::gbSeconds).sum()));
      }
    }
    return new ProfileResult(configuration, toArray(latencies), toArray(costs), vcpuSeconds, gbSeconds, failures,
        stages);
  }

  /**
   * Invokes the workflow once (blocking, polling after a 202) and measures it.
   *
   * @param workflow the workflow
   * @param configuration the configuration in effect (for billing when activations lack limits)
   * @param body the JSON parameters
   * @return the measurement, or {@code null} if the activation failed (status code not 0)
   * @throws OpenWhiskException if the invocation could not be made
   */
  public InvocationMeasurement invokeAndMeasure(Workflow workflow, Configuration configuration, String body) {
    Activation top = client.invokeAndWait(workflow.name(), body, options.blockingTimeoutMs(), options.pollInterval(),
        options.maxActivationWait());
    if (!top.isSuccess()) {
      LOG.debug("activation {} of {} failed with status {}", top.activationId(), workflow.name(),
          top.effectiveStatusCode());
      return null;
    }
    return measure(workflow, configuration, top);
  }

  /**
   * Measures a finished top-level activation: end-to-end latency from the top-level record and
   * billing from its component activations (or from itself if it has none). Each component whose
   * action is a stage of the workflow also gives that stage's latency ({@code end - start +
   * waitTime} of the component) and cost; the one stage of a single-action workflow is measured
   * from the top-level activation itself.
   *
   * @param workflow the workflow
   * @param configuration the configuration in effect
   * @param top the top-level record
   * @return the measurement
   */
  public InvocationMeasurement measure(Workflow workflow, Configuration configuration, Activation top) {
    String workflowAction = simpleName(workflow.name());
    List<Activation> components = new ArrayList<>();
    boolean composite = top.isTopmost() || top.isConductorPrimary() || "sequence".equals(top.kind().orElse(""));
    if (composite) {
      for (String id : top.logs()) {
        Activation a = fetchComponent(id);
        if (top.isConductorPrimary() && workflowAction.equals(a.name())) {
          continue; // a secondary activation of the conductor action itself, not a stage
        }
        components.add(a);
      }
    } else {
      components.add(top);
    }
    Map<String, Double> stageSeconds = new LinkedHashMap<>();
    Map<String, StageMeasurement> measured = new LinkedHashMap<>();
    double cost = 0;
    double vcpuSec = 0;
    double gbSec = 0;
    int inits = 0;
    for (Activation a : components) {
      Stage stage = stageOf(workflow, a.name()).orElse(null);
      double seconds = (a.duration() != null ? a.duration() : a.isFinished() ? a.end() - a.start() : 0) / 1000.0;
      ActionLimits lim = a.limits().orElse(null);
      double memory = lim != null && lim.memory() != null ? lim.memory()
          : stage != null ? configuration.find(stage.name(), Knob.MEMORY).orElse(0.0) : 0.0;
      double vcpu = billedVcpu(lim, memory, stage, configuration);
      double billed = options.costModel().cost(vcpu, memory, seconds);
      cost += billed;
      vcpuSec += vcpu * seconds;
      gbSec += memory / 1024.0 * seconds;
      if (a.isColdOrPrewarm()) {
        inits++;
      }
      stageSeconds.merge(stage != null ? stage.name() : a.name(), seconds, Double::sum);
      if (stage != null) {
        measured.merge(stage.name(), new StageMeasurement(requestToCompletionSeconds(a), billed, vcpu * seconds,
            memory / 1024.0 * seconds), StageMeasurement::combine);
      }
    }
    Map<String, StageMeasurement> stages = new LinkedHashMap<>();
    for (Stage s : workflow.stages()) {
      StageMeasurement m = measured.get(s.name());
      if (m != null) {
        stages.put(s.name(), m);
      }
    }
    return new InvocationMeasurement(top.activationId(), top.endToEndMillis() / 1000.0, stageSeconds, inits, cost,
        vcpuSec, gbSec, stages);
  }

  /**
   * A component's latency from its request to its completion, {@code end - start + waitTime} like
   * the end-to-end latency; for a record without {@code end}, its {@code duration} plus
   * {@code waitTime}.
   */
  private static double requestToCompletionSeconds(Activation a) {
    if (a.isFinished()) {
      return a.endToEndMillis() / 1000.0;
    }
    return ((a.duration() != null ? a.duration() : 0) + a.waitTime()) / 1000.0;
  }

  private Activation fetchComponent(String id) {
    try {
      return client.getActivation(id);
    } catch (dev.aquatope.openwhisk.client.OpenWhiskNotFoundException notYet) {
      // records are written asynchronously; poll for it
      return client.awaitActivation(id, options.pollInterval(), options.maxActivationWait());
    }
  }

  private double billedVcpu(ActionLimits lim, double memory, Stage stage, Configuration configuration) {
    if (lim != null && lim.cpu() != null) {
      return lim.cpu();
    }
    if (options.userCpus() > 0 && memory > 0 && cpuModeOrNull() == CpuMode.MEMORY_COUPLED) {
      return options.userCpus() * memory / options.userMemoryMb();
    }
    if (stage != null) {
      Optional<Double> cpu = configuration.find(stage.name(), Knob.CPU);
      if (cpu.isPresent()) {
        return cpu.get();
      }
    }
    return options.defaultVcpu();
  }

  private CpuMode cpuModeOrNull() {
    return options.cpuMode() != CpuMode.AUTO ? options.cpuMode() : detectedMode.get();
  }

  private static Optional<Stage> stageOf(Workflow workflow, String activationName) {
    if (activationName == null) {
      return Optional.empty();
    }
    return workflow.stages().stream().filter(s -> simpleName(s.function().value()).equals(activationName))
        .findFirst();
  }

  private void pace() {
    if (!options.respectRateLimits()) {
      return;
    }
    NamespaceRateLimiter l = limiter.get();
    if (l == null) {
      NamespaceLimits nl = client.getNamespaceLimits();
      limiter.compareAndSet(null, new NamespaceRateLimiter(nl.invocationsPerMinuteOrDefault(), clock(),
          client.sleeper()));
      l = limiter.get();
      LOG.info("pacing profiling under {} invocations per minute (concurrent limit {}; one in flight)",
          l.perMinute(), nl.concurrentInvocationsOrDefault());
    }
    try {
      l.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenWhiskUnavailableException("interrupted while pacing invocations", e);
    }
  }

  private void sleep(Duration d) {
    try {
      client.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenWhiskUnavailableException("interrupted while waiting for the next arrival", e);
    }
  }

  private static int whole(String name, double v) {
    if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be a whole number >= 1 for OpenWhisk, was " + v);
    }
    return (int) v;
  }

  private static String simpleName(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }

  private static String stripNamespace(String fq) {
    int second = fq.indexOf('/', 1);
    return second < 0 ? fq.substring(1) : fq.substring(second + 1);
  }

  private static double[] toArray(List<Double> v) {
    double[] a = new double[v.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = v.get(i);
    }
    return a;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "OpenWhiskPlatform[" + client.config() + ", prewarm=" + prewarm.name() + "]";
  }
}
