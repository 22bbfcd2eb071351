package dev.aquatope.gp;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.acquisition.AcquisitionFunction;
import dev.aquatope.gp.acquisition.ConstrainedQNoisyExpectedImprovement;
import dev.aquatope.gp.acquisition.SafeSetFilter;
import dev.aquatope.gp.anomaly.Anomaly;
import dev.aquatope.gp.anomaly.AnomalyOptions;
import dev.aquatope.gp.anomaly.LooAnomalyFilter;
import dev.aquatope.gp.anomaly.LooResiduals;
import dev.aquatope.gp.anomaly.LooTarget;
import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GpHyperparameters;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.model.LeaveOneOut;
import dev.aquatope.gp.model.PriorMean;
import dev.aquatope.gp.optim.Grid;
import dev.aquatope.gp.optim.GridPoint;
import dev.aquatope.gp.optim.GridSearchOptions;
import dev.aquatope.gp.optim.SequentialGreedyBatch;
import dev.aquatope.gp.sampling.SobolEngine;
import dev.aquatope.gp.stages.StageComposition;
import dev.aquatope.gp.stages.StageModelState;
import dev.aquatope.gp.state.ObservationState;
import dev.aquatope.gp.state.Seeds;
import dev.aquatope.gp.state.StateCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.special.Erf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Constrained batch Bayesian optimization of a workflow's resources: two Gaussian processes (cost
 * and latency), constrained q-noisy expected improvement, sequential greedy batches on the
 * configuration grid, a leave-one-out outlier filter and drift detection.
 *
 * <pre>{@code
 * GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(problem).seed(42).build();
 * opt.observe(platform.evaluate(opt.suggest(10)));        // initial Sobol design
 * for (int i = 0; i < 20; i++) {
 *   opt.observe(platform.evaluate(opt.suggest(3)));
 * }
 * Optional<Observation> best = opt.bestFeasible();
 * }</pre>
 *
 * <p><b>One suggest.</b> The first {@code nInit} points are a scrambled Sobol design decoded to
 * distinct grid points, the first of which is (with {@link GpBatchOptimizerOptions#anchorFastest()})
 * the most generous configuration, so that a feasible incumbent is usually known from the start; the
 * other design points lie in the part of each resource range that {@link GpBatchOptimizerOptions#designRange()}
 * gives (the whole range by default; the generous part under safe exploration, so that the design
 * rarely violates the target). Afterwards: (1) the outlier filter flags observations outside the
 * leave-one-out interval ({@link ObservationFlag#OUTLIER}); (2) the cost GP is fitted on the
 * unflagged, non-failed observations and the latency GP on the unflagged ones, where a
 * {@link ObservationFlag#FAILED} observation (e.g. out of memory) enters with a latency of at least
 * twice the bound and the slowest successful observation, so the model learns that region is
 * infeasible; when the observations carry per-stage measurements ({@link Observation#stages()}),
 * both GPs model only the residual around a structured prior mean, per-stage GPs over each stage's
 * own knobs composed through the workflow's DAG ({@link StageComposition}; {@link
 * GpBatchOptimizerOptions#stageModels()}); (3) until some observation is
 * feasible the acquisition is the expected latency improvement over the fastest observation,
 * afterwards constrained qNEI, under safe exploration restricted to the safe set, the candidates
 * whose predictive probability of meeting the target is at least
 * {@link GpBatchOptimizerOptions#minFeasibilityProbability()} and, with a
 * {@link GpBatchOptimizerOptions#safeRadius()}, that lie near a configuration measured to meet it
 * ({@link SafeSetFilter}); (4)
 * the batch is chosen point by point with the earlier points pending, never repeating an observed
 * or pending grid point.
 *
 * <p><b>Randomness and state.</b> Every random choice of a call comes from a stream derived from
 * {@code (seed, purpose, call counter)} ({@link Seeds}), so the whole state is the observations,
 * the pending points, a few counters and the last models' hyperparameters. {@link #exportState}
 * writes it as JSON; {@link GpBatchOptimizerProvider#restore} rebuilds an optimizer whose next
 * suggestions are identical.
 *
 * <p>Not thread-safe.
 */
public final class GpBatchOptimizer implements ConstrainedBatchOptimizer {
  /** The ServiceLoader name. */
  public static final String NAME = "gp-qnei";
  /** The default seed. */
  public static final long DEFAULT_SEED = 42L;
  /** The default {@link GpBatchOptimizerOptions#minFeasibilityProbability()}: no safe set (plain constrained qNEI). */
  public static final double DEFAULT_MIN_FEASIBILITY_PROBABILITY = 0.0;
  /** The default {@link GpBatchOptimizerOptions#designRange()}: the design covers the whole space. */
  public static final double DEFAULT_DESIGN_RANGE = 1.0;
  /**
   * The safe-set threshold of {@link Builder#safeExploration()}: the only setting measured that
   * explored with fewer QoS violations than CLITE on every benchmark workflow (aquatope-gp README).
   */
  public static final double SAFE_MIN_FEASIBILITY_PROBABILITY = 0.95;
  /** The design range of {@link Builder#safeExploration()}. */
  public static final double SAFE_DESIGN_RANGE = 0.5;
  /** The default {@link GpBatchOptimizerOptions#safeRadius()}: no neighbourhood. */
  public static final double DEFAULT_SAFE_RADIUS = 0.0;
  /**
   * The neighbourhood of {@link Builder#safeExploration()}: on manager-bench at moderate noise
   * (3 seeds) 0.5, 0.75 and 1 all kept the QoS-violating explorations below CLITE's on every
   * workflow, 1 found the cheapest configurations (aquatope-gp README).
   */
  public static final double SAFE_RADIUS = 1.0;

  private static final Logger LOG = LoggerFactory.getLogger(GpBatchOptimizer.class);
  private static final int STATE_VERSION = 1;
  private static final int STREAM_DESIGN = 1;
  private static final int STREAM_FIT_COST = 2;
  private static final int STREAM_FIT_LATENCY = 3;
  private static final int STREAM_RAW = 4;
  private static final int STREAM_ACQ = 5;
  private static final int STREAM_MOVES = 6;
  private static final int STREAM_FIT_STAGES = 7;
  /**
   * Under safe exploration with per-stage models, the smallest standard deviation (log units) of
   * the composed prior mean the safe set assumes. The stage GPs' own variances miss the
   * composition's structural error (the longest path of stage statistics is not the statistic of
   * the end-to-end latency) and the search picks exactly the candidates whose prediction errs
   * low: without the floor, ml-pipeline explored with 2-4 times more QoS violations at a
   * probability threshold of 0.95, and still as many at 0.99; with 0.1 (about 10%, the drift
   * check's floor too) about as few as without per-stage models, keeping most of their cost gain.
   */
  static final double SAFE_STAGE_MIN_STD = 0.1;
  /** Fits per suggest are numbered below this, so fit seeds of different suggests never collide. */
  private static final int FITS_PER_SUGGEST = 1 << 12;

  private final OptimizationProblem problem;
  private final GpBatchOptimizerOptions options;
  private final long seed;
  private final Grid grid;
  private final SequentialGreedyBatch selector;
  /** The GP options with the kernel structure of {@link GpBatchOptimizerOptions#kernelLayout()}. */
  private final GpOptions modelGp;
  private final List<Observation> observations = new ArrayList<>();
  private final LinkedHashSet<GridPoint> pending = new LinkedHashSet<>();
  private final DriftDetector driftDetector;
  private SobolEngine design;
  private long designDrawn;
  private int designIssued;
  private int reexploreLeft;
  private long suggestCount;
  private boolean driftDetected;
  private int driftCount;
  private double lastAcquisitionValue = Double.NaN;
  private Models models;
  /** Fits of the current suggest, to give each its own seed (reset at every suggest). */
  private int fitCounter;
  /**
   * The first observation the recommendation may return: after drift, the latest possible change
   * point (0 before any drift).
   */
  private int recommendFrom;

  private GpBatchOptimizer(OptimizationProblem problem, GpBatchOptimizerOptions options, long seed) {
    this.problem = problem;
    this.options = options;
    this.seed = seed;
    this.grid = new Grid(problem.space());
    this.selector = new SequentialGreedyBatch(grid, options.search());
    this.modelGp = options.kernelLayout().apply(options.gp(), problem.space());
    this.design = new SobolEngine(grid.dimension(), true, Seeds.derive(seed, STREAM_DESIGN, 0));
    this.driftDetector = new DriftDetector(options.drift());
  }

  /**
   * A builder with the prototype's defaults (10 initial points, batches of 3, 32 MC samples,
   * 10 restarts, outlier filter on at 95%).
   *
   * @param problem the problem to solve
   * @return a new builder
   * @throws IllegalArgumentException if {@code problem} is null
   */
  public static Builder newBuilder(OptimizationProblem problem) {
    return new Builder(Checks.notNull("problem", problem));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OptimizationProblem problem() {
    return problem;
  }

  /**
   * The settings.
   *
   * @return the options
   */
  public GpBatchOptimizerOptions options() {
    return options;
  }

  /**
   * The seed of every random choice.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Proposes a batch of the configured {@link GpBatchOptimizerOptions#batchSize()}.
   *
   * @return the batch
   */
  public List<Configuration> suggest() {
    return suggest(options.batchSize());
  }

  @Override
  public List<Configuration> suggest(int q) {
    Checks.positive("q", q);
    long call = suggestCount++;
    List<GridPoint> out = new ArrayList<>();
    Set<GridPoint> excluded = excludedPoints();
    int designWanted = Math.min(q, Math.max(0, options.nInit() - designIssued) + reexploreLeft);
    for (int i = 0; i < designWanted; i++) {
      GridPoint p = nextDesignPoint(excluded);
      if (p == null) {
        break;
      }
      out.add(p);
      excluded.add(p);
      if (reexploreLeft > 0) {
        reexploreLeft--;
      } else {
        designIssued++;
      }
    }
    if (out.size() < q) {
      List<GridPoint> more = modelBased(q - out.size(), call, excluded, out);
      out.addAll(more);
      for (GridPoint p : more) {
        excluded.add(p);
      }
      // Too little data for a model: keep drawing design points.
      while (out.size() < q) {
        GridPoint p = nextDesignPoint(excluded);
        if (p == null) {
          break;
        }
        out.add(p);
        excluded.add(p);
      }
    }
    pending.addAll(out);
    return out.stream().map(grid::configurationOf).toList();
  }

  /** The grid points never to propose: pending ones and every observation not stale. */
  private Set<GridPoint> excludedPoints() {
    Set<GridPoint> ex = new HashSet<>(pending);
    for (Observation o : observations) {
      if (!o.flags().contains(ObservationFlag.STALE)) {
        ex.add(grid.pointOf(o.configuration()));
      }
    }
    return ex;
  }

  private GridPoint nextDesignPoint(Set<GridPoint> excluded) {
    GridPoint restart = reexplorePoint(excluded);
    if (restart != null) {
      return restart;
    }
    if (options.anchorFastest() && designDrawn == 0) {
      designDrawn++;
      GridPoint anchor = fastestPoint();
      if (!excluded.contains(anchor)) {
        return anchor;
      }
    }
    // A few thousand draws always suffice unless the grid is (nearly) exhausted.
    for (int attempt = 0; attempt < 4096; attempt++) {
      double[] u = design.draw(1)[0];
      designDrawn++;
      GridPoint p = grid.nearest(towardGenerous(clampUnit(u)));
      if (!excluded.contains(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The next fresh point after drift, or null for a Sobol point: first the most generous
   * configuration (when {@link GpBatchOptimizerOptions#anchorFastest()}), so that a configuration
   * feasible under the new behaviour is usually known at once, then the cheapest configurations
   * that were feasible before the change, measured again under the new behaviour (their old
   * observations are stale); a candidate already observed or pending gives way to a Sobol point.
   */
  private GridPoint reexplorePoint(Set<GridPoint> excluded) {
    if (driftCount == 0 || reexploreLeft <= 0) {
      return null;
    }
    int k = options.drift().reexplore() - reexploreLeft;
    List<GridPoint> restart = new ArrayList<>();
    if (options.anchorFastest()) {
      restart.add(fastestPoint());
    }
    observations.stream()
        .filter(o -> o.flags().equals(Set.of(ObservationFlag.STALE)) && o.isFeasible(problem.qos()))
        .sorted(Comparator.comparingDouble(Observation::cost))
        .map(o -> grid.pointOf(o.configuration())).distinct().forEach(restart::add);
    GridPoint p = k < restart.size() ? restart.get(k) : null;
    return p == null || excluded.contains(p) ? null : p;
  }

  /**
   * The configuration most likely to meet any latency target: CPU and memory at their maximum,
   * concurrency at its minimum (no sharing of a container), other knobs at their middle level.
   */
  private GridPoint fastestPoint() {
    int[] idx = new int[grid.dimension()];
    for (int i = 0; i < idx.length; i++) {
      int levels = grid.levels(i);
      idx[i] = switch (problem.space().parameters().get(i).knob().kind()) {
        case CPU, MEMORY -> levels - 1;
        case CONCURRENCY -> 0;
        case OTHER -> levels / 2;
      };
    }
    return new GridPoint(idx);
  }

  /**
   * Maps a design point into the generous part of the space ({@link GpBatchOptimizerOptions#designRange()}):
   * CPU and memory into the top fraction of their range, concurrency into the bottom fraction,
   * other knobs unchanged. A range of 1 keeps the point.
   */
  private double[] towardGenerous(double[] u) {
    double r = options.designRange();
    if (r == 1) {
      return u;
    }
    for (int i = 0; i < u.length; i++) {
      switch (problem.space().parameters().get(i).knob().kind()) {
        case CPU, MEMORY -> u[i] = 1 - r * (1 - u[i]);
        case CONCURRENCY -> u[i] = r * u[i];
        case OTHER -> { }
      }
    }
    return u;
  }

  private static double[] clampUnit(double[] u) {
    // Sobol points lie in [0, 1); the guard only protects against rounding at the boundary.
    for (int i = 0; i < u.length; i++) {
      u[i] = Math.min(1.0, Math.max(0.0, u[i]));
    }
    return u;
  }

  private List<GridPoint> modelBased(int q, long call, Set<GridPoint> excluded, List<GridPoint> designThisCall) {
    long fitStart = System.nanoTime();
    Models m = fitModels(call);
    long fitNanos = System.nanoTime() - fitStart;
    if (m == null) {
      return List.of();
    }
    models = m;
    List<double[]> basePending = new ArrayList<>();
    for (GridPoint p : pending) {
      basePending.add(grid.toUnit(p));
    }
    for (GridPoint p : designThisCall) {
      basePending.add(grid.toUnit(p));
    }
    double bound = modelLatency(problem.qos().boundSeconds());
    Function<double[][], AcquisitionFunction> acquisition;
    if (hasFeasibleObservation()) {
      long acqSeed = Seeds.derive(seed, STREAM_ACQ, call);
      // Built (baseline pruning, cached root, best_f) once per suggest; every greedy step only
      // swaps the pending points (withPending shares the baseline caches).
      ConstrainedQNoisyExpectedImprovement[] built = new ConstrainedQNoisyExpectedImprovement[1];
      // Safe set: only candidates that probably meet the bound are scored (off at 0).
      SafeSetFilter safe = safeSet(m, bound);
      acquisition = pend -> {
        if (built[0] == null) {
          built[0] = ConstrainedQNoisyExpectedImprovement.newBuilder()
              .costModel(m.cost).latencyModel(m.latency).latencyBound(bound)
              .baseline(m.costX).pending(pend).mcSamples(options.mcSamples()).seed(acqSeed)
              .eta(options.eta()).log(options.logAcquisition()).cacheRoot(true)
              .pruneBaseline(options.pruneBaseline()).build();
          return safe.restrict(built[0]);
        }
        return safe.restrict(built[0].withPending(pend));
      };
    } else {
      // No feasible point yet: qNEI has no incumbent, so first drive the latency down with the
      // log expected improvement over the fastest observation (probability of feasibility alone
      // is too greedy: on small feasible regions it kept sampling just outside them).
      double fastest = fastestModelLatency(m);
      acquisition = pend -> candidates -> logExpectedLatencyImprovement(m.latency, candidates, fastest);
    }
    double[][] raw = new SobolEngine(grid.dimension(), true, Seeds.derive(seed, STREAM_RAW, call))
        .draw(options.search().rawSamples());
    for (double[] u : raw) {
      clampUnit(u);
    }
    SplittableRandom rng = Seeds.random(seed, STREAM_MOVES, call);
    SequentialGreedyBatch.Selection s = selector.select(q, acquisition, basePending.toArray(new double[0][]),
        excluded, raw, rng);
    lastAcquisitionValue = s.maxValue();
    LOG.debug("suggest #{}: {} points, max acquisition {}, {} evaluations, fit {} ms ({} fits), total {} ms", call,
        s.points().size(), lastAcquisitionValue, s.evaluations(), fitNanos / 1_000_000, fitCounter,
        (System.nanoTime() - fitStart) / 1_000_000);
    return s.points();
  }

  /** The smallest latency (model units) among the latency model's successful observations. */
  private double fastestModelLatency(Models m) {
    double best = Double.POSITIVE_INFINITY;
    for (int i : m.latencyIndices) {
      Observation o = observations.get(i);
      if (!o.flags().contains(ObservationFlag.FAILED)) {
        best = Math.min(best, modelLatency(o.latency()));
      }
    }
    return Double.isFinite(best) ? best : modelLatency(2 * problem.qos().boundSeconds());
  }

  /**
   * {@code log E[max(0, best - latency(x))]} for the first candidate, from the latent posterior:
   * {@code log(sigma) + log(z Phi(z) + phi(z))} with {@code z = (best - mean) / sigma}, using the
   * asymptote {@code log phi(z) - 2 log|z|} where the closed form underflows (z below -6).
   */
  static double logExpectedLatencyImprovement(GaussianProcess latency, double[][] x, double best) {
    double mean = latency.posteriorMean(x)[0];
    double sigma = Math.sqrt(Math.max(latency.posteriorVariance(x)[0], 1e-18));
    double z = (best - mean) / sigma;
    double logPhi = -0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
    if (z < -6) {
      return Math.log(sigma) + logPhi - 2 * Math.log(-z);
    }
    double h = z * 0.5 * Erf.erfc(-z / Math.sqrt(2)) + Math.exp(logPhi);
    return Math.log(sigma) + Math.log(Math.max(h, Double.MIN_NORMAL));
  }

  /**
   * The safe set of this suggest: the threshold on the predictive probability of meeting the
   * bound and, with a {@link GpBatchOptimizerOptions#safeRadius()}, the neighbourhood of the
   * usable observations measured feasible (there is at least one when this is called).
   */
  private SafeSetFilter safeSet(Models m, double bound) {
    SafeSetFilter safe = new SafeSetFilter(m.latency, bound, SafeSetFilter.noiseVariance(m.latency),
        options.minFeasibilityProbability(),
        priorMeanVariance(m.stages, false, SAFE_STAGE_MIN_STD * SAFE_STAGE_MIN_STD));
    if (options.safeRadius() == 0 || options.minFeasibilityProbability() == 0) {
      return safe;
    }
    List<double[]> anchors = new ArrayList<>();
    for (Observation o : observations) {
      if (usable(o) && o.isFeasible(problem.qos())) {
        anchors.add(grid.toUnit(grid.pointOf(o.configuration())));
      }
    }
    return safe.withNeighbourhood(anchors.toArray(new double[0][]), options.safeRadius());
  }

  private boolean hasFeasibleObservation() {
    for (Observation o : observations) {
      if (usable(o) && o.isFeasible(problem.qos())) {
        return true;
      }
    }
    return false;
  }

  private static boolean usable(Observation o) {
    return !o.flags().contains(ObservationFlag.OUTLIER) && !o.flags().contains(ObservationFlag.STALE);
  }

  // ---------------------------------------------------------------------------------- models

  /** The two fitted models and the observations they were fitted on. */
  private record Models(GaussianProcess cost, int[] costIndices, double[][] costX, double costScale,
      GaussianProcess latency, int[] latencyIndices, double latencyScale, StageComposition stages,
      int[] stageIndices) {}

  /**
   * How overconfident a model is: the robust spread of its standardized leave-one-out residuals
   * (median |z| / 0.6745, which is 1 for a calibrated model), at least 1. Drift z-scores are
   * divided by it, so that a model whose reported per-point variances understate the real noise
   * does not see every new observation as a surprise.
   */
  private static double calibrationScale(GaussianProcess gp, double[] y) {
    if (y.length < 3) {
      return 1;
    }
    LeaveOneOut loo = gp.leaveOneOut();
    double[] mean = loo.mean();
    double[] std = loo.std();
    double[] z = new double[y.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.abs(y[i] - mean[i]) / Math.max(std[i], 1e-12);
    }
    java.util.Arrays.sort(z);
    double med = z.length % 2 == 1 ? z[z.length / 2] : 0.5 * (z[z.length / 2 - 1] + z[z.length / 2]);
    return Math.max(1, med / 0.6745);
  }

  /** Training data of one model. */
  private record Dataset(int[] indices, double[][] x, double[] y, double[] yVar) {}

  private double modelCost(double cost) {
    // Costs of 0 can only come from degenerate measurements; a tiny floor keeps the log finite.
    return options.logTransform() ? Math.log(Math.max(cost, 1e-12)) : cost;
  }

  private double modelLatency(double latency) {
    return options.logTransform() ? Math.log(Math.max(latency, 1e-9)) : latency;
  }

  /**
   * The latency a model sees for an observation: a failed one (e.g. out of memory) counts as at
   * least as slow as the slowest successful observation and at least twice the bound. Reporting
   * just "twice the bound" is not enough: when successful but infeasible configurations are
   * slower than that, the model would learn that the out-of-memory region is the fastest one and
   * the search would keep proposing it.
   */
  private double latencyOf(Observation o, double failedLatency) {
    return o.flags().contains(ObservationFlag.FAILED) ? Math.max(o.latency(), failedLatency) : o.latency();
  }

  private double failedLatency() {
    double worst = 2 * problem.qos().boundSeconds();
    for (Observation o : observations) {
      if (o.flags().isEmpty()) {
        worst = Math.max(worst, o.latency());
      }
    }
    return worst;
  }

  private Dataset dataset(boolean cost, Set<Integer> removed) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < observations.size(); i++) {
      Observation o = observations.get(i);
      if (!o.flags().contains(ObservationFlag.STALE) && !removed.contains(i)
          && !(cost && o.flags().contains(ObservationFlag.FAILED))) {
        idx.add(i);
      }
    }
    int n = idx.size();
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] yVar = new double[n];
    boolean allVar = options.useReportedVariance();
    double failedLatency = failedLatency();
    for (int k = 0; k < n; k++) {
      Observation o = observations.get(idx.get(k));
      x[k] = grid.toUnit(grid.pointOf(o.configuration()));
      double raw = cost ? o.cost() : latencyOf(o, failedLatency);
      y[k] = cost ? modelCost(raw) : modelLatency(raw);
      var v = cost ? o.costVariance() : o.latencyVariance();
      if (v.isEmpty() || (!cost && o.flags().contains(ObservationFlag.FAILED))) {
        allVar = false;
      } else {
        // Delta method for the log transform: Var(log Y) ~ Var(Y) / Y^2.
        yVar[k] = options.logTransform() ? v.getAsDouble() / Math.max(raw * raw, 1e-300) : v.getAsDouble();
      }
    }
    return new Dataset(idx.stream().mapToInt(Integer::intValue).toArray(), x, y, allVar ? yVar : null);
  }

  private GpOptions gpOptions(int stream, long call, int fit) {
    return modelGp.withSeed(Seeds.derive(seed, stream, call * FITS_PER_SUGGEST + fit));
  }

  /** A model re-fitted by the outlier filter on each round. */
  private final class FilterTarget implements LooTarget {
    private final boolean cost;
    private final long call;
    private PriorMean mean;
    private Dataset lastData;
    private GaussianProcess lastModel;
    private Set<Integer> lastRemoved;

    FilterTarget(boolean cost, long call, StageComposition stages) {
      this.cost = cost;
      this.call = call;
      this.mean = priorMean(stages, cost);
    }

    /** Switches to another prior mean; the next fit is a fresh one. */
    void use(StageComposition stages) {
      this.mean = priorMean(stages, cost);
      this.lastRemoved = null;
    }

    @Override
    public String name() {
      return cost ? "cost" : "latency";
    }

    @Override
    public LooResiduals fitWithout(Set<Integer> removed) {
      fit(removed);
      if (lastModel == null) {
        return new LooResiduals(new int[0], new double[0], new double[0], new double[0]);
      }
      LeaveOneOut loo = lastModel.leaveOneOut();
      return new LooResiduals(lastData.indices(), lastData.y(), loo.mean(), loo.std());
    }

    void fit(Set<Integer> removed) {
      if (lastRemoved != null && lastRemoved.equals(removed)) {
        return;
      }
      lastRemoved = new HashSet<>(removed);
      lastData = dataset(cost, removed);
      lastModel = lastData.indices().length < 2 ? null : fitWithRetries(lastData, cost, call, mean);
    }
  }

  /**
   * Fits a GP; a fit that throws (a numerical failure) is retried with fresh restart seeds, up to
   * three attempts, then reported as no model (the caller falls back to design points).
   */
  private GaussianProcess fitWithRetries(Dataset d, boolean cost, long call, PriorMean mean) {
    int stream = cost ? STREAM_FIT_COST : STREAM_FIT_LATENCY;
    for (int attempt = 0; ; attempt++) {
      try {
        return GaussianProcess.fit(d.x(), d.y(), d.yVar(), gpOptions(stream, call, fitCounter++), mean);
      } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
        LOG.warn("{} model fit failed (attempt {}): {}", cost ? "cost" : "latency", attempt + 1, e.toString());
        if (attempt == 2) {
          return null;
        }
      }
    }
  }

  /**
   * The observations the per-stage models learn from: every one with per-stage measurements that
   * is neither stale, nor an outlier, nor in {@code removed} (failed ones included: their
   * successful invocations measured the stages).
   */
  private int[] stageTrainingIndices(Set<Integer> removed) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < observations.size(); i++) {
      Observation o = observations.get(i);
      if (!o.stages().isEmpty() && usable(o) && !removed.contains(i)) {
        idx.add(i);
      }
    }
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The per-stage models of the given observations, or null when off, too few or the fit failed. */
  private StageComposition fitStages(int[] indices, long call) {
    if (!options.stageModels() || indices.length < StageComposition.MIN_POINTS) {
      return null;
    }
    try {
      return StageComposition.fit(problem.workflow(), problem.space(), problem.qos().statistic(),
          stageInputs(indices), stageObservations(indices), options.gp(),
          Seeds.derive(seed, STREAM_FIT_STAGES, call * FITS_PER_SUGGEST + fitCounter++), options.stageCostRate());
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      LOG.warn("per-stage models failed, using a constant prior mean: {}", e.toString());
      return null;
    }
  }

  private List<double[]> stageInputs(int[] indices) {
    List<double[]> x = new ArrayList<>();
    for (int i : indices) {
      x.add(grid.toUnit(grid.pointOf(observations.get(i).configuration())));
    }
    return x;
  }

  private List<Observation> stageObservations(int[] indices) {
    List<Observation> out = new ArrayList<>();
    for (int i : indices) {
      out.add(observations.get(i));
    }
    return out;
  }

  /** The prior mean a composition gives the cost or latency model, in model units; null for none. */
  private PriorMean priorMean(StageComposition stages, boolean cost) {
    if (stages == null) {
      return null;
    }
    if (options.logTransform()) {
      return cost ? stages::logCost : stages::logLatency;
    }
    return cost ? u -> Math.exp(stages.logCost(u)) : u -> Math.exp(stages.logLatency(u));
  }

  /**
   * The variance of the cost or latency model's prior mean in model units: the per-stage models'
   * delta-method variance on the log scale, at least {@code minLogVariance}, times the squared
   * composed value without the log transform; 0 without per-stage models. The safe set and the
   * drift check then trust an unexplored combination of stage settings only as far as the stage
   * models can vouch for it.
   */
  private ToDoubleFunction<double[]> priorMeanVariance(StageComposition stages, boolean cost,
      double minLogVariance) {
    if (stages == null) {
      return u -> 0.0;
    }
    ToDoubleFunction<double[]> logVariance = cost ? stages::logCostVariance : stages::logLatencyVariance;
    ToDoubleFunction<double[]> floored = u -> Math.max(logVariance.applyAsDouble(u), minLogVariance);
    if (options.logTransform()) {
      return floored;
    }
    ToDoubleFunction<double[]> logValue = cost ? stages::logCost : stages::logLatency;
    return u -> {
      double v = Math.exp(logValue.applyAsDouble(u));
      return v * v * floored.applyAsDouble(u);
    };
  }

  private Models fitModels(long call) {
    fitCounter = 0;
    Set<Integer> flagged = new HashSet<>();
    for (int i = 0; i < observations.size(); i++) {
      if (observations.get(i).flags().contains(ObservationFlag.OUTLIER)) {
        flagged.add(i);
      }
    }
    int[] stageIdx = stageTrainingIndices(flagged);
    StageComposition stages = fitStages(stageIdx, call);
    FilterTarget cost = new FilterTarget(true, call, stages);
    FilterTarget latency = new FilterTarget(false, call, stages);
    Set<Integer> removed = new HashSet<>();
    if (options.anomalyDetection()) {
      List<Integer> active = new ArrayList<>();
      Set<Integer> already = new HashSet<>();
      for (int i = 0; i < observations.size(); i++) {
        Observation o = observations.get(i);
        if (!o.flags().contains(ObservationFlag.STALE)) {
          active.add(i);
          if (o.flags().contains(ObservationFlag.OUTLIER)) {
            already.add(i);
          }
        }
      }
      List<Anomaly> found = new LooAnomalyFilter(options.anomaly()).filter(List.of(cost, latency), active.size(),
          already);
      for (Anomaly a : found) {
        observations.set(a.index(), observations.get(a.index()).withFlag(ObservationFlag.OUTLIER, a.note()));
        removed.add(a.index());
        LOG.debug("observation {} flagged: {}", a.index(), a.note());
      }
    }
    Set<Integer> excludedFromModels = new HashSet<>();
    for (int i = 0; i < observations.size(); i++) {
      if (observations.get(i).flags().contains(ObservationFlag.OUTLIER)) {
        excludedFromModels.add(i);
      }
    }
    if (stages != null && !removed.isEmpty()) {
      // new outliers: the per-stage models must not learn from them either
      stageIdx = stageTrainingIndices(excludedFromModels);
      stages = fitStages(stageIdx, call);
      cost.use(stages);
      latency.use(stages);
    }
    cost.fit(excludedFromModels);
    latency.fit(excludedFromModels);
    if (cost.lastModel == null || latency.lastModel == null) {
      return null;
    }
    return new Models(cost.lastModel, cost.lastData.indices(), cost.lastData.x(),
        calibrationScale(cost.lastModel, cost.lastData.y()), latency.lastModel, latency.lastData.indices(),
        calibrationScale(latency.lastModel, latency.lastData.y()), stages, stages == null ? null : stageIdx);
  }

  // ---------------------------------------------------------------------------------- observe

  @Override
  public void observe(List<Observation> evaluations) {
    Checks.notNull("evaluations", evaluations);
    for (Observation o : evaluations) {
      Checks.notNull("evaluation", o);
      checkOnGrid(o.configuration());
    }
    driftDetected = false;
    int batchSurprises = 0;
    int cap = options.drift().batchSurprises();
    for (Observation o : evaluations) {
      Boolean surprise = judgeDrift(o);
      if (Boolean.TRUE.equals(surprise) && ++batchSurprises > cap && cap > 0) {
        surprise = false; // correlated evidence: see DriftOptions#batchSurprises
      }
      observations.add(o);
      pending.remove(grid.pointOf(o.configuration()));
      if (surprise == null) {
        driftDetector.clear();
      } else if (driftDetector.record(surprise)) {
        onDrift();
      }
    }
  }

  private void checkOnGrid(Configuration c) {
    ConfigSpace space = problem.space();
    if (c.values().size() != space.dimension()) {
      throw new IllegalArgumentException("configuration must set exactly the " + space.dimension()
          + " parameters of the space, was " + c);
    }
    Configuration snapped = space.fromIndices(space.toIndices(c));
    for (Map.Entry<String, Double> e : c.values().entrySet()) {
      double v = e.getValue();
      double g = snapped.get(e.getKey());
      if (Math.abs(v - g) > 1e-9 * Math.max(1, Math.abs(g))) {
        throw new IllegalArgumentException("configuration is not on the grid: " + e.getKey() + "=" + v
            + ", nearest level " + g);
      }
    }
  }

  /**
   * Judges a new observation for drift against the last fitted hyperparameters conditioned on
   * every earlier observation that is not stale, not an outlier and not a surprise of the drift
   * window (no refit: one Cholesky per model).
   *
   * @return whether it is a surprise, or null when detection is inactive (disabled, no fitted
   *     model, or fewer than {@link DriftOptions#minObservations()} observations to condition on)
   */
  private Boolean judgeDrift(Observation o) {
    DriftOptions d = options.drift();
    if (!d.enabled() || models == null) {
      return null;
    }
    Set<Integer> removed = driftDetector.surprisingObservations(observations.size());
    for (int i = 0; i < observations.size(); i++) {
      if (observations.get(i).flags().contains(ObservationFlag.OUTLIER)) {
        removed.add(i);
      }
    }
    Dataset c = dataset(true, removed);
    Dataset l = dataset(false, removed);
    if (l.indices().length < d.minObservations() || c.indices().length < 2) {
      return null;
    }
    if (o.flags().contains(ObservationFlag.FAILED)) {
      return false;
    }
    GaussianProcess cost = conditioned(models.cost, c);
    GaussianProcess latency = conditioned(models.latency, l);
    double[][] x = {grid.toUnit(grid.pointOf(o.configuration()))};
    double floor = d.minPredictiveStd();
    boolean relative = !options.logTransform();
    // the per-stage models' own uncertainty at x counts like noise (0 without them)
    double zc = predictiveZ(cost, noiseInOriginalUnits(cost, c) + priorMeanVariance(models.stages, true, 0)
        .applyAsDouble(x[0]), floor, relative, x, modelCost(o.cost())) / models.costScale;
    double zl = predictiveZ(latency, noiseInOriginalUnits(latency, l) + priorMeanVariance(models.stages, false, 0)
        .applyAsDouble(x[0]), floor, relative, x, modelLatency(o.latency())) / models.latencyScale;
    LOG.debug("drift check of observation {}: z cost {} latency {} (scales {}, {})", observations.size(), zc, zl,
        models.costScale, models.latencyScale);
    return Math.max(Math.abs(zc), Math.abs(zl)) > d.zThreshold();
  }

  /** A fitted model's hyperparameters conditioned on {@code d}; the fitted model itself if that fails. */
  private static GaussianProcess conditioned(GaussianProcess fitted, Dataset d) {
    if ((d.yVar() != null) != fitted.hasFixedNoise()) {
      return fitted; // a new observation without a reported variance: the noise kinds differ
    }
    try {
      return GaussianProcess.withHyperparameters(d.x(), d.y(), d.yVar(), fitted.hyperparameters(), fitted.options(),
          fitted.priorMean().orElse(null));
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.warn("drift check: cannot condition the model on the new observations: {}", e.toString());
      return fitted;
    }
  }

  /**
   * The learned noise variance in the model's output units (the hyperparameter is in standardized
   * units); with fixed per-point noise, the median of the given variances.
   */
  private static double noiseInOriginalUnits(GaussianProcess gp, Dataset d) {
    if (d.yVar() != null) {
      double[] v = d.yVar().clone();
      java.util.Arrays.sort(v);
      return v[v.length / 2];
    }
    double sd = gp.outputStd();
    return gp.hyperparameters().noise() * sd * sd;
  }

  /**
   * The z-score of {@code y} under the model's predictive distribution at {@code x}, whose standard
   * deviation is at least {@code floor} ({@code floor * |mean|} when {@code relative}).
   */
  private static double predictiveZ(GaussianProcess gp, double noise, double floor, boolean relative, double[][] x,
      double y) {
    double mean = gp.posteriorMean(x)[0];
    double minStd = relative ? floor * Math.abs(mean) : floor;
    double var = Math.max(gp.posteriorVariance(x)[0] + noise, minStd * minStd);
    return (y - mean) / Math.sqrt(Math.max(var, 1e-18));
  }

  /**
   * Declares drift: observations before the change point (the drift window's first surprise) are
   * flagged stale with the reason, the models are dropped (the next suggest refits on the rest)
   * and fresh points are proposed first.
   */
  private void onDrift() {
    driftDetected = true;
    driftCount++;
    int n = observations.size();
    int changePoint = driftDetector.changePoint(n);
    // The models keep everything from the first surprise on, but the recommendation takes only
    // what was certainly measured after the change: a configuration measured feasible before a
    // slowdown (an earlier surprise being a misprediction, not the change) is not feasible now.
    recommendFrom = driftDetector.latestChangePoint(n);
    String reason = "stale: drift #" + driftCount + " detected at observation " + (n - 1) + " ("
        + driftDetector.surprises() + " of the last " + driftDetector.size()
        + " observations outside the model's interval), change point at observation " + changePoint;
    int stale = 0;
    for (int i = 0; i < changePoint; i++) {
      Observation o = observations.get(i);
      if (!o.flags().contains(ObservationFlag.STALE)) {
        observations.set(i, o.withFlag(ObservationFlag.STALE, reason));
        stale++;
      }
    }
    LOG.info("drift #{} detected at observation {} ({} of the last {} surprising): change point at observation {}, "
        + "{} observations now stale", driftCount, n - 1, driftDetector.surprises(), driftDetector.size(), changePoint,
        stale);
    driftDetector.clear();
    models = null;
    reexploreLeft = options.drift().reexplore();
  }

  @Override
  public List<Observation> observations() {
    return List.copyOf(observations);
  }

  /**
   * The cheapest unflagged observation that met the QoS target, where "met" is judged on the
   * measurement and, once a latency model exists, also on the model's denoised latency at that
   * configuration (the posterior mean of the latency GP refitted, with the last hyperparameters,
   * on every unflagged observation). A single noisy measurement just below the bound is then not
   * enough: with measurement noise the plain rule returns "lucky" configurations whose true
   * latency violates the target. If the model rejects every measured-feasible observation, the
   * plain rule applies. After drift, only observations from the latest possible change point on
   * are candidates (the start of the drift window's trailing run of surprises): the models also
   * learn from the surprises before it, which may be mispredicted measurements of the old
   * behaviour, but nothing measured before the change is recommended.
   *
   * @return the recommendation, or empty if nothing measured met the target
   */
  @Override
  public Optional<Observation> bestFeasible() {
    List<Integer> feasible = new ArrayList<>();
    for (int i = recommendFrom; i < observations.size(); i++) {
      Observation o = observations.get(i);
      if (o.flags().isEmpty() && o.isFeasible(problem.qos())) {
        feasible.add(i);
      }
    }
    if (feasible.isEmpty()) {
      return Optional.empty();
    }
    Comparator<Integer> byCost = Comparator.comparingDouble(i -> observations.get(i).cost());
    double[] smoothed = smoothedLatencies(feasible);
    if (smoothed != null) {
      double bound = modelLatency(problem.qos().boundSeconds());
      Optional<Integer> confirmed = java.util.stream.IntStream.range(0, feasible.size())
          .filter(k -> smoothed[k] <= bound).mapToObj(feasible::get).min(byCost);
      if (confirmed.isPresent()) {
        return Optional.of(observations.get(confirmed.get()));
      }
    }
    return feasible.stream().min(byCost).map(observations::get);
  }

  /** The latency model's posterior means at the given observations, or null without a model. */
  private double[] smoothedLatencies(List<Integer> indices) {
    if (models == null) {
      return null;
    }
    Set<Integer> outliers = new HashSet<>();
    for (int i = 0; i < observations.size(); i++) {
      if (observations.get(i).flags().contains(ObservationFlag.OUTLIER)) {
        outliers.add(i);
      }
    }
    Dataset d = dataset(false, outliers);
    if (d.indices().length < 2 || (d.yVar() == null) != !models.latency.hasFixedNoise()) {
      return null;
    }
    double[][] x = new double[indices.size()][];
    for (int k = 0; k < x.length; k++) {
      x[k] = grid.toUnit(grid.pointOf(observations.get(indices.get(k)).configuration()));
    }
    try {
      return GaussianProcess.withHyperparameters(d.x(), d.y(), d.yVar(), models.latency.hyperparameters(),
          modelGp, models.latency.priorMean().orElse(null)).posteriorMean(x);
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.warn("could not smooth latencies for the recommendation: {}", e.toString());
      return null;
    }
  }

  /**
   * Whether the latest {@link #observe} call declared drift (the flag is reset by the next
   * {@code observe}, so a caller that re-optimizes on drift reacts once per change; see
   * {@link #driftCount()} for the total). The optimizer has already reacted: observations before
   * the change point are stale and fresh points come first.
   *
   * @return whether the last observed batch revealed drift
   */
  @Override
  public boolean driftDetected() {
    return driftDetected;
  }

  /**
   * How many times drift was detected.
   *
   * @return the count
   */
  public int driftCount() {
    return driftCount;
  }

  /**
   * The early-stopping hint: the largest acquisition value of the last model-based suggest (log
   * scale when {@link GpBatchOptimizerOptions#logAcquisition()}, and the log expected latency
   * improvement while nothing feasible was observed; -1e200 or below when no candidate the last
   * search scored was in the safe set).
   *
   * @return the value, or {@code NaN} before the first model-based suggest
   */
  public double lastAcquisitionValue() {
    return lastAcquisitionValue;
  }

  /**
   * The configurations suggested and not yet observed.
   *
   * @return them in suggestion order
   */
  public List<Configuration> pending() {
    return pending.stream().map(grid::configurationOf).toList();
  }

  /**
   * The hyperparameters of the last fitted cost model.
   *
   * @return them, or empty before the first fit (or right after drift)
   */
  public Optional<GpHyperparameters> costHyperparameters() {
    return Optional.ofNullable(models).map(m -> m.cost.hyperparameters());
  }

  /**
   * The hyperparameters of the last fitted latency model.
   *
   * @return them, or empty before the first fit (or right after drift)
   */
  public Optional<GpHyperparameters> latencyHyperparameters() {
    return Optional.ofNullable(models).map(m -> m.latency.hyperparameters());
  }

  // ---------------------------------------------------------------------------------- state

  /**
   * The JSON form of a {@link GpBatchOptimizer}'s state.
   *
   * @param name the optimizer name
   * @param version the format version
   * @param parameters the space's parameter keys
   * @param seed the seed
   * @param options the settings
   * @param observations every observation with its flags
   * @param pending pending grid points (level indices)
   * @param suggestCount suggest calls so far
   * @param designDrawn Sobol design points drawn
   * @param designIssued design points proposed
   * @param reexploreLeft design points still to propose after drift
   * @param driftDetected whether the latest observe declared drift
   * @param driftCount how many times
   * @param recentSurprises the drift detector's window: whether each of the latest observations was
   *     a surprise, oldest first
   * @param lastAcquisitionValue the last max acquisition value, null for NaN
   * @param costIndices observations the last cost model was fitted on, or null
   * @param costHyperparameters its hyperparameters, or null
   * @param latencyIndices observations the last latency model was fitted on, or null
   * @param latencyHyperparameters its hyperparameters, or null
   * @param stageIndices observations the last per-stage models were fitted on, or null (none;
   *     absent in states saved before per-stage models existed)
   * @param stageModels their hyperparameters, one entry per stage, or null
   * @param recommendFrom the first observation the recommendation may return (after drift, the
   *     latest possible change point); null (older states) means 0
   */
  public record State(String name, int version, List<String> parameters, long seed, GpBatchOptimizerOptions options,
      List<ObservationState> observations, List<int[]> pending, long suggestCount, long designDrawn, int designIssued,
      int reexploreLeft, boolean driftDetected, int driftCount, List<Boolean> recentSurprises,
      Double lastAcquisitionValue, int[] costIndices, GpHyperparameters costHyperparameters, int[] latencyIndices,
      GpHyperparameters latencyHyperparameters, int[] stageIndices, List<StageModelState> stageModels,
      Integer recommendFrom) {}

  @Override
  public void exportState(OutputStream out) throws IOException {
    Checks.notNull("out", out);
    StateCodec.write(new State(NAME, STATE_VERSION, StateCodec.keys(problem.space()), seed, options,
        observations.stream().map(ObservationState::of).toList(),
        pending.stream().map(GridPoint::levels).toList(), suggestCount, designDrawn, designIssued, reexploreLeft,
        driftDetected, driftCount, driftDetector.window(),
        Double.isNaN(lastAcquisitionValue) ? null : lastAcquisitionValue,
        models == null ? null : models.costIndices, models == null ? null : models.cost.hyperparameters(),
        models == null ? null : models.latencyIndices, models == null ? null : models.latency.hyperparameters(),
        models == null ? null : models.stageIndices, models == null || models.stages == null ? null
            : models.stages.state(), recommendFrom), out);
  }

  /**
   * Restores an optimizer from {@link #exportState}.
   *
   * @param problem the problem; its parameters must match the saved ones
   * @param in the stream; not closed
   * @return the restored optimizer
   * @throws IOException if reading fails or the state does not match the problem
   */
  public static GpBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
    Checks.notNull("problem", problem);
    State s = StateCodec.readNamed(in, State.class, NAME, GpBatchOptimizer::upgradeState);
    StateCodec.checkMatches(NAME, s.name(), problem.space(), s.parameters());
    if (s.version() != STATE_VERSION) {
      throw new IOException("unsupported state version " + s.version() + ", expected " + STATE_VERSION);
    }
    try {
      GpBatchOptimizer o = new GpBatchOptimizer(problem, s.options(), s.seed());
      for (ObservationState os : s.observations()) {
        o.observations.add(os.toObservation());
      }
      for (int[] p : s.pending()) {
        GridPoint gp = new GridPoint(p);
        if (!o.grid.contains(gp)) {
          throw new IOException("pending point " + gp + " is not on the grid");
        }
        o.pending.add(gp);
      }
      o.suggestCount = s.suggestCount();
      // The anchor (the first design point with anchorFastest) counts in designDrawn without a Sobol draw.
      long sobolDrawn = s.designDrawn() - (s.options().anchorFastest() && s.designDrawn() > 0 ? 1 : 0);
      if (sobolDrawn > 0) {
        o.design.draw((int) sobolDrawn);
      }
      o.designDrawn = s.designDrawn();
      o.designIssued = s.designIssued();
      o.reexploreLeft = s.reexploreLeft();
      o.driftDetected = s.driftDetected();
      o.driftCount = s.driftCount();
      o.driftDetector.restore(s.recentSurprises());
      o.lastAcquisitionValue = s.lastAcquisitionValue() == null ? Double.NaN : s.lastAcquisitionValue();
      o.recommendFrom = s.recommendFrom() == null ? 0 : s.recommendFrom();
      if (o.recommendFrom < 0 || o.recommendFrom > o.observations.size()) {
        throw new IllegalArgumentException("recommendFrom must be in [0, " + o.observations.size() + "], was "
            + o.recommendFrom);
      }
      if (s.costHyperparameters() != null && s.latencyHyperparameters() != null) {
        o.models = o.rebuildModels(s.costIndices(), s.costHyperparameters(), s.latencyIndices(),
            s.latencyHyperparameters(), s.stageIndices(), s.stageModels());
      }
      return o;
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid gp-qnei state: " + e.getMessage(), e);
    }
  }

  /**
   * Adds the settings that states saved before they existed lack, with the values that reproduce
   * the behaviour of that time (no safe set, design over the whole space, no floor on the drift
   * check's predictive spread, per-stage cost models on the log cost, no neighbourhood, every
   * surprise of a batch counted).
   */
  private static void upgradeState(com.fasterxml.jackson.databind.node.ObjectNode tree) {
    if (tree.get("options") instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      if (!o.has("minFeasibilityProbability")) {
        o.put("minFeasibilityProbability", 0.0);
      }
      if (!o.has("designRange")) {
        o.put("designRange", 1.0);
      }
      if (!o.has("stageModels")) {
        o.put("stageModels", false);
      }
      if (!o.has("safeRadius")) {
        o.put("safeRadius", 0.0);
      }
      if (!o.has("stageCostRate")) {
        o.put("stageCostRate", false);
      }
      if (o.get("drift") instanceof com.fasterxml.jackson.databind.node.ObjectNode d) {
        if (!d.has("minPredictiveStd")) {
          d.put("minPredictiveStd", 0.0);
        }
        if (!d.has("batchSurprises")) {
          d.put("batchSurprises", 0);
        }
      }
    }
    if (tree.get("stageModels") instanceof com.fasterxml.jackson.databind.node.ArrayNode stages) {
      for (com.fasterxml.jackson.databind.JsonNode st : stages) {
        if (st instanceof com.fasterxml.jackson.databind.node.ObjectNode so && !so.has("costRate")) {
          so.put("costRate", false);
        }
      }
    }
  }

  private Models rebuildModels(int[] costIdx, GpHyperparameters ch, int[] latIdx, GpHyperparameters lh,
      int[] stageIdx, List<StageModelState> stageStates) {
    StageComposition stages = null;
    if (stageIdx != null && stageStates != null) {
      for (int i : stageIdx) {
        if (i < 0 || i >= observations.size()) {
          throw new IllegalArgumentException("stage index " + i + " is not an observation");
        }
      }
      stages = StageComposition.rebuild(problem.workflow(), problem.space(), problem.qos().statistic(),
          stageInputs(stageIdx), stageObservations(stageIdx), options.gp(), stageStates);
    }
    Dataset c = datasetOf(true, costIdx);
    Dataset l = datasetOf(false, latIdx);
    GaussianProcess cost = GaussianProcess.withHyperparameters(c.x(), c.y(), c.yVar(), ch, modelGp,
        priorMean(stages, true));
    GaussianProcess lat = GaussianProcess.withHyperparameters(l.x(), l.y(), l.yVar(), lh, modelGp,
        priorMean(stages, false));
    return new Models(cost, costIdx, c.x(), calibrationScale(cost, c.y()), lat, latIdx, calibrationScale(lat, l.y()),
        stages, stages == null ? null : stageIdx);
  }

  /** The dataset of exactly the given observations (as fitted at the time). */
  private Dataset datasetOf(boolean cost, int[] indices) {
    Set<Integer> removed = new HashSet<>();
    Set<Integer> keep = new HashSet<>();
    for (int i : indices) {
      keep.add(i);
    }
    for (int i = 0; i < observations.size(); i++) {
      if (!keep.contains(i)) {
        removed.add(i);
      }
    }
    // Flags added after the fit (e.g. STALE) must not change the rebuilt model: ignore them here.
    List<Observation> saved = new ArrayList<>(observations);
    try {
      for (int i : indices) {
        Observation o = observations.get(i);
        observations.set(i, new Observation(o.configuration(), o.cost(), o.latency(), o.costVariance(),
            o.latencyVariance(), o.timestamp(), o.flags().contains(ObservationFlag.FAILED)
                ? java.util.EnumSet.of(ObservationFlag.FAILED) : java.util.EnumSet.noneOf(ObservationFlag.class),
            o.note(), o.stages()));
      }
      return dataset(cost, removed);
    } finally {
      observations.clear();
      observations.addAll(saved);
    }
  }

  // ---------------------------------------------------------------------------------- builder

  /**
   * Builds a {@link GpBatchOptimizer}. Each setter validates its argument and may be called once.
   */
  public static final class Builder {
    private final OptimizationProblem problem;
    private final Set<String> set = new HashSet<>();
    private long seed = DEFAULT_SEED;
    private int nInit = 10;
    private int batchSize = 3;
    private int mcSamples = 32;
    private int rawSamples = GridSearchOptions.defaults().rawSamples();
    private int numRestarts = GridSearchOptions.defaults().numRestarts();
    private int maxLocalSteps = GridSearchOptions.defaults().maxLocalSteps();
    private int randomMoves = GridSearchOptions.defaults().randomMoves();
    private boolean anomalyDetection = true;
    private double confidence = AnomalyOptions.defaults().confidence();
    private double maxOutlierFraction = AnomalyOptions.defaults().maxFraction();
    private boolean familyWise = AnomalyOptions.defaults().familyWise();
    private DriftOptions drift = DriftOptions.defaults();
    private GpOptions gp = GpOptions.defaults();
    private boolean logTransform = true;
    private boolean useReportedVariance = false;
    private double eta = 1e-3;
    private boolean logAcquisition = true;
    private boolean pruneBaseline = true;
    private boolean anchorFastest = true;
    private KernelLayout kernelLayout = KernelLayout.AUTO;
    private double minFeasibilityProbability = DEFAULT_MIN_FEASIBILITY_PROBABILITY;
    private double designRange = DEFAULT_DESIGN_RANGE;
    private double safeRadius = DEFAULT_SAFE_RADIUS;
    private boolean stageCostRate;
    private boolean stageModels = true;

    private Builder(OptimizationProblem problem) {
      this.problem = problem;
    }

    private void once(String field) {
      if (!set.add(field)) {
        throw new IllegalStateException(field + " was already set");
      }
    }

    /**
     * Sets the seed of every random choice (default {@value GpBatchOptimizer#DEFAULT_SEED}).
     *
     * @param seed the seed
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder seed(long seed) {
      once("seed");
      this.seed = seed;
      return this;
    }

    /**
     * Sets the number of initial Sobol points (default 10).
     *
     * @param nInit the count, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code nInit < 1}
     * @throws IllegalStateException if already set
     */
    public Builder nInit(int nInit) {
      Checks.positive("nInit", nInit);
      once("nInit");
      this.nInit = nInit;
      return this;
    }

    /**
     * Sets the batch size of {@link GpBatchOptimizer#suggest()} (default 3).
     *
     * @param batchSize the size, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code batchSize < 1}
     * @throws IllegalStateException if already set
     */
    public Builder batchSize(int batchSize) {
      Checks.positive("batchSize", batchSize);
      once("batchSize");
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the number of quasi-Monte-Carlo samples of the acquisition (default 32).
     *
     * @param mcSamples the count, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code mcSamples < 1}
     * @throws IllegalStateException if already set
     */
    public Builder mcSamples(int mcSamples) {
      Checks.positive("mcSamples", mcSamples);
      once("mcSamples");
      this.mcSamples = mcSamples;
      return this;
    }

    /**
     * Sets the number of raw Sobol candidates scored per batch point (default 1024).
     *
     * @param rawSamples the count, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code rawSamples < 1}
     * @throws IllegalStateException if already set
     */
    public Builder rawSamples(int rawSamples) {
      Checks.positive("rawSamples", rawSamples);
      once("rawSamples");
      this.rawSamples = rawSamples;
      return this;
    }

    /**
     * Sets the number of raw candidates refined by local search (default 10).
     *
     * @param numRestarts the count, {@code >= 1} and {@code <= rawSamples} (checked by
     *     {@link #build})
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code numRestarts < 1}
     * @throws IllegalStateException if already set
     */
    public Builder numRestarts(int numRestarts) {
      Checks.positive("numRestarts", numRestarts);
      once("numRestarts");
      this.numRestarts = numRestarts;
      return this;
    }

    /**
     * Sets the cap on local-search moves per restart (default 200).
     *
     * @param maxLocalSteps the cap, {@code >= 0}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder maxLocalSteps(int maxLocalSteps) {
      Checks.nonNegative("maxLocalSteps", maxLocalSteps);
      once("maxLocalSteps");
      this.maxLocalSteps = maxLocalSteps;
      return this;
    }

    /**
     * Sets the number of random escape moves tried at each local optimum (default 20).
     *
     * @param randomMoves the count, {@code >= 0}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder randomMoves(int randomMoves) {
      Checks.nonNegative("randomMoves", randomMoves);
      once("randomMoves");
      this.randomMoves = randomMoves;
      return this;
    }

    /**
     * Switches the leave-one-out outlier filter on or off (default on).
     *
     * @param enabled whether to filter
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder anomalyDetection(boolean enabled) {
      once("anomalyDetection");
      this.anomalyDetection = enabled;
      return this;
    }

    /**
     * Sets the confidence of the outlier filter's interval (default 0.95).
     *
     * @param confidence in {@code (0, 1)}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder confidence(double confidence) {
      Checks.openUnit("confidence", confidence);
      once("confidence");
      this.confidence = confidence;
      return this;
    }

    /**
     * Sets the largest fraction of observations the filter may flag (default 0.2).
     *
     * @param fraction in {@code [0, 1)}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxOutlierFraction(double fraction) {
      if (!(fraction >= 0 && fraction < 1)) {
        throw new IllegalArgumentException("maxOutlierFraction must be in [0, 1), was " + fraction);
      }
      once("maxOutlierFraction");
      this.maxOutlierFraction = fraction;
      return this;
    }

    /**
     * Sets whether the outlier filter's confidence is family-wise over a model's points
     * (default true; see {@link AnomalyOptions#familyWise()}).
     *
     * @param familyWise whether to correct for testing every point
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder familyWiseOutlierTest(boolean familyWise) {
      once("familyWiseOutlierTest");
      this.familyWise = familyWise;
      return this;
    }

    /**
     * Sets drift detection (default {@link DriftOptions#defaults()}).
     *
     * @param drift the settings
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    public Builder drift(DriftOptions drift) {
      Checks.notNull("drift", drift);
      once("drift");
      this.drift = drift;
      return this;
    }

    /**
     * Sets the Gaussian-process settings (default {@link GpOptions#defaults()}); their seed is
     * ignored, each fit derives its own from the optimizer's seed, and their structure is replaced
     * by the {@link #kernelLayout kernel layout}'s.
     *
     * @param gp the settings
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    public Builder gpOptions(GpOptions gp) {
      Checks.notNull("gp", gp);
      once("gpOptions");
      this.gp = gp;
      return this;
    }

    /**
     * Sets whether the models see log cost and log latency (default true).
     *
     * @param logTransform whether to log-transform
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder logTransform(boolean logTransform) {
      once("logTransform");
      this.logTransform = logTransform;
      return this;
    }

    /**
     * Sets whether reported per-observation variances become fixed noise (default false: the noise
     * level is learned, which did better on the optimizer benchmark once the simulator and its
     * noise-free model agreed; see the README).
     *
     * @param use whether to use them
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder useReportedVariance(boolean use) {
      once("useReportedVariance");
      this.useReportedVariance = use;
      return this;
    }

    /**
     * Sets the temperature of the feasibility sigmoid (default 1e-3).
     *
     * @param eta the temperature, {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder eta(double eta) {
      Checks.positive("eta", eta);
      once("eta");
      this.eta = eta;
      return this;
    }

    /**
     * Sets whether to use the log form of the acquisition, qLogNEI (default true).
     *
     * @param log whether to use it
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder logAcquisition(boolean log) {
      once("logAcquisition");
      this.logAcquisition = log;
      return this;
    }

    /**
     * Sets whether to prune the qNEI baseline (default true).
     *
     * @param prune whether to prune
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder pruneBaseline(boolean prune) {
      once("pruneBaseline");
      this.pruneBaseline = prune;
      return this;
    }

    /**
     * Sets whether the first design point is the most generous configuration (default true).
     *
     * @param anchor whether to anchor the design
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder anchorFastest(boolean anchor) {
      once("anchorFastest");
      this.anchorFastest = anchor;
      return this;
    }

    /**
     * Sets the covariance structure of both models (default {@link KernelLayout#AUTO}: one
     * component per stage plus a global one when the space has more than 12 dimensions, else one
     * ARD kernel; see the README's optimizer benchmark).
     *
     * @param layout the layout
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    public Builder kernelLayout(KernelLayout layout) {
      Checks.notNull("layout", layout);
      once("kernelLayout");
      this.kernelLayout = layout;
      return this;
    }

    /**
     * Sets the safe-set threshold (default {@value GpBatchOptimizer#DEFAULT_MIN_FEASIBILITY_PROBABILITY}):
     * once something feasible was observed, the acquisition scores only candidates whose
     * predictive probability of meeting the latency bound is at least this, and the most probably
     * feasible candidates when none is; 0 switches the filter off (see the README's optimizer
     * benchmark for the trade-off between infeasible evaluations and cost).
     *
     * @param probability in {@code [0, 1)}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder minFeasibilityProbability(double probability) {
      if (!(probability >= 0 && probability < 1)) {
        throw new IllegalArgumentException("minFeasibilityProbability must be in [0, 1), was " + probability);
      }
      once("minFeasibilityProbability");
      this.minFeasibilityProbability = probability;
      return this;
    }

    /**
     * Safe exploration, for optimizing against live traffic where every profiled configuration
     * that violates QoS is felt by users: the safe-set threshold
     * {@value GpBatchOptimizer#SAFE_MIN_FEASIBILITY_PROBABILITY}, the design range
     * {@value GpBatchOptimizer#SAFE_DESIGN_RANGE}, the neighbourhood
     * {@value GpBatchOptimizer#SAFE_RADIUS} and per-stage cost-rate models
     * ({@link #stageCostRate(boolean)}). On the benchmark workflows it cuts the
     * QoS-violating evaluations 2-6 fold (below CLITE's) at a higher final cost (a few points
     * further from the oracle); the defaults (plain constrained qNEI) find cheaper configurations.
     * The resource manager's service ({@code manage}) uses it by default.
     *
     * @return this builder (for chaining)
     * @throws IllegalStateException if the threshold, the design range, the radius or the cost
     *     rate is already set
     */
    public Builder safeExploration() {
      return minFeasibilityProbability(SAFE_MIN_FEASIBILITY_PROBABILITY).designRange(SAFE_DESIGN_RANGE)
          .safeRadius(SAFE_RADIUS).stageCostRate(true);
    }

    /**
     * Whether the per-stage cost models model each stage's cost rate (its cost per second of its
     * latency) rather than its log cost (default false; see
     * {@link GpBatchOptimizerOptions#stageCostRate()}). Measured: much cheaper results under safe
     * exploration, slightly worse ones in the plain search (aquatope-gp README).
     *
     * @param enabled whether to model the cost rate
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder stageCostRate(boolean enabled) {
      once("stageCostRate");
      this.stageCostRate = enabled;
      return this;
    }

    /**
     * Sets the neighbourhood of the safe set (default {@value GpBatchOptimizer#DEFAULT_SAFE_RADIUS},
     * none; see {@link GpBatchOptimizerOptions#safeRadius()}): with a safe-set threshold, a
     * candidate must also lie within this L1 distance, in unit-cube coordinates, of a
     * configuration measured to meet QoS. No effect without a threshold.
     *
     * @param radius finite and {@code >= 0}; 0 means no neighbourhood
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder safeRadius(double radius) {
      Checks.nonNegative("safeRadius", radius);
      once("safeRadius");
      this.safeRadius = radius;
      return this;
    }

    /**
     * Sets the fraction of each resource range that the Sobol design points after the anchor
     * cover, at the generous end (default {@value GpBatchOptimizer#DEFAULT_DESIGN_RANGE}; 1 is the
     * whole range): CPU and memory in the top fraction, concurrency in the bottom fraction, other
     * knobs over their whole range.
     *
     * @param range in {@code (0, 1]}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder designRange(double range) {
      if (!(range > 0 && range <= 1)) {
        throw new IllegalArgumentException("designRange must be in (0, 1], was " + range);
      }
      once("designRange");
      this.designRange = range;
      return this;
    }

    /**
     * Sets whether per-stage measurements, when observations carry them, give both models a
     * structured prior mean composed from per-stage GPs (default true; see {@link
     * GpBatchOptimizerOptions#stageModels()}).
     *
     * @param enabled whether to use them
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder stageModels(boolean enabled) {
      once("stageModels");
      this.stageModels = enabled;
      return this;
    }

    /**
     * Builds the optimizer; the builder is not modified.
     *
     * @return the optimizer
     * @throws IllegalArgumentException if a combination of settings is invalid (e.g.
     *     {@code numRestarts > rawSamples})
     */
    public GpBatchOptimizer build() {
      GridSearchOptions search = new GridSearchOptions(rawSamples, numRestarts, maxLocalSteps, randomMoves);
      AnomalyOptions anomaly = new AnomalyOptions(confidence, maxOutlierFraction, AnomalyOptions.defaults().minPoints(),
          familyWise, AnomalyOptions.defaults().upperTailOnly());
      return new GpBatchOptimizer(problem, new GpBatchOptimizerOptions(nInit, batchSize, mcSamples, search,
          anomalyDetection, anomaly, drift, gp, logTransform, useReportedVariance, eta, logAcquisition,
          pruneBaseline, anchorFastest, kernelLayout, minFeasibilityProbability, designRange, stageModels,
          safeRadius, stageCostRate), seed);
    }
  }
}
