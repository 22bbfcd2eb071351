package dev.aquatope.gp.acquisition;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.model.BaselinePosterior;
import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.sampling.SobolNormalSampler;
import java.util.TreeSet;

/**
 * BoTorch's {@code prune_inferior_points}: keeps the baseline points that are the best (feasible)
 * point in at least one joint posterior sample.
 *
 * <p>Per sample, the objective of hard-infeasible points ({@code latency - bound > 0}) is replaced
 * by the overall minimum minus 1, the argmax (first on ties) wins; the winners are returned in
 * increasing index order. The sampler is a seeded {@link SobolNormalSampler} (BoTorch draws a
 * random seed from torch's global generator instead).
 */
public final class BaselinePruning {
  /** BoTorch's default number of samples. */
  public static final int DEFAULT_SAMPLES = 2048;

  private BaselinePruning() {}

  /**
   * Indices of the points to keep.
   *
   * @param objectiveModel the GP of the objective output
   * @param objectiveSign +1 to maximize the objective model's output, -1 to minimize it (cost)
   * @param constraintModel the latency GP, or null for no constraint
   * @param bound the latency bound (ignored without a constraint model)
   * @param x the baseline points. Not modified.
   * @param numSamples number of joint samples, {@code >= 1}
   * @param seed sampler seed
   * @return sorted indices of the kept points (never empty)
   * @throws IllegalArgumentException if an argument is invalid
   */
  public static int[] keptIndices(GaussianProcess objectiveModel, double objectiveSign,
      GaussianProcess constraintModel, double bound, double[][] x, int numSamples, long seed) {
    Checks.notNull("objectiveModel", objectiveModel);
    Checks.notNull("x", x);
    Checks.positive("numSamples", numSamples);
    if (x.length == 0) {
      throw new IllegalArgumentException("x must not be empty");
    }
    if (objectiveSign != 1.0 && objectiveSign != -1.0) {
      throw new IllegalArgumentException("objectiveSign must be +1 or -1, was " + objectiveSign);
    }
    int n = x.length;
    BaselinePosterior[] post = constraintModel == null
        ? new BaselinePosterior[] {objectiveModel.baselinePosterior(x)}
        : new BaselinePosterior[] {objectiveModel.baselinePosterior(x),
            constraintModel.baselinePosterior(x)};
    int m = post.length;
    double[][] roots = BaselineSamples.roots(post, 1e-4);
    double[][] z = new SobolNormalSampler(numSamples, seed).baseSamples(n * m);
    double[][] s = BaselineSamples.draw(post, roots, z);
    return winners(s[0], m == 2 ? s[1] : null, objectiveSign, bound, numSamples, n);
  }

  /**
   * The points that are best in at least one sample, from samples {@code obj[k * n + i]}.
   *
   * @param obj objective-output samples (sign applied here). Not modified.
   * @param con latency samples, or null for no constraint. Not modified.
   */
  static int[] winners(double[] obj, double[] con, double objectiveSign, double bound,
      int numSamples, int n) {
    double[] o = new double[numSamples * n];
    double min = Double.POSITIVE_INFINITY;
    boolean anyInfeasible = false;
    for (int t = 0; t < o.length; t++) {
      o[t] = objectiveSign * obj[t];
      min = Math.min(min, o[t]);
      if (con != null && !(con[t] - bound <= 0)) {
        anyInfeasible = true;
      }
    }
    if (anyInfeasible) {
      for (int t = 0; t < o.length; t++) {
        if (!(con[t] - bound <= 0)) {
          o[t] = min - 1;
        }
      }
    }
    TreeSet<Integer> winners = new TreeSet<>();
    for (int k = 0; k < numSamples; k++) {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (o[k * n + i] > o[k * n + best]) {
          best = i;
        }
      }
      winners.add(best);
    }
    return winners.stream().mapToInt(Integer::intValue).toArray();
  }
}
