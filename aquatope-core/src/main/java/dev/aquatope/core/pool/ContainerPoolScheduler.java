package dev.aquatope.core.pool;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.CascadePrewarming;
import dev.aquatope.core.spi.FaasPlatform;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.util.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container-pool control loop: keeps enough containers of each managed function prewarmed
 * for the next window.
 *
 * <p>At every {@link #runOnce(Instant) tick} (the host calls it every
 * {@link PoolSchedulerConfig#interval()}, in wall time on a real platform or in virtual time in a
 * simulator; {@link #scheduleOn} does it for wall-time hosts), for each managed function:
 * <ol>
 *   <li>read the last {@code max(inputSteps, forecaster.minHistory())} one-minute windows from
 *       {@link FaasPlatform#history};
 *   <li>forecast the next window with the function's {@link InvocationForecaster}, or with the
 *       fallback baseline while the function has fewer than {@code minHistory()} windows or its
 *       forecaster has not finished its first training;
 *   <li>turn the forecast into a target with the {@link PrewarmPolicy};
 * </ol>
 * then, for each registered workflow in topological order, raise each stage's target to the
 * {@link DownstreamPredictor prediction from its upstream stages}' current load (the larger of
 * their last observed window and their target), so that a burst at the entry stage raises the
 * downstream targets in the same interval; apply any {@link #setMinimumTargets minimums}; and
 * send every target with {@link FaasPlatform#setPrewarmTargets}.
 *
 * <p>Under {@link PoolSizing#WORKFLOW_CONCURRENCY} the workflow step is different: only each
 * workflow's entry stage is forecast (its invocations), and every stage's target, the entry's
 * included, is the policy applied to the stage's {@link CountDistribution distribution of
 * containers} given that forecast, from the workflow's learned {@link ConcurrencyModel}. A burst
 * at the entry raises the entry's forecast and so every stage's target in the same interval.
 *
 * <p>With {@link PoolSchedulerConfig#cascade() cascade prewarming} on and a platform that
 * implements {@link CascadePrewarming}, each workflow's stages that a container started when
 * their upstream stage is invoked can reach in time ({@link CascadePlanner}) are prewarmed just
 * in time by the platform instead: the scheduler installs the rules (at the first tick, then
 * every {@link PoolSchedulerConfig#retrainPeriod()}, and at every tick until every stage could be
 * decided) and gives those stages' functions a minute target of 0 (any minimum still applies).
 * The plan goes to the log (info) and to {@link PoolListener#onCascadePlan}. On other platforms
 * the option does nothing.
 *
 * <p>Training never blocks a tick: every {@link PoolSchedulerConfig#retrainPeriod()} (and on
 * demand with {@link #retrain}/{@link #retrainAll}) the scheduler submits a task to the training
 * {@link Executor} that reads {@code trainingWindows} windows and fits the forecaster (which swaps
 * its model atomically, per the SPI), and another that relearns each workflow's fan-out ratios and
 * concurrency model (a stage that is sized from its workflow's entry is not trained).
 * Ticks use whatever model was fitted last. A host that wants deterministic, simulated-time
 * training passes {@code Runnable::run} as the executor.
 *
 * <p>Decisions go to {@link PoolListener}s and to the SLF4J logger (debug level).
 *
 * <pre>{@code
 * ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder()
 *     .platform(platform)
 *     .forecasters(f -> Providers.forecaster("hybrid-bnn", 42L))
 *     .workflow(workflow)
 *     .build();
 * pool.scheduleOn(Executors.newSingleThreadScheduledExecutor());   // or call pool.tick() yourself
 * }</pre>
 *
 * <p>Thread-safety: {@link #runOnce} must not be called concurrently with itself; every other
 * method may be called from any thread.
 */
public final class ContainerPoolScheduler implements AutoCloseable {
  /** The seed given to forecasters created by name when none is set. */
  public static final long DEFAULT_SEED = 42L;

  /** The length of one history window. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(ContainerPoolScheduler.class);

  /** Windows observed before the entry forecasts' quantile levels are recalibrated. */
  static final int MIN_RECALIBRATION = 60;

  private final FaasPlatform platform;
  private final PoolSchedulerConfig config;
  private final Function<FunctionId, InvocationForecaster> forecasterFactory;
  private final Function<FunctionId, InvocationForecaster> fallbackFactory;
  private final Executor trainingExecutor;
  private final ExecutorService ownedExecutor;
  private final List<PoolListener> listeners;
  private final ConcurrentMap<FunctionId, FunctionState> functions = new ConcurrentSkipListMap<>();
  private final ConcurrentMap<String, WorkflowState> workflows = new ConcurrentSkipListMap<>();
  private final ConcurrentMap<FunctionId, Integer> minimums = new ConcurrentHashMap<>();
  private volatile Instant lastTick;
  private volatile boolean cascadeUnsupportedLogged;

  private ContainerPoolScheduler(Builder b) {
    this.platform = b.platform;
    this.config = b.config;
    this.forecasterFactory = b.forecasterFactory;
    long seed = b.seed != null ? b.seed : DEFAULT_SEED;
    String fallbackName = b.config.fallbackForecaster();
    this.fallbackFactory = b.fallbackFactory != null ? b.fallbackFactory
        : f -> Providers.forecaster(fallbackName, seed);
    if (b.trainingExecutor != null) {
      this.trainingExecutor = b.trainingExecutor;
      this.ownedExecutor = null;
    } else {
      this.ownedExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aquatope-pool-training");
        t.setDaemon(true);
        return t;
      });
      this.trainingExecutor = ownedExecutor;
    }
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    b.functions.forEach(this::addFunction);
    b.workflows.forEach(this::addWorkflow);
  }

  /**
   * A new builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public PoolSchedulerConfig config() {
    return config;
  }

  /**
   * Manages a function with the default trigger group; does nothing if it is already managed.
   *
   * @param function the function
   */
  public void addFunction(FunctionId function) {
    addFunction(function, config.defaultTrigger());
  }

  /**
   * Manages a function; does nothing if it is already managed.
   *
   * @param function the function
   * @param trigger its trigger group (an external feature of forecasters)
   */
  public void addFunction(FunctionId function, TriggerType trigger) {
    Checks.notNull("function", function);
    Checks.notNull("trigger", trigger);
    functions.computeIfAbsent(function, f -> new FunctionState(f, trigger, forecasterFactory.apply(f)));
  }

  /**
   * Manages every function of a workflow and predicts its downstream stages from upstream ones.
   *
   * @param workflow the workflow
   * @throws IllegalArgumentException if another workflow with the same name is managed
   */
  public void addWorkflow(Workflow workflow) {
    Checks.notNull("workflow", workflow);
    WorkflowState prev = workflows.putIfAbsent(workflow.name(), new WorkflowState(workflow));
    if (prev != null && !prev.workflow.equals(workflow)) {
      throw new IllegalArgumentException("a different workflow named '" + workflow.name() + "' is already managed");
    }
    workflow.functions().forEach(this::addFunction);
  }

  /**
   * The managed functions, sorted.
   *
   * @return the managed functions, sorted
   */
  public List<FunctionId> functions() {
    return List.copyOf(functions.keySet());
  }

  /**
   * The downstream predictor currently used for a workflow (structural until the first learning).
   *
   * @param workflowName the workflow's name
   * @return the predictor, if the workflow is managed
   */
  public Optional<DownstreamPredictor> predictor(String workflowName) {
    return Optional.ofNullable(workflows.get(workflowName)).map(w -> w.predictor);
  }

  /**
   * The concurrency model currently used for a workflow under {@link PoolSizing#WORKFLOW_CONCURRENCY}
   * (structural until the first learning; learned under either sizing).
   *
   * @param workflowName the workflow's name
   * @return the model, if the workflow is managed
   */
  public Optional<ConcurrencyModel> concurrencyModel(String workflowName) {
    return Optional.ofNullable(workflows.get(workflowName)).map(w -> w.concurrency);
  }

  /**
   * Sets floors under the targets of some functions (e.g. the resource manager prewarming a
   * workflow before profiling it); they apply from the next tick until cleared.
   *
   * @param floors minimum targets, {@code >= 0}; a 0 removes a floor
   */
  public void setMinimumTargets(Map<FunctionId, Integer> floors) {
    Checks.notNull("floors", floors);
    floors.forEach((f, n) -> {
      Checks.notNull("function", f);
      Checks.nonNegative("minimum target of " + f, n);
    });
    floors.forEach((f, n) -> {
      if (n == 0) {
        minimums.remove(f);
      } else {
        minimums.put(f, n);
      }
    });
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener
   */
  public void addListener(PoolListener listener) {
    listeners.add(Checks.notNull("listener", listener));
  }

  /**
   * Runs one interval at the platform clock's current time.
   *
   * @return the decisions, one per managed function
   */
  public List<PoolDecision> tick() {
    return runOnce(platform.clock().instant());
  }

  /**
   * Runs one interval at {@code time} (rounded down to the minute): forecasts, sets the targets,
   * starts any due background training.
   *
   * @param time the current time (virtual time in a simulator)
   * @return the decisions, one per managed function, sorted by function
   */
  public List<PoolDecision> runOnce(Instant time) {
    Checks.notNull("time", time);
    Instant now = Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), WINDOW.getSeconds()) * WINDOW.getSeconds());
    lastTick = now;
    PrewarmPolicy policy = config.policy();
    Map<FunctionId, Own> own = new TreeMap<>();
    Map<FunctionId, Integer> targets = new TreeMap<>();
    Map<FunctionId, String> reasons = new HashMap<>();
    boolean workflowSizing = config.sizing() == PoolSizing.WORKFLOW_CONCURRENCY && policy != PrewarmPolicy.NULL;
    Set<FunctionId> derived = workflowSizing ? derivedFunctions() : Set.of();
    Set<FunctionId> staged = workflowSizing ? stageFunctions() : Set.of();
    for (FunctionState st : functions.values()) {
      if (derived.contains(st.id)) {
        own.put(st.id, new Own(Forecast.point(0), "none", OptionalInt.empty(), "sized from its workflow's entry", 0.0));
        continue;
      }
      Own o;
      try {
        o = forecastOne(st, now);
      } catch (RuntimeException ex) {
        // e.g. the platform could not report the history: keep the function's previous target
        LOG.warn("pool {}: no forecast for {}; its previous target stays", now, st.id, ex);
        o = new Own(Forecast.point(0), "none", OptionalInt.empty(), "no forecast: " + ex, 0.0);
      }
      own.put(st.id, o);
      reasons.put(st.id, o.reason);
      if (!staged.contains(st.id)) {
        o.target.ifPresent(t -> targets.put(st.id, t));
      }
    }
    Map<FunctionId, Own> sized = new HashMap<>();
    Map<FunctionId, String> cascaded = new TreeMap<>();
    Set<FunctionId> notCascaded = new HashSet<>();
    for (WorkflowState ws : workflows.values()) {
      maybeLearn(ws, now);
      if (policy == PrewarmPolicy.NULL) {
        continue;
      }
      maybePlanCascade(ws, now);
      CascadePlanner.Plan plan = ws.cascadePlan;
      for (Stage stage : ws.workflow.stages()) {
        String why = plan == null ? null : plan.covered().get(stage.name());
        if (why != null) {
          cascaded.merge(stage.function(), "covered by cascade from " + why + "; minute target 0",
              (a, b) -> a + "; " + b);
        } else {
          notCascaded.add(stage.function());
        }
      }
      if (workflowSizing) {
        sizeFromEntry(now, ws, own, sized, targets, reasons);
        continue;
      }
      DownstreamPredictor predictor = ws.predictor;
      Map<String, Double> levels = new LinkedHashMap<>();
      for (Stage stage : ws.workflow.stages()) {
        FunctionId f = stage.function();
        Optional<DownstreamPredictor.Prediction> p = predictor.predict(stage.name(), levels);
        if (p.isPresent()) {
          int t = PrewarmPolicy.ceilCount(p.get().value());
          if (t > targets.getOrDefault(f, -1)) {
            targets.put(f, t);
            reasons.put(f, String.format(Locale.ROOT, "downstream of %s: %.2f x %.1f = %.1f (own: %s)",
                p.get().upstream(), p.get().ratio(), p.get().level(), p.get().value(), own.get(f).reason));
          }
        }
        levels.put(stage.name(), Math.max(own.get(f).lastObserved, targets.getOrDefault(f, 0)));
      }
    }
    cascaded.forEach((f, why) -> {
      if (!notCascaded.contains(f)) {
        targets.put(f, 0);
        reasons.put(f, why);
      }
    });
    minimums.forEach((f, m) -> {
      if (m > targets.getOrDefault(f, -1)) {
        targets.put(f, m);
        reasons.merge(f, "minimum requested: " + m, (a, b) -> a + "; " + b);
      }
    });
    own.putAll(sized);
    List<PoolDecision> decisions = new ArrayList<>();
    for (Map.Entry<FunctionId, Own> e : own.entrySet()) {
      Own o = e.getValue();
      Integer t = targets.get(e.getKey());
      PoolDecision d = new PoolDecision(e.getKey(), now, o.forecaster, o.forecast.mean(), o.forecast.std(), o.target,
          t == null ? OptionalInt.empty() : OptionalInt.of(t), reasons.get(e.getKey()));
      decisions.add(d);
      LOG.debug("pool {} {}: forecast mean={} std={} by {}, target {} ({})", now, d.function(), d.mean(), d.std(),
          d.forecaster(), t, d.reason());
    }
    if (!targets.isEmpty()) {
      try {
        platform.setPrewarmTargets(targets);
      } catch (UnsupportedOperationException ex) {
        LOG.warn("platform {} cannot prewarm: {}", platform.name(), ex.getMessage());
      }
    }
    List<PoolDecision> view = List.copyOf(decisions);
    Map<FunctionId, Integer> targetView = Map.copyOf(targets);
    for (PoolListener l : listeners) {
      try {
        l.onTick(now, view, targetView);
      } catch (RuntimeException ex) {
        LOG.warn("pool listener {} failed", l, ex);
      }
    }
    return view;
  }

  /**
   * Sizes every stage of a workflow from its entry stage's forecast of invocations, through the
   * workflow's concurrency model. A stage shared by several workflows gets the largest target.
   */
  private void sizeFromEntry(Instant now, WorkflowState ws, Map<FunctionId, Own> own, Map<FunctionId, Own> sized,
      Map<FunctionId, Integer> targets, Map<FunctionId, String> reasons) {
    PrewarmPolicy policy = config.policy();
    FunctionId entry = ws.workflow.entryStages().get(0).function();
    Own e = own.get(entry);
    if (e == null || "none".equals(e.forecaster)) {
      return; // no forecast of the entry: the stages keep their previous targets
    }
    ConcurrencyModel model = ws.concurrency;
    double[] levels = ConcurrencyModel.forecastLevels();
    if (config.recalibrationWindows() > 0) {
      if (ws.recalibrator == null) {
        ws.recalibrator = new QuantileRecalibrator(config.recalibrationWindows(),
            Math.min(MIN_RECALIBRATION, config.recalibrationWindows()));
      }
      if (ws.lastEntryForecast != null && ws.lastEntryTick.plus(WINDOW).equals(now)) {
        ws.recalibrator.observe(ws.lastEntryForecast, e.lastObserved);
      }
      ws.lastEntryForecast = e.forecast;
      ws.lastEntryTick = now;
      levels = ws.recalibrator.levels(levels);
    }
    for (Stage stage : ws.workflow.stages()) {
      FunctionId f = stage.function();
      CountDistribution d = model.containers(stage.name(), e.forecast, levels);
      OptionalInt t = policy.target(d);
      if (t.isEmpty() || t.getAsInt() <= targets.getOrDefault(f, -1)) {
        continue;
      }
      String why = String.format(Locale.ROOT, "workflow %s: %s of %s containers (%s) given %.1f +- %.1f invocations"
          + " of %s by %s", ws.workflow.name(), policy.describe(), stage.name(),
          model.isLearned(stage.name()) ? "learned" : "structural", e.forecast.mean(), e.forecast.std(),
          ws.workflow.entryStages().get(0).name(), e.forecaster)
          + (ws.recalibrator != null && ws.recalibrator.size() >= Math.min(MIN_RECALIBRATION,
              config.recalibrationWindows()) ? String.format(Locale.ROOT, " (levels recalibrated on %d windows)",
              ws.recalibrator.size()) : "");
      targets.put(f, t.getAsInt());
      reasons.put(f, why);
      sized.put(f, new Own(Forecast.normal(d.mean(), d.std()), e.forecaster, t, why, e.lastObserved));
    }
  }

  /**
   * Plans and installs a workflow's cascade rules when cascade prewarming is on, the platform
   * supports it, and the last plan is missing, incomplete or older than the retrain period.
   */
  private void maybePlanCascade(WorkflowState ws, Instant now) {
    if (!config.cascade().enabled()) {
      return;
    }
    if (!(platform instanceof CascadePrewarming cp)) {
      if (!cascadeUnsupportedLogged) {
        cascadeUnsupportedLogged = true;
        LOG.info("platform {} does not support cascade prewarming; per-minute targets only", platform.name());
      }
      return;
    }
    CascadePlanner.Plan last = ws.cascadePlan;
    if (last != null && last.complete() && now.isBefore(ws.cascadePlannedAt.plus(config.retrainPeriod()))) {
      return;
    }
    CascadePlanner.Plan plan;
    try {
      plan = CascadePlanner.plan(ws.workflow, cp, config.cascade());
      if (last == null || !last.rules().equals(plan.rules())) {
        cp.setCascadeRules(ws.workflow, plan.rules());
      }
    } catch (RuntimeException ex) {
      LOG.warn("pool {}: cascade rules of workflow {} not installed", now, ws.workflow.name(), ex);
      return;
    }
    ws.cascadePlan = plan;
    ws.cascadePlannedAt = now;
    if (last == null || !last.equals(plan)) {
      LOG.info("pool {}: cascade plan of workflow {}: covered {}, not covered {}", now, ws.workflow.name(),
          plan.covered(), plan.notCovered());
      for (PoolListener l : listeners) {
        try {
          l.onCascadePlan(now, ws.workflow.name(), plan);
        } catch (RuntimeException ex) {
          LOG.warn("pool listener {} failed", l, ex);
        }
      }
    }
  }

  /**
   * The cascade plan currently installed for a workflow.
   *
   * @param workflowName the workflow's name
   * @return the plan, if cascade prewarming is on, the platform supports it and a tick planned it
   */
  public Optional<CascadePlanner.Plan> cascadePlan(String workflowName) {
    return Optional.ofNullable(workflows.get(workflowName)).map(w -> w.cascadePlan);
  }

  /** Functions that are a non-entry stage of some managed workflow and the entry of none. */
  private Set<FunctionId> derivedFunctions() {
    Set<FunctionId> entries = new HashSet<>();
    Set<FunctionId> out = new HashSet<>();
    for (WorkflowState ws : workflows.values()) {
      Set<String> entryNames = new HashSet<>();
      ws.workflow.entryStages().forEach(st -> {
        entryNames.add(st.name());
        entries.add(st.function());
      });
      for (Stage st : ws.workflow.stages()) {
        if (!entryNames.contains(st.name())) {
          out.add(st.function());
        }
      }
    }
    out.removeAll(entries);
    return out;
  }

  /** Functions that are a stage of some managed workflow. */
  private Set<FunctionId> stageFunctions() {
    Set<FunctionId> out = new HashSet<>();
    workflows.values().forEach(ws -> out.addAll(ws.workflow.functions()));
    return out;
  }

  private Own forecastOne(FunctionState st, Instant now) {
    PrewarmPolicy policy = config.policy();
    int min = st.forecaster.minHistory();
    int need = Math.max(config.inputSteps(), min);
    FunctionHistory h = platform.history(st.id, now.minus(WINDOW.multipliedBy(need)), now);
    InvocationSeries s = config.measure().of(h, st.trigger);
    double last = s.size() == 0 ? 0.0 : s.count(s.size() - 1);
    if (s.size() >= min) {
      maybeRetrain(st, now); // before forecasting, so that a synchronous executor's model is used at once
    }
    String why;
    if (s.size() < min) {
      why = "fallback: history " + s.size() + " < " + min;
    } else if (!st.forecaster.isFitted()) {
      why = "fallback: " + st.forecaster.name() + " not fitted yet";
    } else {
      try {
        Forecast f = st.forecaster.forecast(s);
        return new Own(f, st.forecaster.name(), policy.target(f), policy.describe(), last);
      } catch (RuntimeException ex) {
        LOG.warn("forecaster {} failed for {}; using the fallback", st.forecaster.name(), st.id, ex);
        why = "fallback: " + st.forecaster.name() + " failed (" + ex.getMessage() + ")";
      }
    }
    InvocationForecaster fb = st.fallback();
    if (fb != null && s.size() >= fb.minHistory() && s.size() > 0) {
      try {
        fb.fit(s);
        Forecast f = fb.forecast(s);
        return new Own(f, fb.name(), policy.target(f), why + "; " + policy.describe(), last);
      } catch (RuntimeException ex) {
        LOG.warn("fallback forecaster {} failed for {}", fb.name(), st.id, ex);
        why = why + "; fallback " + fb.name() + " failed";
      }
    } else if (fb == null) {
      why = why + "; fallback '" + config.fallbackForecaster() + "' unavailable";
    } else {
      why = why + "; history " + s.size() + " < fallback's " + fb.minHistory();
    }
    Forecast f = Forecast.point(last);
    return new Own(f, "last-window", policy.target(f), why + ": last window; " + policy.describe(), last);
  }

  private void maybeRetrain(FunctionState st, Instant now) {
    Instant started = st.lastTrainingStart;
    if (started == null || !now.isBefore(started.plus(config.retrainPeriod()))) {
      startTraining(st, now);
    }
  }

  private void maybeLearn(WorkflowState ws, Instant now) {
    Instant started = ws.lastLearningStart;
    if (started == null || !now.isBefore(started.plus(config.retrainPeriod()))) {
      startLearning(ws, now);
    }
  }

  /**
   * Retrains one function's forecaster in the background now, unless a training is running.
   *
   * @param function a managed function
   * @return completes when the training ends (normally even if it failed; failures are logged
   *     and reported to listeners)
   * @throws IllegalArgumentException if the function is not managed
   */
  public CompletableFuture<Void> retrain(FunctionId function) {
    FunctionState st = functions.get(function);
    if (st == null) {
      throw new IllegalArgumentException("function " + function + " is not managed; managed: " + functions.keySet());
    }
    return startTraining(st, currentTime());
  }

  /**
   * Retrains every forecaster and relearns every workflow's fan-out ratios in the background now.
   *
   * @return completes when all of them end
   */
  public CompletableFuture<Void> retrainAll() {
    Instant now = currentTime();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    Set<FunctionId> derived = config.sizing() == PoolSizing.WORKFLOW_CONCURRENCY ? derivedFunctions() : Set.of();
    functions.values().stream().filter(st -> !derived.contains(st.id)).forEach(st -> all.add(startTraining(st, now)));
    workflows.values().forEach(ws -> all.add(startLearning(ws, now)));
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  private Instant currentTime() {
    Instant t = lastTick;
    return t != null ? t : platform.clock().instant();
  }

  private CompletableFuture<Void> startTraining(FunctionState st, Instant now) {
    synchronized (st) {
      if (st.training != null && !st.training.isDone()) {
        return st.training;
      }
      st.lastTrainingStart = now;
      CompletableFuture<Void> done = new CompletableFuture<>();
      st.training = done;
      Runnable task = () -> {
        int windows = 0;
        Throwable failure = null;
        try {
          FunctionHistory h = platform.history(st.id, now.minus(WINDOW.multipliedBy(config.trainingWindows())), now);
          InvocationSeries s = config.measure().of(h, st.trigger);
          windows = s.size();
          if (s.size() >= st.forecaster.minHistory()) {
            st.forecaster.fit(s);
            LOG.info("trained {} for {} on {} windows", st.forecaster.name(), st.id, windows);
          } else {
            LOG.debug("not training {} for {}: history {} < {}", st.forecaster.name(), st.id, windows,
                st.forecaster.minHistory());
            synchronized (st) {
              st.lastTrainingStart = null; // retry at the next tick
            }
          }
        } catch (RuntimeException | Error ex) {
          failure = ex;
          LOG.warn("training {} for {} failed", st.forecaster.name(), st.id, ex);
        } finally {
          for (PoolListener l : listeners) {
            try {
              l.onTrained(st.id, windows, failure);
            } catch (RuntimeException ex) {
              LOG.warn("pool listener {} failed", l, ex);
            }
          }
          done.complete(null);
        }
      };
      submit(task, done);
      return done;
    }
  }

  private CompletableFuture<Void> startLearning(WorkflowState ws, Instant now) {
    synchronized (ws) {
      if (ws.learning != null && !ws.learning.isDone()) {
        return ws.learning;
      }
      ws.lastLearningStart = now;
      CompletableFuture<Void> done = new CompletableFuture<>();
      ws.learning = done;
      Runnable task = () -> {
        try {
          Map<FunctionId, double[]> counts = new LinkedHashMap<>();
          Map<FunctionId, double[]> containers = new LinkedHashMap<>();
          FunctionId entry = ws.workflow.entryStages().get(0).function();
          double[] invocations = new double[0];
          for (FunctionId f : ws.workflow.functions()) {
            FunctionState st = functions.get(f);
            TriggerType trigger = st == null ? config.defaultTrigger() : st.trigger;
            FunctionHistory h = platform.history(f, now.minus(WINDOW.multipliedBy(config.trainingWindows())), now);
            counts.put(f, config.measure().of(h, trigger).counts());
            containers.put(f, h.containersNeeded(trigger).counts());
            if (f.equals(entry)) {
              invocations = h.invocations(trigger).counts();
            }
          }
          ws.predictor = DownstreamPredictor.learn(ws.workflow, counts);
          ws.concurrency = ConcurrencyModel.learn(ws.workflow, invocations, containers,
              ConcurrencyModel.DEFAULT_MIN_BUCKET);
          LOG.debug("learned fan-out ratios and concurrency of workflow {}", ws.workflow.name());
        } catch (RuntimeException ex) {
          LOG.warn("learning the fan-out ratios of workflow {} failed", ws.workflow.name(), ex);
        } finally {
          done.complete(null);
        }
      };
      submit(task, done);
      return done;
    }
  }

  private void submit(Runnable task, CompletableFuture<Void> done) {
    try {
      trainingExecutor.execute(task);
    } catch (RuntimeException ex) {
      LOG.warn("training executor rejected a task", ex);
      done.complete(null);
    }
  }

  /**
   * Calls {@link #tick()} every {@link PoolSchedulerConfig#interval()} on a scheduled executor
   * (wall-time hosts), starting at the next interval boundary of the platform clock. Exceptions of
   * a tick are logged and do not cancel later ticks.
   *
   * @param executor the executor; not shut down by this scheduler
   * @return the periodic task, to cancel it
   */
  public ScheduledFuture<?> scheduleOn(ScheduledExecutorService executor) {
    Checks.notNull("executor", executor);
    long period = config.interval().toMillis();
    long delay = Math.floorMod(-platform.clock().millis(), period);
    return executor.scheduleAtFixedRate(() -> {
      try {
        tick();
      } catch (RuntimeException ex) {
        LOG.error("pool tick failed", ex);
      }
    }, delay, period, TimeUnit.MILLISECONDS);
  }

  /** Stops the scheduler's own training thread, if it created one (a host-supplied executor is left alone). */
  @Override
  public void close() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private record Own(Forecast forecast, String forecaster, OptionalInt target, String reason, double lastObserved) {}

  private final class FunctionState {
    final FunctionId id;
    final TriggerType trigger;
    final InvocationForecaster forecaster;
    private InvocationForecaster fallback;
    private boolean fallbackResolved;
    CompletableFuture<Void> training;
    volatile Instant lastTrainingStart;

    FunctionState(FunctionId id, TriggerType trigger, InvocationForecaster forecaster) {
      this.id = id;
      this.trigger = trigger;
      this.forecaster = Objects.requireNonNull(forecaster, "forecaster factory returned null for " + id);
    }

    /** The fallback forecaster, created on first use; null if it cannot be created. */
    InvocationForecaster fallback() {
      if (!fallbackResolved) {
        fallbackResolved = true;
        try {
          fallback = fallbackFactory.apply(id);
        } catch (RuntimeException ex) {
          LOG.warn("cannot create fallback forecaster '{}' for {}: {}", config.fallbackForecaster(), id,
              ex.getMessage());
        }
      }
      return fallback;
    }
  }

  private static final class WorkflowState {
    final Workflow workflow;
    volatile DownstreamPredictor predictor;
    volatile ConcurrencyModel concurrency;
    /** Confined to {@link #runOnce}, like the two fields after it. */
    QuantileRecalibrator recalibrator;
    Forecast lastEntryForecast;
    Instant lastEntryTick;
    CompletableFuture<Void> learning;
    volatile Instant lastLearningStart;
    volatile CascadePlanner.Plan cascadePlan;
    Instant cascadePlannedAt;

    WorkflowState(Workflow workflow) {
      this.workflow = workflow;
      this.predictor = DownstreamPredictor.structural(workflow);
      this.concurrency = ConcurrencyModel.structural(workflow);
    }
  }

  /** Builds a {@link ContainerPoolScheduler}; every setter may be called once. */
  public static final class Builder {
    private FaasPlatform platform;
    private PoolSchedulerConfig config;
    private Function<FunctionId, InvocationForecaster> forecasterFactory;
    private Function<FunctionId, InvocationForecaster> fallbackFactory;
    private Executor trainingExecutor;
    private Long seed;
    private final List<PoolListener> listeners = new ArrayList<>();
    private final List<FunctionId> functions = new ArrayList<>();
    private final List<Workflow> workflows = new ArrayList<>();

    private Builder() {}

    /**
     * The platform to read history from and send targets to (required).
     *
     * @param platform the platform
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder platform(FaasPlatform platform) {
      Checks.notYetSet("platform", this.platform);
      this.platform = Checks.notNull("platform", platform);
      return this;
    }

    /**
     * The configuration; default {@link PoolSchedulerConfig#defaults()}.
     *
     * @param config the configuration
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder config(PoolSchedulerConfig config) {
      Checks.notYetSet("config", this.config);
      this.config = Checks.notNull("config", config);
      return this;
    }

    /**
     * Creates one main forecaster per function (required).
     *
     * @param factory called once per managed function
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder forecasters(Function<FunctionId, InvocationForecaster> factory) {
      Checks.notYetSet("forecasters", this.forecasterFactory);
      this.forecasterFactory = Checks.notNull("factory", factory);
      return this;
    }

    /**
     * Creates the main forecasters from a registered provider, all with the same seed.
     *
     * @param name the provider's name, e.g. {@code "hybrid-bnn"}
     * @return this builder (for chaining)
     * @throws IllegalStateException if forecasters were already set
     * @throws IllegalArgumentException if no such provider is on the class path
     */
    public Builder forecasters(String name) {
      InvocationForecaster.Provider p = Providers.forecasterProvider(Checks.nonBlank("name", name));
      long s = seed != null ? seed : DEFAULT_SEED;
      return forecasters(f -> p.create(s));
    }

    /**
     * Creates one fallback forecaster per function; default: the provider named
     * {@link PoolSchedulerConfig#fallbackForecaster()}.
     *
     * @param factory called at most once per function, on first need
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder fallbacks(Function<FunctionId, InvocationForecaster> factory) {
      Checks.notYetSet("fallbacks", this.fallbackFactory);
      this.fallbackFactory = Checks.notNull("factory", factory);
      return this;
    }

    /**
     * Where background training runs; default: a daemon thread owned by the scheduler (stopped
     * by {@link ContainerPoolScheduler#close()}). Pass {@code Runnable::run} to train
     * synchronously in simulated time.
     *
     * @param executor the executor
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder trainingExecutor(Executor executor) {
      Checks.notYetSet("trainingExecutor", this.trainingExecutor);
      this.trainingExecutor = Checks.notNull("executor", executor);
      return this;
    }

    /**
     * The seed given to forecasters created by name (main and fallback); default
     * {@link #DEFAULT_SEED}. Set it before {@link #forecasters(String)}.
     *
     * @param seed the seed
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder seed(long seed) {
      Checks.notYetSet("seed", this.seed);
      this.seed = seed;
      return this;
    }

    /**
     * Manages a function (with the default trigger).
     *
     * @param function the function
     * @return this builder (for chaining)
     */
    public Builder function(FunctionId function) {
      functions.add(Checks.notNull("function", function));
      return this;
    }

    /**
     * Manages a workflow's functions and predicts its downstream stages.
     *
     * @param workflow the workflow
     * @return this builder (for chaining)
     */
    public Builder workflow(Workflow workflow) {
      workflows.add(Checks.notNull("workflow", workflow));
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder (for chaining)
     */
    public Builder listener(PoolListener listener) {
      listeners.add(Checks.notNull("listener", listener));
      return this;
    }

    /**
     * Builds the scheduler.
     *
     * @return the scheduler
     * @throws IllegalStateException if the platform or the forecasters are missing
     */
    public ContainerPoolScheduler build() {
      if (platform == null) {
        throw new IllegalStateException("platform is required");
      }
      if (forecasterFactory == null) {
        throw new IllegalStateException("forecasters are required");
      }
      PoolSchedulerConfig saved = config;
      if (config == null) {
        config = PoolSchedulerConfig.defaults();
      }
      try {
        return new ContainerPoolScheduler(this);
      } finally {
        config = saved; // build() does not mutate the builder
      }
    }
  }
}
