package dev.aquatope.gp.acquisition;

import dev.aquatope.gp.numerics.SafeMath;

/**
 * The per-sample arithmetic of (constrained) qNEI and qLogNEI, separated from the sampling so it
 * can be checked against BoTorch's dumped joint samples. All arrays are sample-major
 * ({@code a[k * stride + i]}); nothing is allocated.
 */
final class SampleReduction {
  /** BoTorch's tau_relu of qLogNEI. */
  static final double TAU_RELU = 1e-6;
  /** BoTorch's tau_max of qLogNEI. */
  static final double TAU_MAX = 1e-2;

  private SampleReduction() {}

  /**
   * BoTorch's compute_best_feasible_objective over points [from, from + count) of each sample.
   *
   * @param obj output-0 samples (sign applied here)
   * @param con latency samples or null
   * @param infeasibleValue value of infeasible entries when some sample has no feasible point
   */
  static void bestFeasible(double[] obj, double[] con, double sign, double bound,
      double infeasibleValue, int samples, int from, int stride, int count, double[] out) {
    boolean everySampleFeasible = true;
    if (con != null) {
      for (int k = 0; k < samples && everySampleFeasible; k++) {
        boolean any = false;
        for (int i = 0; i < count; i++) {
          if (con[k * stride + from + i] - bound <= 0) {
            any = true;
            break;
          }
        }
        everySampleFeasible = any;
      }
    }
    double fill = everySampleFeasible ? Double.NEGATIVE_INFINITY : infeasibleValue;
    for (int k = 0; k < samples; k++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < count; i++) {
        int t = k * stride + from + i;
        double v = sign * obj[t];
        if (con != null && !(con[t] - bound <= 0)) {
          v = fill;
        }
        if (v > best) {
          best = v;
        }
      }
      out[k] = best;
    }
  }

  /**
   * Reduces candidate samples {@code obj/con[k * q + i]} to the acquisition value.
   *
   * @param bound the latency bound, or NaN for no constraint
   * @param utility scratch of length q
   * @param perSample scratch of length samples
   */
  static double reduce(double[] obj, double[] con, double sign, double bound, double eta,
      boolean log, double[] bestF, int samples, int q, double[] utility, double[] perSample) {
    boolean constrained = !Double.isNaN(bound);
    double total = 0;
    for (int k = 0; k < samples; k++) {
      double best = 0.0;
      for (int i = 0; i < q; i++) {
        int t = k * q + i;
        double improvement = sign * obj[t] - bestF[k];
        if (log) {
          double u = SafeMath.logFatplus(improvement, TAU_RELU);
          if (constrained) {
            u += SafeMath.logFatmoid(-(con[t] - bound) / eta);
          }
          utility[i] = u;
        } else {
          double u = Math.max(improvement, 0.0);
          if (constrained) {
            u *= Math.exp(SafeMath.logExpit(-(con[t] - bound) / eta));
          }
          if (u > best) {
            best = u;
          }
        }
      }
      if (log) {
        perSample[k] = SafeMath.fatMax(utility, 0, q, TAU_MAX);
      } else {
        total += best;
      }
    }
    return log ? SafeMath.logMeanExp(perSample, 0, samples) : total / samples;
  }
}
