package dev.aquatope.core.manage;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.Parameter;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.StageObservation;
import dev.aquatope.core.pool.ContainerPoolScheduler;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.FaasPlatform;
import dev.aquatope.core.spi.ProfileResult;
import dev.aquatope.core.spi.StageProfile;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource-manager control loop: finds the cheapest configuration of each registered
 * workflow that meets its QoS target, applies it, and re-optimizes when the workflow drifts.
 *
 * <p>For each workflow ({@link #register}), {@link #optimize} runs a <em>campaign</em>: it asks
 * the pool to prewarm the workflow's functions, then repeatedly asks the
 * {@link ConstrainedBatchOptimizer} for a batch ({@code suggest(q)}), profiles it on the platform
 * ({@link FaasPlatform#profile}), prices the results with the workflow's cost model and feeds
 * them back ({@code observe}), until the {@link Budget} is spent; finally it applies the best
 * feasible configuration with {@link FaasPlatform#apply}. Afterwards, {@link #observeProduction}
 * (or {@link #profileApplied}) feeds production measurements to the optimizer; when the
 * optimizer reports {@link ConstrainedBatchOptimizer#driftDetected() drift}, a new campaign runs
 * with the drift budget and the new best configuration is applied.
 *
 * <p><b>Journal.</b> Every suggested batch and every observation is appended to the workflow's
 * {@link Journal} (and forced to disk) <em>before</em> it is acted on, and the optimizer's state
 * is snapshotted after every batch. A manager created on the same journal directory after a crash
 * replays the journal at {@link #register}: it restores the latest snapshot (or creates a fresh
 * optimizer with the journaled seed) and replays the later records in order, re-issuing each
 * journaled {@code suggest} so the optimizer's state matches; a batch that was suggested but only
 * partly profiled is completed by profiling only its missing configurations. No configuration
 * that was journaled is profiled again, and the campaign's evaluation count continues.
 *
 * <pre>{@code
 * try (ResourceManager rm = ResourceManager.newBuilder()
 *     .platform(platform)
 *     .optimizer("gp-qnei")
 *     .journalDirectory(Path.of("journal"))
 *     .build()) {
 *   rm.register(ManagedWorkflow.of(WorkflowDefinitions.read(Path.of("video.json")), 2));
 *   OptimizationOutcome out = rm.optimize("video", Budget.evaluations(40), p -> log(p));
 *   ...
 *   rm.observeProduction("video", productionObservations);  // re-optimizes on drift
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one control loop drives a manager (the optimizer SPI is not thread-safe
 * either).
 */
public final class ResourceManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceManager.class);

  private final FaasPlatform platform;
  private final ConstrainedBatchOptimizer.Provider optimizers;
  private final Path journalDirectory;
  private final Clock clock;
  private final int batchSize;
  private final long seed;
  private final Budget driftBudget;
  private final ContainerPoolScheduler pool;
  private final int snapshotEvery;
  private final List<ManagerListener> listeners;
  private final Map<String, Run> runs = new LinkedHashMap<>();

  private ResourceManager(Builder b) {
    this.platform = b.platform;
    this.optimizers = b.optimizers;
    this.journalDirectory = b.journalDirectory;
    this.clock = b.clock != null ? b.clock : b.platform.clock();
    this.batchSize = b.batchSize != null ? b.batchSize : 3;
    this.seed = b.seed != null ? b.seed : 42L;
    this.driftBudget = b.driftBudget != null ? b.driftBudget : Budget.evaluations(15);
    this.pool = b.pool;
    this.snapshotEvery = b.snapshotEvery != null ? b.snapshotEvery : 1;
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
  }

  /**
   * A new builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Per-workflow state. */
  private static final class Run {
    final ManagedWorkflow mw;
    final Journal journal;
    ConstrainedBatchOptimizer optimizer;
    int campaign;
    Instant campaignStart;
    int campaignEvaluations;
    int totalEvaluations;
    List<Configuration> pendingBatch = List.of();
    final Set<Configuration> pendingObserved = new HashSet<>();
    Optional<Configuration> applied = Optional.empty();
    long group;
    int batchesSinceSnapshot;
    int replayed;
    boolean restored;
    boolean snapshotsDisabled;

    Run(ManagedWorkflow mw, Journal journal) {
      this.mw = mw;
      this.journal = journal;
    }

    List<Configuration> unprofiled() {
      List<Configuration> out = new ArrayList<>();
      for (Configuration c : pendingBatch) {
        if (!pendingObserved.contains(c)) {
          out.add(c);
        }
      }
      return out;
    }
  }

  /**
   * Registers a workflow, resuming from its journal if the journal directory has one.
   *
   * @param workflow the workflow and how to measure it
   * @return where the workflow stands after replaying its journal
   * @throws IOException if the journal cannot be read or written
   * @throws IllegalStateException if the workflow is already registered, or its journal was
   *     written for a different problem or optimizer
   */
  public WorkflowStatus register(ManagedWorkflow workflow) throws IOException {
    Checks.notNull("workflow", workflow);
    String name = workflow.name();
    if (runs.containsKey(name)) {
      throw new IllegalStateException("workflow '" + name + "' is already registered");
    }
    Journal journal = Journal.open(journalDirectory, name);
    try {
      Run run = new Run(workflow, journal);
      List<JournalRecord> records = journal.records();
      String fingerprint = fingerprint(workflow.problem());
      if (records.isEmpty()) {
        journal.append(new JournalRecord.Header(journal.nextSeq(), name, optimizers.name(), seed, fingerprint));
        run.optimizer = optimizers.create(workflow.problem(), seed);
      } else {
        resume(run, records, fingerprint);
      }
      runs.put(name, run);
      LOG.info("registered workflow {} (journal {}, {} records replayed, campaign {}, {} evaluations)", name,
          journal.file(), run.replayed, run.campaign, run.totalEvaluations);
      return status(name);
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  private void resume(Run run, List<JournalRecord> records, String fingerprint) throws IOException {
    if (!(records.get(0) instanceof JournalRecord.Header header)) {
      throw new IllegalStateException(run.journal.file() + " does not start with a header record");
    }
    if (!header.problem().equals(fingerprint)) {
      throw new IllegalStateException(run.journal.file() + " was written for a different problem:\n  journal: "
          + header.problem() + "\n  now:     " + fingerprint);
    }
    if (!header.optimizer().equals(optimizers.name())) {
      throw new IllegalStateException(run.journal.file() + " was written by optimizer '" + header.optimizer()
          + "', not '" + optimizers.name() + "'");
    }
    if (header.seed() != seed) {
      LOG.warn("{}: continuing with the journal's seed {} instead of {}", run.journal.file(), header.seed(), seed);
    }
    // Bookkeeping over every record.
    JournalRecord.Snapshot snapshot = null;
    for (JournalRecord r : records) {
      if (r instanceof JournalRecord.CampaignStarted c) {
        run.campaign = c.campaign();
        run.campaignStart = c.at();
        run.campaignEvaluations = 0;
        run.pendingBatch = List.of();
        run.pendingObserved.clear();
      } else if (r instanceof JournalRecord.Suggested s) {
        run.pendingBatch = s.configurations();
        run.pendingObserved.clear();
      } else if (r instanceof JournalRecord.Observed o) {
        run.group = Math.max(run.group, o.group());
        if (o.isEvaluation()) {
          run.totalEvaluations++;
          if (o.campaign() == run.campaign) {
            run.campaignEvaluations++;
          }
          if (run.pendingBatch.contains(o.observation().configuration())) {
            run.pendingObserved.add(o.observation().configuration());
          }
        }
      } else if (r instanceof JournalRecord.Applied a) {
        run.applied = Optional.of(a.configuration());
      } else if (r instanceof JournalRecord.Snapshot s && Files.exists(run.journal.resolve(s.file()))) {
        snapshot = s;
      }
    }
    // The optimizer: latest snapshot, else a fresh one; then replay what the snapshot lacks.
    OptimizationProblem problem = run.mw.problem();
    long from = 0;
    if (snapshot != null) {
      try (InputStream in = Files.newInputStream(run.journal.resolve(snapshot.file()))) {
        run.optimizer = optimizers.restore(problem, in);
        from = snapshot.covers();
        run.restored = true;
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot restore optimizer snapshot {}; replaying the whole journal", snapshot.file(), e);
      }
    }
    if (run.optimizer == null) {
      run.optimizer = optimizers.create(problem, header.seed());
    }
    List<Observation> group = new ArrayList<>();
    long groupId = Long.MIN_VALUE;
    for (JournalRecord r : records) {
      if (r.seq() <= from) {
        continue;
      }
      run.replayed++;
      if (r instanceof JournalRecord.Observed o) {
        if (o.group() != groupId && !group.isEmpty()) {
          run.optimizer.observe(group);
          group = new ArrayList<>();
        }
        groupId = o.group();
        group.add(o.observation());
        continue;
      }
      if (!group.isEmpty()) {
        run.optimizer.observe(group);
        group = new ArrayList<>();
      }
      if (r instanceof JournalRecord.Suggested s) {
        List<Configuration> again = run.optimizer.suggest(s.configurations().size());
        if (!again.equals(s.configurations())) {
          LOG.warn("{}: optimizer {} suggested {} on replay instead of the journaled {}; using the journaled batch",
              run.journal.file(), optimizers.name(), again, s.configurations());
        }
      }
    }
    if (!group.isEmpty()) {
      run.optimizer.observe(group);
    }
  }

  /**
   * Runs (or continues) the workflow's current optimization campaign until its budget is spent,
   * then applies the best feasible configuration.
   *
   * <p>The budget counts every evaluation of the campaign, including those made before a restart;
   * calling {@code optimize} again with a larger budget continues the same campaign.
   *
   * @param workflow the workflow's name
   * @param budget the campaign's budget
   * @param progress called after each batch (may be null)
   * @return the outcome
   * @throws IOException if the journal cannot be written
   * @throws IllegalArgumentException if the workflow is not registered
   */
  public OptimizationOutcome optimize(String workflow, Budget budget, Consumer<BatchProgress> progress)
      throws IOException {
    Checks.notNull("budget", budget);
    Run run = run(workflow);
    if (run.campaign == 0) {
      startCampaign(run, "initial");
    }
    return runCampaign(run, budget, progress);
  }

  /**
   * {@link #optimize(String, Budget, Consumer)} without a progress callback.
   *
   * @param workflow the workflow's name
   * @param budget the campaign's budget
   * @return the outcome
   * @throws IOException if the journal cannot be written
   */
  public OptimizationOutcome optimize(String workflow, Budget budget) throws IOException {
    return optimize(workflow, budget, null);
  }

  /**
   * Feeds production measurements of a workflow to its optimizer (journaled first); when the
   * optimizer then reports drift, starts a new campaign with the drift budget and applies its
   * result.
   *
   * @param workflow the workflow's name
   * @param observations measurements of production traffic (typically of the applied
   *     configuration), priced like the manager's own
   * @return the re-optimization's outcome if drift was detected, else empty
   * @throws IOException if the journal cannot be written
   * @throws IllegalArgumentException if an observation's configuration is outside the space
   */
  public Optional<OptimizationOutcome> observeProduction(String workflow, List<Observation> observations)
      throws IOException {
    Checks.notNull("observations", observations);
    Run run = run(workflow);
    if (observations.isEmpty()) {
      return Optional.empty();
    }
    for (Observation o : observations) {
      Checks.notNull("observation", o);
      run.mw.space().toIndices(o.configuration()); // rejects configurations outside the space before journaling
    }
    run.group++;
    for (Observation o : observations) {
      run.journal.append(new JournalRecord.Observed(run.journal.nextSeq(), run.campaign, run.group,
          JournalRecord.Observed.PRODUCTION, o));
    }
    run.optimizer.observe(observations);
    maybeSnapshot(run);
    if (!run.optimizer.driftDetected()) {
      return Optional.empty();
    }
    startCampaign(run, "drift");
    LOG.warn("workflow {}: optimizer reports drift; re-optimizing (campaign {}, budget {})", workflow, run.campaign,
        driftBudget);
    for (ManagerListener l : listeners) {
      l.onDrift(workflow, run.campaign);
    }
    return Optional.of(runCampaign(run, driftBudget, null));
  }

  /**
   * Profiles the applied configuration once and passes the result to {@link #observeProduction}
   * (a periodic check for hosts that cannot observe production latency directly).
   *
   * @param workflow the workflow's name
   * @return the re-optimization's outcome if drift was detected, else empty
   * @throws IOException if the journal cannot be written
   * @throws IllegalStateException if no configuration was applied yet
   */
  public Optional<OptimizationOutcome> profileApplied(String workflow) throws IOException {
    Run run = run(workflow);
    Configuration applied = run.applied.orElseThrow(
        () -> new IllegalStateException("workflow '" + workflow + "' has no applied configuration yet"));
    List<ProfileResult> r = platform.profile(run.mw.workflow(), List.of(applied), run.mw.profileRequest());
    if (r.size() != 1) {
      throw new IllegalStateException("platform returned " + r.size() + " results for 1 configuration");
    }
    return observeProduction(workflow, List.of(price(run.mw, r.get(0), clock.instant())));
  }

  /**
   * Where a workflow stands.
   *
   * @param workflow the workflow's name
   * @return its status
   */
  public WorkflowStatus status(String workflow) {
    Run run = run(workflow);
    return new WorkflowStatus(workflow, run.journal.file(), run.replayed, run.restored, run.campaign,
        run.campaignEvaluations, run.totalEvaluations, run.unprofiled().size(), run.optimizer.bestFeasible(),
        run.applied);
  }

  /**
   * The names of the registered workflows, in registration order.
   *
   * @return the names of the registered workflows, in registration order
   */
  public List<String> workflows() {
    return List.copyOf(runs.keySet());
  }

  /**
   * The optimizer of a workflow (read-only use: e.g. to list observations for a report).
   *
   * @param workflow the workflow's name
   * @return its optimizer
   */
  public ConstrainedBatchOptimizer optimizer(String workflow) {
    return run(workflow).optimizer;
  }

  private Run run(String workflow) {
    Checks.notNull("workflow", workflow);
    Run run = runs.get(workflow);
    if (run == null) {
      throw new IllegalArgumentException("workflow '" + workflow + "' is not registered; registered: " + runs.keySet());
    }
    return run;
  }

  private void startCampaign(Run run, String reason) throws IOException {
    int campaign = run.campaign + 1;
    Instant at = clock.instant();
    run.journal.append(new JournalRecord.CampaignStarted(run.journal.nextSeq(), campaign, reason, at));
    run.campaign = campaign;
    run.campaignStart = at;
    run.campaignEvaluations = 0;
    run.pendingBatch = List.of();
    run.pendingObserved.clear();
  }

  private OptimizationOutcome runCampaign(Run run, Budget budget, Consumer<BatchProgress> progress)
      throws IOException {
    String name = run.mw.name();
    int profiledNow = 0;
    String stop;
    prewarm(run, true);
    try {
      while (true) {
        Duration elapsed = elapsed(run);
        int remaining = budget.remainingEvaluations(run.campaignEvaluations);
        if (remaining == 0) {
          stop = "evaluation budget spent (" + run.campaignEvaluations + "/" + budget.maxEvaluations().getAsInt() + ")";
          break;
        }
        if (budget.wallTimeSpent(elapsed)) {
          stop = "wall-time budget spent (" + elapsed + " >= " + budget.maxWallTime().orElseThrow() + ")";
          break;
        }
        List<Configuration> toProfile = run.unprofiled();
        if (!toProfile.isEmpty()) {
          toProfile = toProfile.subList(0, Math.min(remaining, toProfile.size()));
          LOG.info("workflow {}: profiling {} configuration(s) suggested before a restart", name, toProfile.size());
        } else {
          List<Configuration> batch = run.optimizer.suggest(Math.min(batchSize, remaining));
          if (batch.isEmpty()) {
            stop = "search space exhausted";
            break;
          }
          run.journal.append(new JournalRecord.Suggested(run.journal.nextSeq(), run.campaign, batch));
          run.pendingBatch = List.copyOf(batch);
          run.pendingObserved.clear();
          toProfile = run.pendingBatch;
        }
        List<ProfileResult> results = platform.profile(run.mw.workflow(), toProfile, run.mw.profileRequest());
        if (results.size() != toProfile.size()) {
          throw new IllegalStateException("platform returned " + results.size() + " results for "
              + toProfile.size() + " configurations");
        }
        Instant now = clock.instant();
        List<Observation> observations = new ArrayList<>(results.size());
        for (ProfileResult r : results) {
          observations.add(price(run.mw, r, now));
        }
        run.group++;
        for (Observation o : observations) {
          run.journal.append(new JournalRecord.Observed(run.journal.nextSeq(), run.campaign, run.group,
              JournalRecord.Observed.PROFILE, o));
          run.campaignEvaluations++;
          run.totalEvaluations++;
          run.pendingObserved.add(o.configuration());
        }
        run.optimizer.observe(observations);
        profiledNow += observations.size();
        maybeSnapshot(run);
        BatchProgress p = new BatchProgress(name, run.campaign, run.campaignEvaluations, budget, elapsed(run),
            observations, run.optimizer.bestFeasible());
        LOG.info("workflow {} campaign {}: {} evaluations, best feasible {}", name, run.campaign,
            run.campaignEvaluations, p.bestFeasible().map(o -> o.configuration() + " cost=" + o.cost()
                + " latency=" + o.latency()).orElse("none yet"));
        for (ManagerListener l : listeners) {
          l.onBatch(p);
        }
        if (progress != null) {
          progress.accept(p);
        }
      }
    } finally {
      prewarm(run, false);
    }
    Optional<Observation> best = run.optimizer.bestFeasible();
    if (best.isPresent()) {
      Configuration c = best.get().configuration();
      if (!run.applied.equals(Optional.of(c))) {
        run.journal.append(new JournalRecord.Applied(run.journal.nextSeq(), run.campaign, c, best.get().cost(),
            best.get().latency()));
        run.applied = Optional.of(c);
      }
      platform.apply(run.mw.workflow(), c);
      LOG.info("workflow {}: applied {} (cost {}, latency {} <= {})", name, c, best.get().cost(),
          best.get().latency(), run.mw.qos().boundSeconds());
      for (ManagerListener l : listeners) {
        l.onApplied(name, best.get());
      }
    } else {
      LOG.warn("workflow {}: no configuration met the QoS target; production configuration left unchanged", name);
      stop = stop + "; no feasible configuration found";
    }
    return new OptimizationOutcome(name, run.campaign, run.campaignEvaluations, profiledNow, best, run.applied, stop);
  }

  private Duration elapsed(Run run) {
    Duration d = Duration.between(run.campaignStart, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void maybeSnapshot(Run run) {
    if (snapshotEvery == 0 || run.snapshotsDisabled || ++run.batchesSinceSnapshot < snapshotEvery) {
      return;
    }
    run.batchesSinceSnapshot = 0;
    try {
      run.journal.writeSnapshot(run.optimizer::exportState);
    } catch (IOException | RuntimeException e) {
      LOG.warn("workflow {}: cannot snapshot optimizer {} ({}); restarts will replay the journal", run.mw.name(),
          optimizers.name(), e.toString());
      run.snapshotsDisabled = true;
    }
  }

  private void prewarm(Run run, boolean on) {
    int n = run.mw.prewarmContainers();
    if (n == 0) {
      return;
    }
    Map<FunctionId, Integer> floors = new LinkedHashMap<>();
    for (FunctionId f : run.mw.workflow().functions()) {
      floors.put(f, on ? n : 0);
    }
    if (pool != null) {
      pool.setMinimumTargets(floors);
    }
    if (on) {
      try {
        platform.setPrewarmTargets(floors);
      } catch (UnsupportedOperationException e) {
        LOG.warn("platform {} cannot prewarm before profiling: {}", platform.name(), e.getMessage());
      }
    }
  }

  /**
   * Prices a profile result with the workflow's cost model (see {@link ManagedWorkflow}).
   *
   * @param mw the workflow
   * @param r the result
   * @param now the observation's timestamp
   * @return the observation
   */
  static Observation price(ManagedWorkflow mw, ProfileResult r, Instant now) {
    Observation o = r.toObservation(mw.qos(), now);
    int n = r.latencies().length;
    if (n == 0) {
      return o;
    }
    CostModel cm = mw.costModel();
    double cost = Checks.nonNegative("repriced cost",
        (cm.cost(1.0, 0.0, r.vcpuSeconds()) + cm.cost(0.0, 1024.0, r.gbSeconds())) / n);
    OptionalDouble variance = OptionalDouble.empty();
    if (o.costVariance().isPresent() && o.cost() > 0) {
      double scale = cost / o.cost();
      variance = OptionalDouble.of(o.costVariance().getAsDouble() * scale * scale);
    }
    // Each stage is repriced from its own billed resources, so the stages keep adding up to the cost.
    Map<String, StageObservation> stages = new LinkedHashMap<>();
    o.stages().forEach((name, so) -> {
      StageProfile p = r.stages().get(name);
      double stageCost = (cm.cost(1.0, 0.0, p.vcpuSeconds()) + cm.cost(0.0, 1024.0, p.gbSeconds())) / n;
      stages.put(name, new StageObservation(so.latency(), Checks.nonNegative("repriced cost of stage " + name,
          stageCost), so.runFraction()));
    });
    return new Observation(o.configuration(), cost, o.latency(), variance, o.latencyVariance(), o.timestamp(),
        o.flags(), o.note(), stages);
  }

  /** A stable description of a problem, stored in the journal header and compared on restart. */
  static String fingerprint(OptimizationProblem p) {
    StringBuilder sb = new StringBuilder();
    sb.append("workflow=").append(p.workflow().name()).append("; stages=");
    for (Stage s : p.workflow().stages()) {
      sb.append(s.name()).append(':').append(s.function().value()).append(',');
    }
    sb.append("; edges=");
    for (Edge e : p.workflow().edges()) {
      sb.append(e.from()).append('>').append(e.to()).append('@').append(e.probability()).append('x')
          .append(e.multiplicity()).append(',');
    }
    sb.append("; space=");
    for (Parameter q : p.space().parameters()) {
      sb.append(q.key()).append('[').append(q.knob().kind()).append(' ').append(q.knob().min()).append(',')
          .append(q.knob().max()).append(',').append(q.knob().step()).append("],");
    }
    sb.append("; qos=").append(p.qos().statistic()).append("<=").append(p.qos().boundSeconds());
    return sb.toString();
  }

  /** Closes every journal. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Run run : runs.values()) {
      try {
        run.journal.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    runs.clear();
    if (first != null) {
      throw first;
    }
  }

  /** Builds a {@link ResourceManager}; every setter may be called once. */
  public static final class Builder {
    private FaasPlatform platform;
    private ConstrainedBatchOptimizer.Provider optimizers;
    private Path journalDirectory;
    private Clock clock;
    private Integer batchSize;
    private Long seed;
    private Budget driftBudget;
    private ContainerPoolScheduler pool;
    private Integer snapshotEvery;
    private final List<ManagerListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * The platform to profile on and apply to (required).
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
     * Creates (and restores) the optimizers (required).
     *
     * @param provider the optimizer provider
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder optimizer(ConstrainedBatchOptimizer.Provider provider) {
      Checks.notYetSet("optimizer", this.optimizers);
      this.optimizers = Checks.notNull("provider", provider);
      return this;
    }

    /**
     * Uses the optimizer provider registered under {@code name} (e.g. {@code "gp-qnei"}).
     *
     * @param name the provider's name
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if no such provider is on the class path
     */
    public Builder optimizer(String name) {
      return optimizer(Providers.optimizerProvider(Checks.nonBlank("name", name)));
    }

    /**
     * The journal directory (required); created if missing.
     *
     * @param directory the directory
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder journalDirectory(Path directory) {
      Checks.notYetSet("journalDirectory", this.journalDirectory);
      this.journalDirectory = Checks.notNull("directory", directory);
      return this;
    }

    /**
     * The clock for timestamps and wall-time budgets; default the platform's clock.
     *
     * @param clock the clock
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      Checks.notYetSet("clock", this.clock);
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Configurations per suggested batch; default 3.
     *
     * @param q the batch size, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder batchSize(int q) {
      Checks.notYetSet("batchSize", this.batchSize);
      this.batchSize = Checks.positive("batchSize", q);
      return this;
    }

    /**
     * The seed of new optimizers; default 42 (a journal keeps its own seed).
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
     * The budget of a re-optimization after drift; default 15 evaluations.
     *
     * @param budget the budget
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder driftBudget(Budget budget) {
      Checks.notYetSet("driftBudget", this.driftBudget);
      this.driftBudget = Checks.notNull("budget", budget);
      return this;
    }

    /**
     * The pool scheduler to ask for prewarmed containers while profiling; default none (the
     * manager then sets prewarm targets on the platform directly).
     *
     * @param pool the pool scheduler
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder pool(ContainerPoolScheduler pool) {
      Checks.notYetSet("pool", this.pool);
      this.pool = Checks.notNull("pool", pool);
      return this;
    }

    /**
     * Snapshot the optimizer every {@code batches} batches; 0 never (restarts then replay the
     * whole journal); default 1.
     *
     * @param batches the period, {@code >= 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder snapshotEvery(int batches) {
      Checks.notYetSet("snapshotEvery", this.snapshotEvery);
      this.snapshotEvery = Checks.nonNegative("snapshotEvery", batches);
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder (for chaining)
     */
    public Builder listener(ManagerListener listener) {
      listeners.add(Checks.notNull("listener", listener));
      return this;
    }

    /**
     * Builds the manager.
     *
     * @return the manager
     * @throws IllegalStateException if the platform, optimizer or journal directory is missing
     */
    public ResourceManager build() {
      if (platform == null) {
        throw new IllegalStateException("platform is required");
      }
      if (optimizers == null) {
        throw new IllegalStateException("optimizer is required");
      }
      if (journalDirectory == null) {
        throw new IllegalStateException("journalDirectory is required");
      }
      return new ResourceManager(this);
    }
  }
}
