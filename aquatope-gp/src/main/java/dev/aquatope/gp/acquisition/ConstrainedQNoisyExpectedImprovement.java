package dev.aquatope.gp.acquisition;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.model.BaselinePosterior;
import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.numerics.PsdCholesky;
import dev.aquatope.gp.sampling.SobolNormalSampler;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.random.MersenneTwister;
import org.ejml.data.DMatrixRMaj;

/**
 * Constrained qNEI / qLogNEI over a cost GP (minimize) and a latency GP with constraint
 * {@code latency - bound <= 0} (feasible), with BoTorch 0.12 semantics.
 *
 * <p>Per MC sample k of the joint posterior over [baseline; candidates] (m = 1 or 2 independent
 * outputs): the objective is {@code -cost} (or the output itself for {@link
 * Builder#objectiveModel}), {@code best_f[k]} is the best objective over the hard-feasible
 * baseline points (if some sample has no feasible baseline point, infeasible entries count as
 * {@code -M}, where M is the infeasible cost below), and
 * <pre>{@code
 * qNEI    = mean_k max_j  max(obj[k,j] - best_f[k], 0) * sigmoid(-(latency[k,j] - bound) / eta)
 * qLogNEI = logmeanexp_k fatmax_j ( log fatplus(obj - best_f) + log fatmoid(-(latency - bound)/eta) )
 * }</pre>
 * with BoTorch's {@code tau_relu = 1e-6} and {@code tau_max = 1e-2}. {@code eta} applies to the
 * latency in its original units, as in BoTorch.
 *
 * <p>Base samples: a {@link SobolNormalSampler}(mcSamples, seed) gives common random numbers over
 * all {@link #evaluate} calls. With {@code cacheRoot} (default) the baseline samples and
 * {@code best_f} are computed once from a Sobol draw of dimension {@code nb * m}; each evaluation
 * then extends the cached baseline Cholesky root by the candidates' rows (BoTorch's
 * {@code sample_cached_cholesky}), using a draw of dimension {@code (nb + q) * m} whose first
 * {@code nb} rows are replaced by the baseline's. Without it, every evaluation samples the full
 * joint posterior. Both reproduce BoTorch to rounding.
 *
 * <p>Pending points: for qNEI they are appended after the candidates (BoTorch's
 * {@code set_X_pending}); for qLogNEI they are appended to the baseline (BoTorch's
 * {@code incremental=True}). Baseline pruning ({@link BaselinePruning}) runs on the given baseline
 * before pending points are added.
 *
 * <p>The infeasible cost M (only used when some sample has no feasible baseline point) is
 * {@code -min(0, min_x lowerBound(x))} over 32 seeded random convex combinations of the baseline,
 * where the lower bound of the objective is {@code -(mu + 6 sigma)} of the cost
 * ({@code mu - 6 sigma} for a maximized objective). Unlike BoTorch (issue #3009) the convex weights
 * are normalized over the baseline points, and the bound accounts for the negated objective.
 *
 * <p>{@link #evaluate} is thread-safe and allocation-free after the first call per thread and
 * batch size (scratch is kept per thread).
 */
public final class ConstrainedQNoisyExpectedImprovement implements AcquisitionFunction {
  private static final int INFEASIBLE_COST_POINTS = 32;

  private final GaussianProcess[] models; // [objective, latency?]
  private final double sign;
  private final double bound;
  private final boolean constrained;
  private final int m;
  private final int d;
  private final double[][] baseline;
  private final double[][] prunedBaseline; // before pending points were added (log form)
  private final double[][] pending;
  private final GaussianProcess latencyModel;
  private final long seed;
  private final int samples;
  private final double eta;
  private final boolean log;
  private final boolean cacheRoot;
  private final SobolNormalSampler sampler;
  private final BaselinePosterior[] posteriors;
  private final double[][] baselineMeans;
  private final double[] priorVariances;
  private final double infeasibleValue;
  private final double[][] baselineRoots; // cached path: per output nb x nb lower
  private final double[] bestF; // cached path: per sample
  private final double[][] baselineZ; // cached path: N x nb*m
  private final PendingRows pendingRows;
  private final ConcurrentHashMap<Integer, double[][]> drawsByQ = new ConcurrentHashMap<>();
  private final ThreadLocal<Workspace> workspaces;

  private ConstrainedQNoisyExpectedImprovement(Builder b) {
    this.sign = b.objectiveSign;
    GaussianProcess objective = b.objectiveModel;
    this.constrained = b.latencyModel != null;
    this.models = constrained ? new GaussianProcess[] {objective, b.latencyModel}
        : new GaussianProcess[] {objective};
    this.m = models.length;
    this.bound = constrained ? b.latencyBound : Double.POSITIVE_INFINITY;
    this.d = objective.dimension();
    this.samples = b.mcSamples;
    this.eta = b.eta;
    this.log = b.log;
    this.cacheRoot = b.cacheRoot;
    this.sampler = new SobolNormalSampler(samples, b.seed);
    this.latencyModel = b.latencyModel;
    this.seed = b.seed;
    double[][] base = b.baseline;
    if (b.pruneBaseline && base.length > 1) {
      int[] keep = BaselinePruning.keptIndices(objective, sign, b.latencyModel, bound, base,
          BaselinePruning.DEFAULT_SAMPLES, b.seed);
      double[][] kept = new double[keep.length][];
      for (int i = 0; i < keep.length; i++) {
        kept[i] = base[keep[i]];
      }
      base = kept;
    }
    this.prunedBaseline = base;
    if (log && b.pending.length > 0) {
      double[][] withPending = Arrays.copyOf(base, base.length + b.pending.length);
      System.arraycopy(b.pending, 0, withPending, base.length, b.pending.length);
      base = withPending;
      this.pending = new double[0][];
    } else {
      this.pending = b.pending;
    }
    this.baseline = base;
    this.posteriors = new BaselinePosterior[m];
    this.baselineMeans = new double[m][];
    this.priorVariances = new double[m];
    for (int j = 0; j < m; j++) {
      posteriors[j] = models[j].baselinePosterior(baseline);
      baselineMeans[j] = posteriors[j].mean();
      priorVariances[j] = posteriors[j].priorVariance();
    }
    this.infeasibleValue = constrained ? infeasibleObjective(b.seed) : Double.NEGATIVE_INFINITY;
    if (cacheRoot) {
      baselineRoots = BaselineSamples.roots(posteriors, 1e-4);
      baselineZ = sampler.baseSamples(baseline.length * m);
      double[][] s = BaselineSamples.draw(posteriors, baselineRoots, baselineZ);
      bestF = new double[samples];
      bestFeasible(s[0], constrained ? s[1] : null, 0, baseline.length, bestF);
    } else {
      baselineRoots = null;
      baselineZ = null;
      bestF = null;
    }
    this.pendingRows = new PendingRows(pending);
    this.workspaces = ThreadLocal.withInitial(Workspace::new);
  }

  /**
   * A new builder.
   *
   * @return an empty builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** A copy sharing every cache, with other pending points (qNEI only: they join the batch). */
  private ConstrainedQNoisyExpectedImprovement(ConstrainedQNoisyExpectedImprovement o,
      double[][] newPending) {
    this.models = o.models;
    this.sign = o.sign;
    this.bound = o.bound;
    this.constrained = o.constrained;
    this.m = o.m;
    this.d = o.d;
    this.baseline = o.baseline;
    this.prunedBaseline = o.prunedBaseline;
    this.pending = newPending;
    this.latencyModel = o.latencyModel;
    this.seed = o.seed;
    this.samples = o.samples;
    this.eta = o.eta;
    this.log = o.log;
    this.cacheRoot = o.cacheRoot;
    this.sampler = o.sampler;
    this.posteriors = o.posteriors;
    this.baselineMeans = o.baselineMeans;
    this.priorVariances = o.priorVariances;
    this.infeasibleValue = o.infeasibleValue;
    this.baselineRoots = o.baselineRoots;
    this.bestF = o.bestF;
    this.baselineZ = o.baselineZ;
    this.pendingRows = new PendingRows(newPending);
    this.workspaces = ThreadLocal.withInitial(Workspace::new);
  }

  /**
   * The same acquisition with other pending points (sequential greedy batches, STYLE rule 7).
   *
   * <p>For qNEI the pending points join every evaluated batch, so the new instance shares all
   * baseline caches (pruning, cached root, best_f, base samples) and costs nothing to create. For
   * qLogNEI they join the baseline (BoTorch's {@code incremental=True}), so the baseline part is
   * recomputed from the already pruned baseline (no new pruning).
   *
   * @param xPending the pending points, zero or more rows of d values. Not modified (copied).
   * @return an acquisition with exactly these pending points
   * @throws IllegalArgumentException if a row has the wrong length or a non-finite value
   */
  public ConstrainedQNoisyExpectedImprovement withPending(double[][] xPending) {
    double[][] p = Builder.copyPoints("pending", xPending, true);
    if (p.length > 0 && p[0].length != d) {
      throw new IllegalArgumentException("pending must have " + d + " columns, had "
          + p[0].length);
    }
    if (!log) {
      return new ConstrainedQNoisyExpectedImprovement(this, p);
    }
    Builder b = newBuilder().baseline(prunedBaseline).pending(p).mcSamples(samples).seed(seed)
        .eta(eta).log(true).cacheRoot(cacheRoot).pruneBaseline(false);
    if (sign < 0) {
      b.costModel(models[0]);
    } else {
      b.objectiveModel(models[0]);
    }
    if (latencyModel != null) {
      b.latencyModel(latencyModel).latencyBound(bound);
    }
    return b.build();
  }

  /**
   * The pending points (a copy).
   *
   * @return p x d points
   */
  public double[][] pending() {
    double[][] c = new double[pending.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = pending[i].clone();
    }
    return c;
  }

  /**
   * The baseline actually used (after pruning; for qLogNEI including pending points), a copy.
   *
   * @return nb x d points
   */
  public double[][] baseline() {
    double[][] c = new double[baseline.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = baseline[i].clone();
    }
    return c;
  }

  /**
   * The objective value given to infeasible baseline entries when some sample has no feasible
   * baseline point ({@code -M}); {@code -inf} without a constraint.
   *
   * @return the infeasible objective value, {@code <= 0}
   */
  public double infeasibleObjective() {
    return infeasibleValue;
  }

  @Override
  public double evaluate(double[][] candidates) {
    if (candidates == null || candidates.length == 0) {
      throw new IllegalArgumentException("candidates must contain at least one point");
    }
    int q = candidates.length;
    for (int i = 0; i < q; i++) {
      if (candidates[i] == null || candidates[i].length != d) {
        throw new IllegalArgumentException("candidates[" + i + "] must have " + d + " values");
      }
      for (int c = 0; c < d; c++) {
        if (!Double.isFinite(candidates[i][c])) {
          throw new IllegalArgumentException("candidates[" + i + "][" + c + "] must be finite, was "
              + candidates[i][c]);
        }
      }
    }
    int qt = q + pending.length;
    Workspace w = workspaces.get();
    w.ensure(qt);
    for (int i = 0; i < qt; i++) {
      w.rows[i] = i < q ? candidates[i] : pending[i - q];
    }
    fillBlocks(w, q, qt);
    if (cacheRoot) {
      sampleCached(w, q, qt);
    } else {
      sampleJoint(w, qt);
    }
    return reduce(w, qt);
  }

  /**
   * Posterior blocks of [candidates; pending] per output: the candidates' rows are computed, the
   * pending points' rows (independent of the candidates) come from {@link PendingRows}.
   */
  private void fillBlocks(Workspace w, int q, int qt) {
    int nb = baseline.length;
    int p = qt - q;
    for (int j = 0; j < m; j++) {
      BaselinePosterior bp = posteriors[j];
      int n = bp.trainingSize();
      double[] v = w.scratch[j];
      for (int i = 0; i < q; i++) {
        w.mean[j][i] = bp.pointRow(w.rows[i], v, i * n, w.cross[j], i * nb, w.kernelRow[j], 0);
      }
      double[] cov = w.cov[j];
      for (int i = 0; i < q; i++) {
        for (int c = 0; c <= i; c++) {
          double value = bp.covariance(w.rows[i], v, i * n, w.rows[c], v, c * n);
          cov[i * qt + c] = value;
          cov[c * qt + i] = value;
        }
        for (int c = 0; c < p; c++) {
          double value = bp.covariance(w.rows[i], v, i * n, pending[c], pendingRows.v[j], c * n);
          cov[i * qt + q + c] = value;
          cov[(q + c) * qt + i] = value;
        }
      }
      for (int a = 0; a < p; a++) {
        w.mean[j][q + a] = pendingRows.mean[j][a];
        System.arraycopy(pendingRows.cross[j], a * nb, w.cross[j], (q + a) * nb, nb);
        for (int c = 0; c < p; c++) {
          cov[(q + a) * qt + q + c] = pendingRows.cov[j][a * p + c];
        }
      }
    }
  }

  /** Candidate samples from the cached baseline root: S_q = mu_q + [L_qb | L_qq] z. */
  private void sampleCached(Workspace w, int q, int qt) {
    int nb = baseline.length;
    double[][] z = draws(qt);
    for (int j = 0; j < m; j++) {
      double[] lb = baselineRoots[j];
      double[] cross = w.cross[j];
      double[] lqb = w.lqb[j];
      // L_qb = (L_b^-1 K_bq)^T, row by row (pending rows are cached)
      for (int i = 0; i < q; i++) {
        solveRow(lb, cross, lqb, i * nb, nb);
      }
      if (qt > q) {
        System.arraycopy(pendingRows.lqb[j], 0, lqb, q * nb, (qt - q) * nb);
      }
      DMatrixRMaj qq = w.qq;
      qq.reshape(qt, qt);
      for (int a = 0; a < qt; a++) {
        for (int c = 0; c <= a; c++) {
          double v = w.cov[j][a * qt + c];
          for (int t = 0; t < nb; t++) {
            v -= lqb[a * nb + t] * lqb[c * nb + t];
          }
          qq.data[a * qt + c] = v;
          qq.data[c * qt + a] = v;
        }
      }
      w.cholesky.decompose(qq, w.lqq, priorVariances[j]);
      double[] lqq = w.lqq.data;
      double[] mean = w.mean[j];
      double[] out = j == 0 ? w.obj : w.con;
      for (int k = 0; k < samples; k++) {
        double[] zb = baselineZ[k];
        double[] zk = z[k];
        for (int i = 0; i < qt; i++) {
          double v = mean[i];
          int off = i * nb;
          for (int t = 0; t < nb; t++) {
            v += lqb[off + t] * zb[t * m + j];
          }
          for (int t = 0; t <= i; t++) {
            v += lqq[i * qt + t] * zk[(nb + t) * m + j];
          }
          out[k * qt + i] = v;
        }
      }
    }
    System.arraycopy(bestF, 0, w.bestF, 0, samples);
  }

  /** Samples of the full joint posterior over [baseline; candidates] (cache_root = False). */
  private void sampleJoint(Workspace w, int qt) {
    int nb = baseline.length;
    int p = nb + qt;
    double[][] z = draws(qt);
    for (int j = 0; j < m; j++) {
      DMatrixRMaj full = w.full;
      full.reshape(p, p);
      DMatrixRMaj bc = w.baselineCov[j];
      for (int a = 0; a < nb; a++) {
        System.arraycopy(bc.data, a * nb, full.data, a * p, nb);
      }
      for (int i = 0; i < qt; i++) {
        for (int r = 0; r < nb; r++) {
          double v = w.cross[j][i * nb + r];
          full.data[(nb + i) * p + r] = v;
          full.data[r * p + nb + i] = v;
        }
        for (int c = 0; c < qt; c++) {
          full.data[(nb + i) * p + nb + c] = w.cov[j][i * qt + c];
        }
      }
      w.fullCholesky.decompose(full, w.fullRoot, priorVariances[j]);
      double[] l = w.fullRoot.data;
      double[] mu = baselineMeans[j];
      for (int k = 0; k < samples; k++) {
        double[] zk = z[k];
        for (int i = 0; i < p; i++) {
          double v = i < nb ? mu[i] : w.mean[j][i - nb];
          int row = i * p;
          for (int t = 0; t <= i; t++) {
            v += l[row + t] * zk[t * m + j];
          }
          w.jointSamples[j][k * p + i] = v;
        }
      }
    }
    bestFeasible(w.jointSamples[0], constrained ? w.jointSamples[1] : null, 0, p, w.bestF, nb);
    for (int k = 0; k < samples; k++) {
      for (int i = 0; i < qt; i++) {
        w.obj[k * qt + i] = w.jointSamples[0][k * p + nb + i];
        if (constrained) {
          w.con[k * qt + i] = w.jointSamples[1][k * p + nb + i];
        }
      }
    }
  }

  /** Sample and q reductions of the utility. */
  private double reduce(Workspace w, int qt) {
    return SampleReduction.reduce(w.obj, w.con, sign, constrained ? bound : Double.NaN, eta, log,
        w.bestF, samples, qt, w.utility, w.perSample);
  }

  private void bestFeasible(double[] obj, double[] con, int from, int count, double[] out) {
    SampleReduction.bestFeasible(obj, con, sign, bound, infeasibleValue, samples, from, count,
        count, out);
  }

  private void bestFeasible(double[] obj, double[] con, int from, int stride, double[] out,
      int count) {
    SampleReduction.bestFeasible(obj, con, sign, bound, infeasibleValue, samples, from, stride,
        count, out);
  }

  /** Base samples for nb + qt points: the sampler's (nb+qt)*m draw (rows cached per qt). */
  private double[][] draws(int qt) {
    double[][] z = drawsByQ.get(qt);
    if (z == null) {
      z = drawsByQ.computeIfAbsent(qt, key -> sampler.baseSamples((baseline.length + key) * m));
    }
    return z;
  }

  /** -M: the objective's lower bound over random convex combinations of the baseline, capped at 0. */
  private double infeasibleObjective(long seed) {
    MersenneTwister rng = new MersenneTwister(seed);
    int nb = baseline.length;
    double[][] xs = new double[INFEASIBLE_COST_POINTS][d];
    for (int p = 0; p < xs.length; p++) {
      double[] wts = new double[nb];
      double sum = 0;
      for (int i = 0; i < nb; i++) {
        wts[i] = rng.nextDouble();
        sum += wts[i];
      }
      for (int i = 0; i < nb; i++) {
        for (int c = 0; c < d; c++) {
          xs[p][c] += wts[i] / sum * baseline[i][c];
        }
      }
    }
    double[][] all = Arrays.copyOf(xs, xs.length + nb);
    System.arraycopy(baseline, 0, all, xs.length, nb);
    double[] mu = models[0].posteriorMean(all);
    double[] var = models[0].posteriorVariance(all);
    double lb = Double.POSITIVE_INFINITY;
    for (int p = 0; p < all.length; p++) {
      lb = Math.min(lb, sign * mu[p] - 6.0 * Math.sqrt(var[p]));
    }
    return Math.min(0.0, lb);
  }

  /** Forward substitution {@code out[off..] = L^-1 rhs[off..]} with L row-major nb x nb. */
  private static void solveRow(double[] l, double[] rhs, double[] out, int off, int nb) {
    for (int r = 0; r < nb; r++) {
      double s = rhs[off + r];
      int row = r * nb;
      for (int t = 0; t < r; t++) {
        s -= l[row + t] * out[off + t];
      }
      out[off + r] = s / l[row + r];
    }
  }

  /** Posterior rows of the pending points, which do not depend on the candidates. */
  private final class PendingRows {
    final double[][] mean = new double[m][];
    final double[][] cross = new double[m][];
    final double[][] v = new double[m][];
    final double[][] cov = new double[m][];
    final double[][] lqb = new double[m][];

    PendingRows(double[][] points) {
      int p = points.length;
      int nb = baseline.length;
      for (int j = 0; j < m; j++) {
        BaselinePosterior bp = posteriors[j];
        int n = bp.trainingSize();
        mean[j] = new double[p];
        cross[j] = new double[p * nb];
        v[j] = new double[p * n];
        cov[j] = new double[p * p];
        lqb[j] = new double[p * nb];
        double[] k = new double[n];
        for (int a = 0; a < p; a++) {
          mean[j][a] = bp.pointRow(points[a], v[j], a * n, cross[j], a * nb, k, 0);
          if (baselineRoots != null) {
            solveRow(baselineRoots[j], cross[j], lqb[j], a * nb, nb);
          }
        }
        for (int a = 0; a < p; a++) {
          for (int c = 0; c < p; c++) {
            cov[j][a * p + c] = bp.covariance(points[a], v[j], a * n, points[c], v[j], c * n);
          }
        }
      }
    }
  }

  /** Per-thread scratch, grown when a larger batch arrives. */
  private final class Workspace {
    int capacity = -1;
    double[][] rows;
    double[][] mean = new double[m][];
    double[][] cross = new double[m][];
    double[][] cov = new double[m][];
    double[][] scratch = new double[m][];
    double[][] kernelRow = new double[m][];
    double[][] lqb = new double[m][];
    double[][] jointSamples = new double[m][];
    DMatrixRMaj[] baselineCov = new DMatrixRMaj[m];
    final DMatrixRMaj qq = new DMatrixRMaj(1, 1);
    final DMatrixRMaj lqq = new DMatrixRMaj(1, 1);
    final DMatrixRMaj full = new DMatrixRMaj(1, 1);
    final DMatrixRMaj fullRoot = new DMatrixRMaj(1, 1);
    final PsdCholesky cholesky = new PsdCholesky(1e-3);
    final PsdCholesky fullCholesky = new PsdCholesky(1e-4);
    double[] obj;
    double[] con;
    double[] utility;
    final double[] bestF = new double[samples];
    final double[] perSample = new double[samples];

    Workspace() {
      if (!cacheRoot) {
        for (int j = 0; j < m; j++) {
          baselineCov[j] = posteriors[j].covariance();
        }
      }
    }

    void ensure(int qt) {
      if (qt <= capacity) {
        return;
      }
      int nb = baseline.length;
      rows = new double[qt][];
      for (int j = 0; j < m; j++) {
        mean[j] = new double[qt];
        cross[j] = new double[qt * nb];
        cov[j] = new double[qt * qt];
        scratch[j] = new double[qt * posteriors[j].trainingSize()];
        kernelRow[j] = new double[posteriors[j].trainingSize()];
        lqb[j] = new double[qt * nb];
        jointSamples[j] = new double[samples * (nb + qt)];
      }
      obj = new double[samples * qt];
      con = new double[samples * qt];
      utility = new double[qt];
      capacity = qt;
    }
  }

  /** Builder of {@link ConstrainedQNoisyExpectedImprovement}; setters validate and may be called once. */
  public static final class Builder {
    private GaussianProcess objectiveModel;
    private double objectiveSign;
    private GaussianProcess latencyModel;
    private Double latencyBoundValue;
    private double latencyBound;
    private double[][] baseline;
    private double[][] pending;
    private Integer mcSamplesValue;
    private int mcSamples = 512;
    private Long seedValue;
    private long seed;
    private Double etaValue;
    private double eta = 1e-3;
    private Boolean logValue;
    private boolean log;
    private Boolean cacheRootValue;
    private boolean cacheRoot = true;
    private Boolean pruneValue;
    private boolean pruneBaseline = true;

    private Builder() {}

    /**
     * The cost GP; the acquisition maximizes {@code -cost}. Exclusive with {@link #objectiveModel}.
     *
     * @param model the cost GP
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if model is null
     * @throws IllegalStateException if an objective or cost model was already set
     */
    public Builder costModel(GaussianProcess model) {
      setObjective(model, -1.0);
      return this;
    }

    /**
     * A GP whose output is maximized directly (BoTorch's identity objective). Exclusive with
     * {@link #costModel}.
     *
     * @param model the objective GP
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if model is null
     * @throws IllegalStateException if an objective or cost model was already set
     */
    public Builder objectiveModel(GaussianProcess model) {
      setObjective(model, 1.0);
      return this;
    }

    private void setObjective(GaussianProcess model, double s) {
      Checks.notNull("costModel", model);
      if (objectiveModel != null) {
        throw new IllegalStateException("cost/objective model was already set");
      }
      objectiveModel = model;
      objectiveSign = s;
    }

    /**
     * The latency GP (omit for an unconstrained acquisition).
     *
     * @param model the latency GP
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if model is null
     * @throws IllegalStateException if already set
     */
    public Builder latencyModel(GaussianProcess model) {
      Checks.notNull("latencyModel", model);
      if (latencyModel != null) {
        throw new IllegalStateException("latencyModel was already set");
      }
      latencyModel = model;
      return this;
    }

    /**
     * The latency bound; feasible means {@code latency - bound <= 0}. {@code +inf} keeps the
     * latency output in the joint draw but makes every sample feasible.
     *
     * @param bound the bound, not NaN and not {@code -inf}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if bound is NaN or {@code -inf}
     * @throws IllegalStateException if already set
     */
    public Builder latencyBound(double bound) {
      if (Double.isNaN(bound) || bound == Double.NEGATIVE_INFINITY) {
        throw new IllegalArgumentException("latencyBound must be a number or +inf, was " + bound);
      }
      if (latencyBoundValue != null) {
        throw new IllegalStateException("latencyBound was already set");
      }
      latencyBoundValue = bound;
      latencyBound = bound;
      return this;
    }

    /**
     * The observed points (X_baseline), nb x d in the unit cube.
     *
     * @param observedX at least one row. Not modified (copied).
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if empty, ragged or not finite
     * @throws IllegalStateException if already set
     */
    public Builder baseline(double[][] observedX) {
      if (baseline != null) {
        throw new IllegalStateException("baseline was already set");
      }
      baseline = copyPoints("baseline", observedX, false);
      return this;
    }

    /**
     * Points already chosen but not yet observed (X_pending).
     *
     * @param xPending zero or more rows. Not modified (copied).
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if ragged or not finite
     * @throws IllegalStateException if already set
     */
    public Builder pending(double[][] xPending) {
      if (pending != null) {
        throw new IllegalStateException("pending was already set");
      }
      pending = copyPoints("pending", xPending, true);
      return this;
    }

    /**
     * Number of MC samples (default 512, BoTorch's default; 32 to 128 is typical in loops).
     *
     * @param count {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if count &lt; 1
     * @throws IllegalStateException if already set
     */
    public Builder mcSamples(int count) {
      Checks.positive("mcSamples", count);
      if (mcSamplesValue != null) {
        throw new IllegalStateException("mcSamples was already set");
      }
      mcSamplesValue = count;
      mcSamples = count;
      return this;
    }

    /**
     * Seed of the Sobol base samples, the pruning sampler and the infeasible-cost points
     * (default 0).
     *
     * @param value the seed
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder seed(long value) {
      if (seedValue != null) {
        throw new IllegalStateException("seed was already set");
      }
      seedValue = value;
      seed = value;
      return this;
    }

    /**
     * Temperature of the feasibility sigmoid, in latency units (default 1e-3).
     *
     * @param value finite and {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if not finite and positive
     * @throws IllegalStateException if already set
     */
    public Builder eta(double value) {
      Checks.positive("eta", value);
      if (etaValue != null) {
        throw new IllegalStateException("eta was already set");
      }
      etaValue = value;
      eta = value;
      return this;
    }

    /**
     * Whether to compute qLogNEI instead of qNEI (default false).
     *
     * @param value true for the log form
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder log(boolean value) {
      if (logValue != null) {
        throw new IllegalStateException("log was already set");
      }
      logValue = value;
      log = value;
      return this;
    }

    /**
     * Whether to cache the baseline root and best_f (default true, BoTorch's default).
     *
     * @param value false to sample the full joint posterior on every call
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder cacheRoot(boolean value) {
      if (cacheRootValue != null) {
        throw new IllegalStateException("cacheRoot was already set");
      }
      cacheRootValue = value;
      cacheRoot = value;
      return this;
    }

    /**
     * Whether to prune baseline points that are never the best in a sample (default true).
     *
     * @param value false to keep every baseline point
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder pruneBaseline(boolean value) {
      if (pruneValue != null) {
        throw new IllegalStateException("pruneBaseline was already set");
      }
      pruneValue = value;
      pruneBaseline = value;
      return this;
    }

    /**
     * Builds the acquisition function (the expensive baseline work happens here).
     *
     * @return the acquisition function
     * @throws IllegalStateException if the cost model or baseline is missing, a latency model has
     *     no bound (or a bound no model), or dimensions disagree
     */
    public ConstrainedQNoisyExpectedImprovement build() {
      if (objectiveModel == null) {
        throw new IllegalStateException("costModel (or objectiveModel) must be set");
      }
      if (baseline == null) {
        throw new IllegalStateException("baseline must be set");
      }
      if ((latencyModel == null) != (latencyBoundValue == null)) {
        throw new IllegalStateException("latencyModel and latencyBound must be set together");
      }
      int d = objectiveModel.dimension();
      if (latencyModel != null && latencyModel.dimension() != d) {
        throw new IllegalStateException("latencyModel has dimension " + latencyModel.dimension()
            + " but costModel has " + d);
      }
      if (baseline[0].length != d) {
        throw new IllegalStateException("baseline has " + baseline[0].length
            + " columns but the models have " + d);
      }
      if (pending == null) {
        pending = new double[0][];
      }
      if (pending.length > 0 && pending[0].length != d) {
        throw new IllegalStateException("pending has " + pending[0].length
            + " columns but the models have " + d);
      }
      return new ConstrainedQNoisyExpectedImprovement(this);
    }

    private static double[][] copyPoints(String name, double[][] x, boolean allowEmpty) {
      Checks.notNull(name, x);
      if (x.length == 0 && !allowEmpty) {
        throw new IllegalArgumentException(name + " must contain at least one point");
      }
      double[][] c = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        if (x[i] == null || x[i].length == 0 || x[i].length != x[0].length) {
          throw new IllegalArgumentException(name + "[" + i + "] must have "
              + x[0].length + " values");
        }
        c[i] = x[i].clone();
        for (int j = 0; j < c[i].length; j++) {
          Checks.finite(name + "[" + i + "][" + j + "]", c[i][j]);
        }
      }
      return c;
    }
  }
}
