package dev.aquatope.gp.stages;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.LatencyStatistic;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.Parameter;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.StageObservation;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GpHyperparameters;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.state.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A workflow's per-stage surrogates composed through its DAG: the structured prior mean of the
 * end-to-end models.
 *
 * <p>Why: with {@code n} stages of 3 knobs each, the end-to-end models see 70 observations in
 * {@code 3n} dimensions, and they extrapolate badly to corners the search has not visited (the
 * cheapest configurations typically sit in one: little CPU and memory, high concurrency). But
 * each stage's latency and cost depend mostly on its own knobs, and every observation measures
 * every stage: each stage's surrogate sees the same 70 observations in only 3 dimensions, where
 * they cover the space densely. Composed, they predict the end-to-end figures of unvisited
 * configurations far better; the end-to-end GPs then model only what the composition misses
 * (tail effects of the QoS statistic, interference, failures).
 *
 * <p>Per stage: a GP on {@code log(latency)} and one on {@code log(cost per workflow invocation)}
 * over the stage's knobs ({@link StageObservation}), with a learned noise; or, optionally, instead
 * of the latter one on the stage's <em>cost rate</em> {@code log(cost / (runFraction x
 * latency))}, and the stage's log cost per workflow invocation is then
 * {@code log(p) + mean_latency + mean_rate}, with {@code p} its median run fraction, and its
 * variance the sum of the two GPs' variances. Why the rate: a stage's cost is its billed time
 * times a price per second of its resources, so execution-time noise and interference scale cost
 * and latency alike and cancel in the rate, and so does the sampling noise of a conditional
 * stage's run fraction. Costs measured under the benchmarks' interference were 5-30% off the
 * noise-free ones; the rate depends smoothly on the knobs (the price of CPU and memory, sharing
 * under concurrency), so a change of memory or concurrency worth 1-3% of the cost can be learned
 * from a few dozen measurements, where a GP on the log cost itself sees mostly noise. But a
 * stage's latency also holds waits that are not billed (cold starts, queueing for a container),
 * so the rate is not only a price, and the latency GP's errors enter the cost: measured on the
 * benchmark workflows, the rate makes the safe search's small steps much cheaper (social-network)
 * and the plain search's big ones a little worse (fanout(4)); see the aquatope-gp README.
 *
 * <p>A stage without knobs, or with fewer than {@value #MIN_POINTS} measurements, is a constant
 * (the mean of its logs); a stage never measured contributes nothing. Composition:
 * <ul>
 *   <li>cost: the sum of the stages' costs per workflow invocation (the cost of an invocation is
 *       the sum of its stages' costs exactly);
 *   <li>latency: the longest path through the DAG, each stage weighing {@code exp(mean)}; a stage
 *       behind a conditional branch (median {@link StageObservation#runFraction()} below 1) runs
 *       in some invocations only, so the paths of every combination of such stages (taken as
 *       independent, up to {@value #MAX_BRANCH_STAGES} of them) are weighed by their probability
 *       and reduced with the QoS statistic: the mean of the mixture, or its quantile. This
 *       approximates the statistic of the end-to-end latency; the end-to-end GP corrects it.
 * </ul>
 * The composed values are returned in log units ({@link #logCost}, {@link #logLatency}).
 * Predictions are cached per stage sub-point (candidates of one search share most of them).
 * Thread-safe once built.
 */
public final class StageComposition {
  /** Measurements a stage needs before it gets a GP rather than a constant. */
  public static final int MIN_POINTS = 5;
  /** Floor of a measured latency or cost before the log (a stage that took no time or cost nothing). */
  private static final double FLOOR = 1e-12;
  /** Conditional stages enumerated at most (2^k scenarios); beyond, the rarest count as always running. */
  public static final int MAX_BRANCH_STAGES = 6;
  /** A stage running in at least this fraction of the invocations counts as always running. */
  private static final double ALWAYS = 0.995;

  private final List<String> stageNames;
  private final int[][] dims;
  /** Per stage in topological order: indices of its predecessors. */
  private final int[][] predecessors;
  private final int[] topological;
  private final Member[] latency;
  private final Member[] cost;
  private final boolean[] measured;
  private final LatencyStatistic statistic;
  /** Per scenario: its probability and which stages run. */
  private final double[] scenarioProbability;
  private final boolean[][] scenarioRuns;
  private final List<ConcurrentHashMap<Key, double[]>> cache;
  /** Per stage: the log of its run probability (the rate form's cost is per workflow invocation). */
  private final double[] logRunProbability;
  /** Whether the cost members model the stage's cost rate (else its log cost directly). */
  private final boolean costRate;

  /** One stage's surrogate of one quantity: a GP, or a constant when {@code gp} is null. */
  private record Member(GaussianProcess gp, double constant) {
    double mean(double[] sub) {
      return gp == null ? constant : gp.posteriorMean(new double[][] {sub})[0];
    }

    double variance(double[] sub) {
      return gp == null ? 0.0 : Math.max(gp.posteriorVariance(new double[][] {sub})[0], 0.0);
    }
  }

  /** A stage sub-point as a hash key. */
  private record Key(double[] v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(v, k.v);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(v);
    }
  }

  private StageComposition(List<String> stageNames, int[][] dims, int[][] predecessors, int[] topological,
      Member[] latency, Member[] cost, boolean[] measured, double[] runProbability, LatencyStatistic statistic,
      boolean costRate) {
    this.stageNames = stageNames;
    this.costRate = costRate;
    this.statistic = statistic;
    List<Integer> branch = new ArrayList<>();
    for (int s = 0; s < runProbability.length; s++) {
      if (measured[s] && runProbability[s] < ALWAYS) {
        branch.add(s);
      }
    }
    // the most frequent conditional stages beyond the cap count as always running
    branch.sort((a, b) -> Double.compare(runProbability[a], runProbability[b]));
    if (branch.size() > MAX_BRANCH_STAGES) {
      branch = new ArrayList<>(branch.subList(0, MAX_BRANCH_STAGES));
    }
    int k = branch.size();
    scenarioProbability = new double[1 << k];
    scenarioRuns = new boolean[1 << k][];
    for (int mask = 0; mask < 1 << k; mask++) {
      boolean[] runs = measured.clone();
      double pr = 1;
      for (int j = 0; j < k; j++) {
        int s = branch.get(j);
        boolean on = (mask & (1 << j)) != 0;
        runs[s] = on;
        pr *= on ? runProbability[s] : 1 - runProbability[s];
      }
      scenarioProbability[mask] = pr;
      scenarioRuns[mask] = runs;
    }
    this.dims = dims;
    this.predecessors = predecessors;
    this.topological = topological;
    this.latency = latency;
    this.cost = cost;
    this.measured = measured;
    this.logRunProbability = new double[runProbability.length];
    for (int s = 0; s < runProbability.length; s++) {
      logRunProbability[s] = Math.log(Math.max(runProbability[s], FLOOR));
    }
    this.cache = new ArrayList<>();
    for (int s = 0; s < stageNames.size(); s++) {
      cache.add(new ConcurrentHashMap<>());
    }
  }

  /**
   * Fits every stage's surrogates by MAP on the observations given, the cost ones on the log cost.
   *
   * @param workflow the workflow
   * @param space its configuration space (the order of the unit-cube coordinates)
   * @param statistic the QoS statistic of the end-to-end latency (and of each stage's latency)
   * @param x unit-cube coordinates of each observation, same order as {@code observations}
   * @param observations the training observations (those without a stage's measurement are
   *     skipped for that stage)
   * @param gp options of the stage GPs (the kernel structure, if any, is dropped)
   * @param seed seed of the fits' restarts
   * @return the composition
   * @throws IllegalArgumentException if the lists' sizes differ or a point has the wrong length
   */
  public static StageComposition fit(Workflow workflow, ConfigSpace space, LatencyStatistic statistic,
      List<double[]> x, List<Observation> observations, GpOptions gp, long seed) {
    return fit(workflow, space, statistic, x, observations, gp, seed, false);
  }

  /**
   * Fits every stage's surrogates by MAP on the observations given, the cost ones on the log
   * cost or on the cost rate (see the class comment).
   *
   * @param workflow the workflow
   * @param space its configuration space (the order of the unit-cube coordinates)
   * @param statistic the QoS statistic of the end-to-end latency (and of each stage's latency)
   * @param x unit-cube coordinates of each observation, same order as {@code observations}
   * @param observations the training observations (those without a stage's measurement are
   *     skipped for that stage)
   * @param gp options of the stage GPs (the kernel structure, if any, is dropped)
   * @param seed seed of the fits' restarts
   * @param costRate whether each stage's cost GP models its cost rate rather than its log cost
   * @return the composition
   * @throws IllegalArgumentException if the lists' sizes differ or a point has the wrong length
   */
  public static StageComposition fit(Workflow workflow, ConfigSpace space, LatencyStatistic statistic,
      List<double[]> x, List<Observation> observations, GpOptions gp, long seed, boolean costRate) {
    return build(workflow, space, statistic, x, observations, gp, seed, null, costRate);
  }

  /**
   * Rebuilds a composition with saved hyperparameters (no fitting), on the same observations it
   * was fitted on: the result predicts exactly as the saved one did.
   *
   * @param workflow the workflow
   * @param space its configuration space
   * @param statistic the QoS statistic of the end-to-end latency
   * @param x unit-cube coordinates of each observation
   * @param observations the observations it was fitted on
   * @param gp options of the stage GPs
   * @param states the saved hyperparameters, one per stage of the workflow
   * @return the composition
   * @throws IllegalArgumentException if the states do not match the workflow's stages
   */
  public static StageComposition rebuild(Workflow workflow, ConfigSpace space, LatencyStatistic statistic,
      List<double[]> x, List<Observation> observations, GpOptions gp, List<StageModelState> states) {
    Checks.notNull("states", states);
    List<Stage> stages = workflow.stages();
    if (states.size() != stages.size()) {
      throw new IllegalArgumentException("states must have one entry per stage (" + stages.size() + "), had "
          + states.size());
    }
    for (int s = 0; s < stages.size(); s++) {
      if (!stages.get(s).name().equals(states.get(s).stage())) {
        throw new IllegalArgumentException("states[" + s + "] is of stage '" + states.get(s).stage()
            + "', expected '" + stages.get(s).name() + "'");
      }
    }
    // the saved states say which form was fitted (older states: the log cost)
    return build(workflow, space, statistic, x, observations, gp, 0L, states,
        states.stream().allMatch(StageModelState::costRate));
  }

  private static StageComposition build(Workflow workflow, ConfigSpace space, LatencyStatistic statistic,
      List<double[]> x, List<Observation> observations, GpOptions gp, long seed, List<StageModelState> states,
      boolean costRate) {
    Checks.notNull("workflow", workflow);
    Checks.notNull("space", space);
    Checks.notNull("statistic", statistic);
    Checks.notNull("x", x);
    Checks.notNull("observations", observations);
    Checks.notNull("gp", gp);
    if (x.size() != observations.size()) {
      throw new IllegalArgumentException("x and observations must have the same size, were " + x.size() + " and "
          + observations.size());
    }
    List<Stage> stages = workflow.stages();
    int n = stages.size();
    List<String> names = stages.stream().map(Stage::name).toList();
    Map<String, Integer> index = new HashMap<>();
    for (int s = 0; s < n; s++) {
      index.put(names.get(s), s);
    }
    int[][] dims = new int[n][];
    List<Parameter> params = space.parameters();
    for (int s = 0; s < n; s++) {
      List<Integer> d = new ArrayList<>();
      for (int j = 0; j < params.size(); j++) {
        if (params.get(j).stage().equals(names.get(s))) {
          d.add(j);
        }
      }
      dims[s] = d.stream().mapToInt(Integer::intValue).toArray();
    }
    int[][] preds = new int[n][];
    for (int s = 0; s < n; s++) {
      preds[s] = workflow.predecessors(names.get(s)).stream().map(Edge::from).mapToInt(index::get).toArray();
    }
    GpOptions stageGp = gp.withStructure(null);
    Member[] lat = new Member[n];
    Member[] cst = new Member[n];
    boolean[] measured = new boolean[n];
    double[] runProbability = new double[n];
    List<Runnable> fits = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      List<double[]> xs = new ArrayList<>();
      List<Double> yl = new ArrayList<>();
      List<Double> yc = new ArrayList<>();
      List<Double> fractions = new ArrayList<>();
      for (int i = 0; i < observations.size(); i++) {
        StageObservation so = observations.get(i).stages().get(names.get(s));
        if (so == null) {
          continue;
        }
        double[] u = x.get(i);
        if (u.length != params.size()) {
          throw new IllegalArgumentException("x[" + i + "] must have " + params.size() + " coordinates, had "
              + u.length);
        }
        xs.add(sub(u, dims[s]));
        yl.add(Math.log(Math.max(so.latency(), FLOOR)));
        double logCost = Math.log(Math.max(so.cost(), FLOOR));
        yc.add(costRate ? logCost - Math.log(Math.max(so.latency(), FLOOR)) - Math.log(Math.max(so.runFraction(), FLOOR))
            : logCost);
        fractions.add(so.runFraction());
      }
      measured[s] = !xs.isEmpty();
      runProbability[s] = median(fractions);
      StageModelState st = states == null ? null : states.get(s);
      int stage = s;
      fits.add(() -> lat[stage] = member(xs, yl, stageGp, Seeds.derive(seed, 2 * stage + 1, 0),
          st == null ? null : st.latency(), states != null));
      fits.add(() -> cst[stage] = member(xs, yc, stageGp, Seeds.derive(seed, 2 * stage + 2, 0),
          st == null ? null : st.cost(), states != null));
    }
    // The fits are independent and seeded each: running them in parallel changes nothing but the time.
    fits.parallelStream().forEach(Runnable::run);
    return new StageComposition(names, dims, preds, topologicalOrder(preds), lat, cst, measured, runProbability,
        statistic, costRate);
  }

  /** The median (a workflow's branch probability, robust to the odd profile), 1 when empty. */
  private static double median(List<Double> v) {
    if (v.isEmpty()) {
      return 1.0;
    }
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
  }

  private static Member member(List<double[]> xs, List<Double> ys, GpOptions gp, long seed, GpHyperparameters saved,
      boolean rebuilding) {
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    double mean = Arrays.stream(y).average().orElse(0.0);
    boolean useGp = rebuilding ? saved != null : y.length >= MIN_POINTS && xs.get(0).length > 0;
    if (!useGp) {
      return new Member(null, mean);
    }
    double[][] x = xs.toArray(new double[0][]);
    GaussianProcess model = rebuilding
        ? GaussianProcess.withHyperparameters(x, y, null, saved, gp)
        : GaussianProcess.fit(x, y, null, gp.withSeed(seed));
    return new Member(model, mean);
  }

  private static double[] sub(double[] u, int[] d) {
    double[] out = new double[d.length];
    for (int k = 0; k < d.length; k++) {
      out[k] = u[d[k]];
    }
    return out;
  }

  private static int[] topologicalOrder(int[][] preds) {
    int n = preds.length;
    int[] order = new int[n];
    boolean[] done = new boolean[n];
    int k = 0;
    while (k < n) {
      boolean progress = false;
      for (int s = 0; s < n; s++) {
        if (done[s]) {
          continue;
        }
        boolean ready = true;
        for (int p : preds[s]) {
          ready &= done[p];
        }
        if (ready) {
          done[s] = true;
          order[k++] = s;
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalArgumentException("the workflow's edges form a cycle");
      }
    }
    return order;
  }

  /**
   * {@code {log latency, log cost, variance of log latency, variance of log cost}} of stage
   * {@code s} at the sub-point of {@code u}, cached.
   */
  private double[] stagePrediction(int s, double[] u) {
    double[] key = sub(u, dims[s]);
    return cache.get(s).computeIfAbsent(new Key(key), k -> {
      double lm = latency[s].mean(k.v);
      double lv = latency[s].variance(k.v);
      if (costRate) {
        return new double[] {lm, lm + cost[s].mean(k.v) + logRunProbability[s], lv, lv + cost[s].variance(k.v)};
      }
      return new double[] {lm, cost[s].mean(k.v), lv, cost[s].variance(k.v)};
    });
  }

  /**
   * How uncertain {@link #logCost} is at {@code u} as far as the stage models know: the
   * delta-method variance {@code sum_s share_s^2 var_s}, with {@code share_s} the stage's share of
   * the composed cost and {@code var_s} the posterior variance of its log cost (the sum of its
   * latency and cost-rate GPs' variances).
   *
   * @param u a point of the unit cube (the space's coordinates). Not modified.
   * @return the variance in squared log units, {@code >= 0}
   */
  public double logCostVariance(double[] u) {
    double total = Math.exp(logCost(u));
    double v = 0;
    for (int s = 0; s < stageNames.size(); s++) {
      if (measured[s]) {
        double[] p = stagePrediction(s, u);
        double share = Math.exp(p[1]) / total;
        v += share * share * p[3];
      }
    }
    return v;
  }

  /**
   * The composed log cost of one workflow invocation at {@code u}: {@code log sum_s exp(mean_s)}.
   *
   * @param u a point of the unit cube (the space's coordinates). Not modified.
   * @return the log cost
   */
  public double logCost(double[] u) {
    double max = Double.NEGATIVE_INFINITY;
    double[] v = new double[stageNames.size()];
    for (int s = 0; s < v.length; s++) {
      v[s] = measured[s] ? stagePrediction(s, u)[1] : Double.NEGATIVE_INFINITY;
      max = Math.max(max, v[s]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return Math.log(FLOOR);
    }
    double sum = 0;
    for (double x : v) {
      sum += Math.exp(x - max);
    }
    return max + Math.log(sum);
  }

  /**
   * The composed log latency at {@code u}: the log of the QoS statistic, over the scenarios of the
   * conditional stages, of the longest path through the DAG, each running stage weighing
   * {@code exp(mean_s)}.
   *
   * @param u a point of the unit cube (the space's coordinates). Not modified.
   * @return the log latency
   */
  public double logLatency(double[] u) {
    int n = stageNames.size();
    double[] weight = new double[n];
    for (int s = 0; s < n; s++) {
      weight[s] = measured[s] ? Math.exp(stagePrediction(s, u)[0]) : 0.0;
    }
    return logLatencyOf(weight);
  }

  /**
   * How uncertain {@link #logLatency} is at {@code u} as far as the stage models know: the
   * delta-method variance {@code sum_s (d logLatency / d log w_s)^2 var_s} over the stages'
   * posterior variances of their log latency (the sensitivity is the stage's share of the
   * critical path, taken numerically). Far from a stage's observations its variance grows, so an
   * unexplored combination is not trusted more than the stage models can vouch for.
   *
   * @param u a point of the unit cube (the space's coordinates). Not modified.
   * @return the variance in squared log units, {@code >= 0}
   */
  public double logLatencyVariance(double[] u) {
    int n = stageNames.size();
    double[] weight = new double[n];
    double[] variance = new double[n];
    for (int s = 0; s < n; s++) {
      if (measured[s]) {
        double[] p = stagePrediction(s, u);
        weight[s] = Math.exp(p[0]);
        variance[s] = p[2];
      }
    }
    double base = logLatencyOf(weight);
    double h = 1e-4;
    double total = 0;
    for (int s = 0; s < n; s++) {
      if (variance[s] > 0) {
        double w = weight[s];
        weight[s] = w * Math.exp(h);
        double g = (logLatencyOf(weight) - base) / h;
        weight[s] = w;
        total += g * g * variance[s];
      }
    }
    return total;
  }

  private double logLatencyOf(double[] weight) {
    int n = weight.length;
    int m = scenarioProbability.length;
    double[] path = new double[m];
    double[] finish = new double[n];
    for (int sc = 0; sc < m; sc++) {
      boolean[] runs = scenarioRuns[sc];
      double longest = 0;
      for (int s : topological) {
        double start = 0;
        for (int p : predecessors[s]) {
          start = Math.max(start, finish[p]);
        }
        finish[s] = start + (runs[s] ? weight[s] : 0.0);
        longest = Math.max(longest, finish[s]);
      }
      path[sc] = longest;
    }
    return Math.log(Math.max(reduce(path), FLOOR));
  }

  /** The QoS statistic of the scenario mixture of path lengths. */
  private double reduce(double[] path) {
    if (path.length == 1) {
      return path[0];
    }
    if (statistic.quantile().isEmpty()) {
      double mean = 0;
      for (int sc = 0; sc < path.length; sc++) {
        mean += scenarioProbability[sc] * path[sc];
      }
      return mean;
    }
    Integer[] order = new Integer[path.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(path[a], path[b]));
    double cumulative = 0;
    for (int i : order) {
      cumulative += scenarioProbability[i];
      if (cumulative >= statistic.quantile().getAsDouble() - 1e-12) {
        return path[i];
      }
    }
    return path[order[order.length - 1]];
  }

  /** The fitted hyperparameters per stage (null for constants), to save and {@link #rebuild}. */
  public List<StageModelState> state() {
    List<StageModelState> out = new ArrayList<>();
    for (int s = 0; s < stageNames.size(); s++) {
      out.add(new StageModelState(stageNames.get(s), latency[s].gp == null ? null : latency[s].gp.hyperparameters(),
          cost[s].gp == null ? null : cost[s].gp.hyperparameters(), costRate));
    }
    return out;
  }

  /** Number of stages with at least one measurement. */
  public int measuredStages() {
    int k = 0;
    for (boolean b : measured) {
      k += b ? 1 : 0;
    }
    return k;
  }
}
