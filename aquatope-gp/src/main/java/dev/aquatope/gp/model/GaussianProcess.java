package dev.aquatope.gp.model;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.kernel.Kernel;
import dev.aquatope.gp.numerics.BoundedLbfgs;
import dev.aquatope.gp.numerics.PsdCholesky;
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
  private final double yMean;
  private final double yStd;
  private final double[] yStandardized;
  private final double[] noiseDiagonal;
  private final Kernel kernel;
  private final DMatrixRMaj chol;
  private final double[] alpha;
  private final int n;
  private final int d;

  private GaussianProcess(double[][] x, double[] y, double[] yVar, GpHyperparameters h,
      GpOptions options) {
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
    double[] ms = standardization(y, options.standardize());
    this.yMean = ms[0];
    this.yStd = ms[1];
    this.yStandardized = new double[n];
    this.noiseDiagonal = new double[n];
    for (int i = 0; i < n; i++) {
      yStandardized[i] = (y[i] - yMean) / yStd;
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
    validate(x, y, yVar);
    Checks.notNull("options", options);
    double[] ms = standardization(y, options.standardize());
    int n = x.length;
    double[] ys = new double[n];
    double[] fixed = yVar == null ? null : new double[n];
    for (int i = 0; i < n; i++) {
      ys[i] = (y[i] - ms[0]) / ms[1];
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
    return new GaussianProcess(x, y, yVar, h, options);
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
    validate(x, y, yVar);
    Checks.notNull("h", h);
    Checks.notNull("options", options);
    return new GaussianProcess(x, y, yVar, h, options);
  }

  /**
   * The hyperparameters (standardized units).
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
   * The training outputs in original units (a copy).
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
   * Mean subtracted by the output standardization.
   *
   * @return the mean (0 when not standardizing)
   */
  public double outputMean() {
    return yMean;
  }

  /**
   * Standard deviation divided out by the output standardization.
   *
   * @return the std (1 when not standardizing)
   */
  public double outputStd() {
    return yStd;
  }

  /**
   * Adds points without refitting hyperparameters. The standardization is recomputed over all
   * points, so the result equals {@link #withHyperparameters} on the concatenated data (which
   * keeps save/restore exact); the kernel matrix is re-decomposed (n is small).
   *
   * @param xNew new inputs. Not modified.
   * @param yNew new outputs. Not modified.
   * @param yVarNew new noise variances (required iff this GP has fixed noise). Not modified.
   * @return a new GP over all points
   * @throws IllegalArgumentException if shapes disagree or the noise kind does not match
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
    for (int i = 0; i < n + m; i++) {
      xa[i] = i < n ? x[i] : xNew[i - n];
      ya[i] = i < n ? yRaw[i] : yNew[i - n];
      if (va != null) {
        va[i] = i < n ? yVarRaw[i] : yVarNew[i - n];
      }
    }
    return new GaussianProcess(xa, ya, va, hyper, options);
  }

  /**
   * Posterior mean of the latent f in original units.
   *
   * @param xs m x d points. Not modified.
   * @return m means
   * @throws IllegalArgumentException if a row has the wrong length or a non-finite value
   */
  public double[] posteriorMean(double[][] xs) {
    checkPoints(xs);
    double[] out = new double[xs.length];
    double[] kv = new double[n];
    for (int j = 0; j < xs.length; j++) {
      crossCovariance(xs[j], kv);
      out[j] = standardizedMean(kv) * yStd + yMean;
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
   * Joint posterior of the latent f over m points, original units.
   *
   * @param xs m x d points. Not modified.
   * @return mean and full covariance
   * @throws IllegalArgumentException if a row has the wrong length or a non-finite value
   */
  public Posterior posterior(double[][] xs) {
    checkPoints(xs);
    int m = xs.length;
    double[] mean = new double[m];
    double[][] v = new double[m][n];
    for (int j = 0; j < m; j++) {
      crossCovariance(xs[j], v[j]);
      mean[j] = standardizedMean(v[j]) * yStd + yMean;
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
   * training point (Rasmussen and Williams eq. 5.12), in y's original units.
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
      std[i] = Math.sqrt(1.0 / diagInv[i]) * yStd;
    }
    return new LeaveOneOut(mean, std);
  }

  /**
   * Log marginal likelihood plus log priors, divided by n, in standardized space, at the current
   * hyperparameters (GPyTorch's {@code ExactMarginalLogLikelihood} value).
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
   * n), in standardized space.
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
