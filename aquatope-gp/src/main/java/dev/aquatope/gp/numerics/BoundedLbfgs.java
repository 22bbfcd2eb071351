package dev.aquatope.gp.numerics;

import dev.aquatope.core.util.Checks;

/**
 * A small limited-memory BFGS minimizer with lower/upper box bounds (projected L-BFGS).
 *
 * <p>Hand-written because Commons Math 3.6.1 has no bounded quasi-Newton method: its
 * {@code NonLinearConjugateGradientOptimizer} is unconstrained, and the GP hyperparameters need the
 * hard lower bounds BoTorch gives scipy's L-BFGS-B (lengthscale {@code >= 0.025}, noise
 * {@code >= 1e-4}). The algorithm: variables at a bound whose gradient points outward are frozen;
 * the two-loop recursion gives a quasi-Newton direction over the free variables; a backtracking
 * Armijo search moves along the projected path. Stopping rules follow scipy's defaults: relative
 * decrease {@code <= ftol} (2.2e-9), projected gradient {@code <= gtol} (1e-5), or
 * {@code maxIterations}. A failed line search is retried once from steepest descent with an empty
 * memory, then ends the run (the best point so far is returned, never an exception).
 */
public final class BoundedLbfgs {
  /** Objective with gradient. */
  @FunctionalInterface
  public interface Objective {
    /**
     * Evaluates the function and its gradient.
     *
     * @param x the point. Not modified.
     * @param gradient output of the same length. Modified.
     * @return the function value (may be NaN or +inf for an invalid point)
     */
    double evaluate(double[] x, double[] gradient);
  }

  /**
   * Outcome of a minimization.
   *
   * @param x the best point found
   * @param value the objective at {@code x}
   * @param iterations number of iterations performed
   * @param evaluations number of objective evaluations
   * @param converged whether a tolerance (not the iteration cap or a line-search failure) stopped it
   */
  public record Result(double[] x, double value, int iterations, int evaluations,
      boolean converged) {
    /** Validates and copies. */
    public Result {
      x = Checks.notNull("x", x).clone();
    }

    /**
     * The best point (a copy).
     *
     * @return the point
     */
    @Override
    public double[] x() {
      return x.clone();
    }
  }

  private final int memory;
  private final int maxIterations;
  private final double ftol;
  private final double gtol;

  /**
   * Creates a minimizer.
   *
   * @param memory number of correction pairs kept, {@code >= 1} (scipy: 10)
   * @param maxIterations iteration cap, {@code >= 1}
   * @param ftol relative function decrease tolerance, {@code > 0} (scipy: 2.22e-9)
   * @param gtol projected gradient tolerance, {@code > 0} (scipy: 1e-5)
   * @throws IllegalArgumentException if an argument is out of range
   */
  public BoundedLbfgs(int memory, int maxIterations, double ftol, double gtol) {
    this.memory = Checks.positive("memory", memory);
    this.maxIterations = Checks.positive("maxIterations", maxIterations);
    this.ftol = Checks.positive("ftol", ftol);
    this.gtol = Checks.positive("gtol", gtol);
  }

  /**
   * A minimizer with scipy's L-BFGS-B defaults and the given iteration cap.
   *
   * @param maxIterations iteration cap, {@code >= 1}
   * @return the minimizer
   */
  public static BoundedLbfgs withDefaults(int maxIterations) {
    return new BoundedLbfgs(10, maxIterations, 2.220446049250313e-9, 1e-5);
  }

  /**
   * Minimizes {@code f} over the box {@code [lower, upper]} from {@code start}.
   *
   * @param f the objective
   * @param start starting point (projected into the box first). Not modified.
   * @param lower lower bounds ({@code -inf} allowed). Not modified.
   * @param upper upper bounds ({@code +inf} allowed). Not modified.
   * @return the best point found
   * @throws IllegalArgumentException if lengths differ or a lower bound exceeds its upper bound
   */
  public Result minimize(Objective f, double[] start, double[] lower, double[] upper) {
    int n = start.length;
    if (lower.length != n || upper.length != n) {
      throw new IllegalArgumentException("start, lower and upper must have the same length, were "
          + n + ", " + lower.length + ", " + upper.length);
    }
    for (int i = 0; i < n; i++) {
      if (!(lower[i] <= upper[i])) {
        throw new IllegalArgumentException("lower[" + i + "] must be <= upper[" + i + "], were "
            + lower[i] + " and " + upper[i]);
      }
    }
    double[] x = start.clone();
    project(x, lower, upper);
    double[] g = new double[n];
    double fx = f.evaluate(x, g);
    int evaluations = 1;
    if (!Double.isFinite(fx) || !allFinite(g)) {
      return new Result(x, fx, 0, evaluations, false);
    }
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    int stored = 0;
    int head = 0;
    double[] d = new double[n];
    double[] alpha = new double[memory];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    boolean[] free = new boolean[n];
    int iter = 0;
    boolean converged = false;
    while (iter < maxIterations) {
      iter++;
      double pgMax = 0;
      for (int i = 0; i < n; i++) {
        boolean atLower = x[i] <= lower[i] && g[i] > 0;
        boolean atUpper = x[i] >= upper[i] && g[i] < 0;
        free[i] = !(atLower || atUpper);
        if (free[i]) {
          pgMax = Math.max(pgMax, Math.abs(g[i]));
        }
      }
      if (pgMax <= gtol) {
        converged = true;
        break;
      }
      direction(g, free, s, y, rho, stored, head, alpha, d);
      double dg = dot(d, g);
      if (!(dg < 0)) {
        stored = 0;
        for (int i = 0; i < n; i++) {
          d[i] = free[i] ? -g[i] : 0;
        }
        dg = dot(d, g);
      }
      double step = stored == 0 ? Math.min(1.0, 1.0 / Math.max(norm(d), 1e-300)) : 1.0;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 40; ls++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step * d[i]));
        }
        fNew = f.evaluate(xNew, gNew);
        evaluations++;
        double decrease = 0;
        for (int i = 0; i < n; i++) {
          decrease += g[i] * (xNew[i] - x[i]);
        }
        if (Double.isFinite(fNew) && allFinite(gNew) && fNew <= fx + 1e-4 * decrease) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        if (stored > 0) {
          stored = 0; // retry once from steepest descent
          continue;
        }
        break;
      }
      double sy = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        s[head][i] = xNew[i] - x[i];
        y[head][i] = gNew[i] - g[i];
        sy += s[head][i] * y[head][i];
        yy += y[head][i] * y[head][i];
      }
      if (sy > 1e-10 * yy && sy > 0) {
        rho[head] = 1.0 / sy;
        head = (head + 1) % memory;
        stored = Math.min(stored + 1, memory);
      }
      double fOld = fx;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if ((fOld - fx) <= ftol * Math.max(Math.max(Math.abs(fOld), Math.abs(fx)), 1.0)) {
        converged = true;
        break;
      }
    }
    return new Result(x, fx, iter, evaluations, converged);
  }

  private static void direction(double[] g, boolean[] free, double[][] s, double[][] y,
      double[] rho, int stored, int head, double[] alpha, double[] d) {
    int n = g.length;
    for (int i = 0; i < n; i++) {
      d[i] = free[i] ? -g[i] : 0;
    }
    int m = s.length;
    for (int k = 0; k < stored; k++) {
      int idx = Math.floorMod(head - 1 - k, m);
      double a = rho[idx] * dotFree(s[idx], d, free);
      alpha[idx] = a;
      for (int i = 0; i < n; i++) {
        if (free[i]) {
          d[i] -= a * y[idx][i];
        }
      }
    }
    if (stored > 0) {
      int last = Math.floorMod(head - 1, m);
      double yy = dotFree(y[last], y[last], free);
      double sy = dotFree(s[last], y[last], free);
      double gamma = yy > 0 && sy > 0 ? sy / yy : 1.0;
      for (int i = 0; i < n; i++) {
        d[i] *= gamma;
      }
    }
    for (int k = stored - 1; k >= 0; k--) {
      int idx = Math.floorMod(head - 1 - k, m);
      double b = rho[idx] * dotFree(y[idx], d, free);
      for (int i = 0; i < n; i++) {
        if (free[i]) {
          d[i] += s[idx][i] * (alpha[idx] - b);
        }
      }
    }
  }

  private static double dotFree(double[] a, double[] b, boolean[] free) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      if (free[i]) {
        s += a[i] * b[i];
      }
    }
    return s;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static boolean allFinite(double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        return false;
      }
    }
    return true;
  }

  private static void project(double[] x, double[] lower, double[] upper) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
    }
  }

  @Override
  public String toString() {
    return "BoundedLbfgs[memory=" + memory + ", maxIterations=" + maxIterations + ", ftol=" + ftol
        + ", gtol=" + gtol + "]";
  }
}
