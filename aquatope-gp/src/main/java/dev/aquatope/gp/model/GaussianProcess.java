package dev.aquatope.gp.model;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.kernel.Kernel;
import dev.aquatope.gp.numerics.BoundedLbfgs;
import dev.aquatope.gp.numerics.PsdCholesky;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact GP regression with a constant mean, an ARD kernel and standardized outputs: BoTorch's
 * {@code SingleTaskGP} with {@code Standardize}, in double precision. With
 * {@link GpOptions#structure()} the kernel is instead additive over groups of dimensions
 * ({@link dev.aquatope.gp.kernel.AdditiveKernel}), fitted the same way.
 *
 * <p>Inputs are assumed to lie in the unit cube (they are used as given, like a
 * {@code Normalize} transform with bounds [0, 1]). Outputs are standardized with the mean and the
 * unbiased (n-1) standard deviation (1 when n = 1 or when the std is below 1e-8) and every result
 * is returned in the original units. Per-point noise variances, when given, are fixed (divided by
 * the std squared); otherwise a homoscedastic noise is learned with a lower bound.
 *
 * <p>Optionally the GP has a {@link PriorMean} {@code m(x)} (see the overloads of {@link #fit} and
 * {@link #withHyperparameters} taking one): it then models the residual {@code y - m(x)} exactly
 * as above (standardized, with its learned constant mean) and adds {@code m(x)} to every mean it
 * returns in original units ({@link #posteriorMean}, {@link #posterior}, {@link #leaveOneOut},
 * {@link BaselinePosterior}); variances and covariances are those of the residual model. Without
 * a prior mean every result is bit for bit what it was before prior means existed.
 *
 * <p>Instances are immutable and thread-safe. All linear algebra uses a psd-safe Cholesky
 * ({@link PsdCholesky}), so duplicate points or tiny lengthscales add jitter instead of failing.
 */
public final class GaussianProcess {
  private static final Logger LOG = LoggerFactory.getLogger(GaussianProcess.class);
  private static final double MIN_STD = 1e-8;
  private static final int MAX_ITERATIONS = 500;

  private final GpOptions options;
  private final GpHyperparameters hyper;
  private final double[][] x;
  private final double[] yRaw;
  private final double[] yVarRaw;
  private final PriorMean priorMean; // null: no prior mean
  private final double[] priorAtTraining; // m(x_i), null without a prior mean
  private final double yMean;
  private final double yStd;
  private final double[] yStandardized;
  private final double[] noiseDiagonal;
  private final Kernel kernel;
  private final DMatrixRMaj chol;
  private final double[] alpha;
  private final int n;
  private final int d;

  /**
   * Builds the model; callers have validated the data.
   *
   * @param mean the prior mean, or null for none
   * @param priorAtTraining {@code mean} at every row of {@code x} (checked finite; a fresh array
   *     the model keeps), null iff {@code mean} is null
   */
  private GaussianProcess(double[][] x, double[] y, double[] yVar, GpHyperparameters h,
      GpOptions options, PriorMean mean, double[] priorAtTraining) {
    this.options = options;
    this.n = x.length;
    this.d = x[0].length;
    this.x = copy(x);
    this.yRaw = y.clone();
    this.yVarRaw = yVar == null ? null : yVar.clone();
    if (h.lengthscales().length != d) {
      throw new IllegalArgumentException("hyperparameters have " + h.lengthscales().length
          + " lengthscales but x has " + d + " columns");
    }
    if (yVar == null && !(h.noise() > 0)) {
      throw new IllegalArgumentException("noise must be > 0 when yVar is null, was " + h.noise());
    }
    this.hyper = h;
    this.priorMean = mean;
    this.priorAtTraining = priorAtTraining;
    double[] r = residuals(y, priorAtTraining);
    double[] ms = standardization(r, options.standardize());
    this.yMean = ms[0];
    this.yStd = ms[1];
    this.yStandardized = new double[n];
    this.noiseDiagonal = new double[n];
    for (int i = 0; i < n; i++) {
      yStandardized[i] = (r[i] - yMean) / yStd;
      noiseDiagonal[i] = yVar == null ? h.noise() : yVar[i] / (yStd * yStd);
    }
    this.kernel = ModelKernels.of(options, h);
    DMatrixRMaj k = new DMatrixRMaj(n, n);
    kernel.symmetricMatrix(this.x, k);
    for (int i = 0; i < n; i++) {
      k.data[i * n + i] += noiseDiagonal[i];
    }
    this.chol = new DMatrixRMaj(n, n);
    double jitter = new PsdCholesky(1e-4).decompose(k, chol);
    if (jitter > 0) {
      LOG.debug("GP Cholesky used relative jitter {}", jitter);
    }
    this.alpha = new double[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = yStandardized[i] - h.meanConstant();
    }
    TriangularSolver_DDRM.solveL(chol.data, alpha, n);
    TriangularSolver_DDRM.solveTranL(chol.data, alpha, n);
  }

  /**
   * MAP fit of hyperparameters (log marginal likelihood plus log priors, multi-start bounded
   * L-BFGS with analytic gradients).
   *
   * @param x n x d inputs in the unit cube. Not modified.
   * @param y n observed values. Not modified.
   * @param yVar per-point known noise variances in y's units, or null to learn a homoscedastic
   *     noise. Not modified.
   * @param options fitting options
   * @return the fitted GP
   * @throws IllegalArgumentException if shapes disagree, n = 0, or a value is not finite (or a
   *     variance negative)
   */
  public static GaussianProcess fit(double[][] x, double[] y, double[] yVar, GpOptions options) {
    return fit(x, y, yVar, options, null);
  }

  /**
   * MAP fit of hyperparameters around a prior mean: as {@link #fit(double[][], double[], double[],
   * GpOptions)} on the residuals {@code y_i - mean(x_i)}, the returned GP adding {@code mean(x)}
   * back to its predicted means.
   *
   * @param x n x d inputs in the unit cube. Not modified.
   * @param y n observed values (not residuals). Not modified.
   * @param yVar per-point known noise variances in y's units, or null to learn a homoscedastic
   *     noise. Not modified.
   * @param options fitting options
   * @param mean the prior mean, or null for none (then identical to the overload without it)
   * @return the fitted GP
   * @throws IllegalArgumentException if shapes disagree, n = 0, or a value is not finite (or a
   *     variance negative)
   * @throws IllegalStateException if {@code mean} is not finite at a training point (named)
   */
  public static GaussianProcess fit(double[][] x, double[] y, double[] yVar, GpOptions options,
      PriorMean mean) {
    validate(x, y, yVar);
    Checks.notNull("options", options);
    double[] prior = mean == null ? null : priorAt(mean, x);
    double[] res = residuals(y, prior);
    double[] ms = standardization(res, options.standardize());
    int n = x.length;
    double[] ys = new double[n];
    double[] fixed = yVar == null ? null : new double[n];
    for (int i = 0; i < n; i++) {
      ys[i] = (res[i] - ms[0]) / ms[1];
      if (fixed != null) {
        fixed[i] = yVar[i] / (ms[1] * ms[1]);
      }
    }
    MapObjective objective = new MapObjective(x, ys, fixed, options);
    BoundedLbfgs optimizer = BoundedLbfgs.withDefaults(MAX_ITERATIONS);
    RandomGenerator rng = new MersenneTwister(options.seed());
    double[] lower = objective.lowerBounds();
    double[] upper = objective.upperBounds();
    BoundedLbfgs.Result best = null;
    for (int start = 0; start < options.restarts(); start++) {
      GpHyperparameters init = start == 0 ? objective.initialHyperparameters()
          : objective.sampleHyperparameters(rng);
      BoundedLbfgs.Result r = optimizer.minimize(objective, objective.toParameters(init), lower,
          upper);
      LOG.debug("MAP start {}: loss {} after {} iterations (converged {})", start, r.value(),
          r.iterations(), r.converged());
      if (Double.isFinite(r.value()) && (best == null || r.value() < best.value())) {
        best = r;
      }
    }
    GpHyperparameters h = best == null ? objective.initialHyperparameters()
        : objective.toHyperparameters(best.x());
    if (best == null) {
      LOG.warn("every MAP start failed; using the initial hyperparameters");
    }
    return new GaussianProcess(x, y, yVar, h, options, mean, prior);
  }

  /**
   * Builds a GP with given hyperparameters (no fitting), e.g. to restore a saved state.
   *
   * @param x n x d inputs in the unit cube. Not modified.
   * @param y n observed values. Not modified.
   * @param yVar per-point known noise variances in y's units, or null for the learned noise in
   *     {@code h}. Not modified.
   * @param h hyperparameters in standardized units
   * @param options the options (kernel, prior set, standardization)
   * @return the GP
   * @throws IllegalArgumentException if shapes disagree, a value is not finite, or {@code h} has
   *     the wrong dimension or no noise while {@code yVar} is null
   */
  public static GaussianProcess withHyperparameters(double[][] x, double[] y, double[] yVar,
      GpHyperparameters h, GpOptions options) {
    return withHyperparameters(x, y, yVar, h, options, null);
  }

  /**
   * Builds a GP with given hyperparameters (no fitting) around a prior mean: the residuals
   * {@code y_i - mean(x_i)} are standardized and modelled, and {@code mean(x)} is added back to
   * every predicted mean. Restoring a saved GP that had a prior mean needs the same mean function.
   *
   * @param x n x d inputs in the unit cube. Not modified.
   * @param y n observed values (not residuals). Not modified.
   * @param yVar per-point known noise variances in y's units, or null for the learned noise in
   *     {@code h}. Not modified.
   * @param h hyperparameters in the residual's standardized units
   * @param options the options (kernel, prior set, standardization)
   * @param mean the prior mean, or null for none (then identical to the overload without it)
   * @return the GP
   * @throws IllegalArgumentException if shapes disagree, a value is not finite, or {@code h} has
   *     the wrong dimension or no noise while {@code yVar} is null
   * @throws IllegalStateException if {@code mean} is not finite at a training point (named)
   */
  public static GaussianProcess withHyperparameters(double[][] x, double[] y, double[] yVar,
      GpHyperparameters h, GpOptions options, PriorMean mean) {
    validate(x, y, yVar);
    Checks.notNull("h", h);
    Checks.notNull("options", options);
    return new GaussianProcess(x, y, yVar, h, options, mean,
        mean == null ? null : priorAt(mean, x));
  }

  /**
   * The prior mean this GP adds to its predictions, if it has one.
   *
   * @return the prior mean, or empty for the plain GP (constant mean only)
   */
  public Optional<PriorMean> priorMean() {
    return Optional.ofNullable(priorMean);
  }

  /**
   * The hyperparameters (standardized units; of the residual {@code y - m(x)} with a prior mean).
   *
   * @return the hyperparameters
   */
  public GpHyperparameters hyperparameters() {
    return hyper;
  }

  /**
   * The options this GP was built with.
   *
   * @return the options
   */
  public GpOptions options() {
    return options;
  }

  /**
   * Number of training points.
   *
   * @return n
   */
  public int size() {
    return n;
  }

  /**
   * Input dimension.
   *
   * @return d
   */
  public int dimension() {
    return d;
  }

  /**
   * Whether per-point noise variances are fixed (given) rather than learned.
   *
   * @return true for fixed noise
   */
  public boolean hasFixedNoise() {
    return yVarRaw != null;
  }

  /**
   * The training inputs (a deep copy).
   *
   * @return n x d inputs
   */
  public double[][] trainingInputs() {
    return copy(x);
  }

  /**
   * The training outputs in original units (a copy): the raw y, not the residuals of a prior mean.
   *
   * @return n values
   */
  public double[] trainingOutputs() {
    return yRaw.clone();
  }

  /**
   * The known noise variances in original units (a copy), or null for learned noise.
   *
   * @return n variances or null
   */
  public double[] trainingNoiseVariances() {
    return yVarRaw == null ? null : yVarRaw.clone();
  }

  /**
   * Mean subtracted by the output standardization (of the residuals {@code y - m(x)} with a prior
   * mean).
   *
   * @return the mean (0 when not standardizing)
   */
  public double outputMean() {
    return yMean;
  }

  /**
   * Standard deviation divided out by the output standardization (of the residuals
   * {@code y - m(x)} with a prior mean).
   *
   * @return the std (1 when not standardizing)
   */
  public double outputStd() {
    return yStd;
  }

  /**
   * Adds points without refitting hyperparameters. The standardization is recomputed over all
   * points, so the result equals {@link #withHyperparameters} on the concatenated data (which
   * keeps save/restore exact); the kernel matrix is re-decomposed (n is small). The prior mean,
   * if any, is kept (evaluated at the new points only).
   *
   * @param xNew new inputs. Not modified.
   * @param yNew new outputs. Not modified.
   * @param yVarNew new noise variances (required iff this GP has fixed noise). Not modified.
   * @return a new GP over all points
   * @throws IllegalArgumentException if shapes disagree or the noise kind does not match
   * @throws IllegalStateException if the prior mean is not finite at a new point (named)
   */
  public GaussianProcess withAddedPoints(double[][] xNew, double[] yNew, double[] yVarNew) {
    validate(xNew, yNew, yVarNew);
    if ((yVarNew == null) != (yVarRaw == null)) {
      throw new IllegalArgumentException("yVarNew must be " + (yVarRaw == null ? "null" : "given")
          + " for this GP");
    }
    if (xNew[0].length != d) {
      throw new IllegalArgumentException("xNew must have " + d + " columns, had "
          + xNew[0].length);
    }
    int m = xNew.length;
    double[][] xa = new double[n + m][];
    double[] ya = new double[n + m];
    double[] va = yVarRaw == null ? null : new double[n + m];
    double[] pa = priorMean == null ? null : new double[n + m];
    for (int i = 0; i < n + m; i++) {
      xa[i] = i < n ? x[i] : xNew[i - n];
      ya[i] = i < n ? yRaw[i] : yNew[i - n];
      if (va != null) {
        va[i] = i < n ? yVarRaw[i] : yVarNew[i - n];
      }
      if (pa != null) {
        pa[i] = i < n ? priorAtTraining[i] : checkedPrior(priorMean, xNew[i - n]);
      }
    }
    return new GaussianProcess(xa, ya, va, hyper, options, priorMean, pa);
  }

  /**
   * Posterior mean of the latent f in original units (including the prior mean, if any).
   *
   * @param xs m x d points. Not modified.
   * @return m means
   * @throws IllegalArgumentException if a row has the wrong length or a non-finite value
   * @throws IllegalStateException if the prior mean is not finite at a point (named)
   */
  public double[] posteriorMean(double[][] xs) {
    checkPoints(xs);
    double[] out = new double[xs.length];
    double[] kv = new double[n];
    for (int j = 0; j < xs.length; j++) {
      crossCovariance(xs[j], kv);
      out[j] = withPrior(standardizedMean(kv) * yStd + yMean, xs[j]);
    }
    return out;
  }

  /**
   * Posterior variance of the latent f (no observation noise) in original units, clamped at 0.
   *
   * @param xs m x d points. Not modified.
   * @return m variances
   * @throws IllegalArgumentException if a row has the wrong length or a non-finite value
   */
  public double[] posteriorVariance(double[][] xs) {
    checkPoints(xs);
    double[] out = new double[xs.length];
    double[] kv = new double[n];
    for (int j = 0; j < xs.length; j++) {
      crossCovariance(xs[j], kv);
      TriangularSolver_DDRM.solveL(chol.data, kv, n);
      double v = kernel.priorVariance();
      for (int i = 0; i < n; i++) {
        v -= kv[i] * kv[i];
      }
      out[j] = Math.max(v, 0) * yStd * yStd;
    }
    return out;
  }

  /**
   * Joint posterior of the latent f over m points, original units (the means include the prior
   * mean, if any; the covariance is the residual model's).
   *
   * @param xs m x d points. Not modified.
   * @return mean and full covariance
   * @throws IllegalArgumentException if a row has the wrong length or a non-finite value
   * @throws IllegalStateException if the prior mean is not finite at a point (named)
   */
  public Posterior posterior(double[][] xs) {
    checkPoints(xs);
    int m = xs.length;
    double[] mean = new double[m];
    double[][] v = new double[m][n];
    for (int j = 0; j < m; j++) {
      crossCovariance(xs[j], v[j]);
      mean[j] = withPrior(standardizedMean(v[j]) * yStd + yMean, xs[j]);
      TriangularSolver_DDRM.solveL(chol.data, v[j], n);
    }
    double s2 = yStd * yStd;
    double[][] cov = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b <= a; b++) {
        double c = kernel.value(xs[a], xs[b]);
        for (int i = 0; i < n; i++) {
          c -= v[a][i] * v[b][i];
        }
        cov[a][b] = c * s2;
        cov[b][a] = c * s2;
      }
    }
    return new Posterior(mean, cov);
  }

  /**
   * Closed-form leave-one-out predictive mean and std (including observation noise) of every
   * training point (Rasmussen and Williams eq. 5.12), in y's original units. With a prior mean
   * the means include {@code m(x_i)} (the residual model's LOO mean plus the prior mean at the
   * left-out point); the stds are the residual model's.
   *
   * @return the leave-one-out predictions
   */
  public LeaveOneOut leaveOneOut() {
    double[] diagInv = inverseDiagonal();
    double[] mean = new double[n];
    double[] std = new double[n];
    for (int i = 0; i < n; i++) {
      double mu = yStandardized[i] - alpha[i] / diagInv[i];
      mean[i] = mu * yStd + yMean;
      if (priorAtTraining != null) {
        mean[i] += priorAtTraining[i];
      }
      std[i] = Math.sqrt(1.0 / diagInv[i]) * yStd;
    }
    return new LeaveOneOut(mean, std);
  }

  /**
   * Log marginal likelihood plus log priors, divided by n, in standardized space, at the current
   * hyperparameters (GPyTorch's {@code ExactMarginalLogLikelihood} value). With a prior mean this
   * is the residual model's ({@code y - m(x)}, standardized).
   *
   * @return the MAP objective per point
   */
  public double logMarginalLikelihoodPerPoint() {
    MapObjective objective = new MapObjective(x, yStandardized,
        yVarRaw == null ? null : noiseDiagonal.clone(), options);
    return (objective.gaussianLogProb(hyper) + objective.logPriors(hyper)) / n;
  }

  /**
   * The Gaussian log density {@code log N(y_std | m, K + Sigma)} alone (no priors, not divided by
   * n), in standardized space. With a prior mean {@code y_std} is the standardized residual
   * {@code y - m(x)}.
   *
   * @return the log density
   */
  public double gaussianLogDensity() {
    MapObjective objective = new MapObjective(x, yStandardized,
        yVarRaw == null ? null : noiseDiagonal.clone(), options);
    return objective.gaussianLogProb(hyper);
  }

  /**
   * Prepares the posterior over a fixed set of baseline points for repeated joint queries with
   * candidate points (the acquisition functions' cache).
   *
   * @param baseline nb x d points. Not modified.
   * @return the cached baseline posterior
   * @throws IllegalArgumentException if a row has the wrong length or a non-finite value
   * @throws IllegalStateException if the prior mean is not finite at a baseline point (named)
   */
  public BaselinePosterior baselinePosterior(double[][] baseline) {
    checkPoints(baseline);
    return new BaselinePosterior(this, baseline);
  }

  // ---- package-private accessors for BaselinePosterior ----

  Kernel kernel() {
    return kernel;
  }

  DMatrixRMaj choleskyFactor() {
    return chol;
  }

  double[][] inputs() {
    return x;
  }

  double[] alphaVector() {
    return alpha;
  }

  /** k(x*, X) into out (length n), standardized units. */
  void crossCovariance(double[] xs, double[] out) {
    kernel.row(xs, x, out, 0);
  }

  /** {@code value + m(point)}, or {@code value} itself without a prior mean (no -0.0 + 0.0). */
  double withPrior(double value, double[] point) {
    return priorMean == null ? value : value + checkedPrior(priorMean, point);
  }

  /** m + k . alpha, standardized units. */
  double standardizedMean(double[] k) {
    double s = hyper.meanConstant();
    for (int i = 0; i < n; i++) {
      s += k[i] * alpha[i];
    }
    return s;
  }

  private double[] inverseDiagonal() {
    double[] diag = new double[n];
    double[] col = new double[n];
    for (int c = 0; c < n; c++) {
      java.util.Arrays.fill(col, 0);
      col[c] = 1.0;
      TriangularSolver_DDRM.solveL(chol.data, col, n);
      // column c of L^-1 is col, so (K^-1)_cc = ||L^-1 e_c||^2
      for (int r = c; r < n; r++) {
        diag[c] += col[r] * col[r];
      }
    }
    return diag;
  }

  /** The prior mean at every row of {@code points}, each checked finite. */
  private static double[] priorAt(PriorMean mean, double[][] points) {
    double[] out = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      out[i] = checkedPrior(mean, points[i]);
    }
    return out;
  }

  /** {@code mean.at(point)}, or IllegalStateException naming the point if it is not finite. */
  private static double checkedPrior(PriorMean mean, double[] point) {
    double v = mean.at(point);
    if (!Double.isFinite(v)) {
      throw new IllegalStateException("prior mean at x = " + Arrays.toString(point)
          + " must be finite, was " + v);
    }
    return v;
  }

  /** {@code y - prior} (a new array), or {@code y} itself when {@code prior} is null. */
  private static double[] residuals(double[] y, double[] prior) {
    if (prior == null) {
      return y;
    }
    double[] r = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      r[i] = y[i] - prior[i];
    }
    return r;
  }

  private void checkPoints(double[][] xs) {
    Checks.notNull("x", xs);
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] == null || xs[i].length != d) {
        throw new IllegalArgumentException("x[" + i + "] must have " + d + " values, had "
            + (xs[i] == null ? "null" : xs[i].length));
      }
      for (int j = 0; j < d; j++) {
        Checks.finite("x[" + i + "][" + j + "]", xs[i][j]);
      }
    }
  }

  private static void validate(double[][] x, double[] y, double[] yVar) {
    Checks.notNull("x", x);
    Checks.notNull("y", y);
    if (x.length == 0) {
      throw new IllegalArgumentException("x must have at least one row");
    }
    if (y.length != x.length) {
      throw new IllegalArgumentException("y must have " + x.length + " values, had " + y.length);
    }
    if (yVar != null && yVar.length != x.length) {
      throw new IllegalArgumentException("yVar must have " + x.length + " values, had "
          + yVar.length);
    }
    int d = x[0] == null ? 0 : x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("x rows must have at least one column");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != d) {
        throw new IllegalArgumentException("x[" + i + "] must have " + d + " values, had "
            + (x[i] == null ? "null" : x[i].length));
      }
      for (int j = 0; j < d; j++) {
        Checks.finite("x[" + i + "][" + j + "]", x[i][j]);
      }
      Checks.finite("y[" + i + "]", y[i]);
      if (yVar != null) {
        Checks.nonNegative("yVar[" + i + "]", yVar[i]);
      }
    }
  }

  /** {mean, std} of BoTorch's Standardize (unbiased std; 1 when n = 1 or std < 1e-8). */
  private static double[] standardization(double[] y, boolean standardize) {
    if (!standardize) {
      return new double[] {0.0, 1.0};
    }
    int n = y.length;
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    if (n == 1) {
      return new double[] {mean, 1.0};
    }
    double ss = 0;
    for (double v : y) {
      ss += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(ss / (n - 1));
    return new double[] {mean, std < MIN_STD ? 1.0 : std};
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
