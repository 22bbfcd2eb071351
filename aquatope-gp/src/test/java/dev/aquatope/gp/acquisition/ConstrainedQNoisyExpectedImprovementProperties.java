package dev.aquatope.gp.acquisition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GpHyperparameters;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.sampling.SobolEngine;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of qNEI: non-negative, and zero on already observed noiseless points. */
class ConstrainedQNoisyExpectedImprovementProperties {

  private static GaussianProcess gp(double[][] x, long seed, double noise) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[x.length];
    double[] v = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.sin(3 * x[i][0] + r.nextDouble()) + x[i][x[i].length - 1];
      v[i] = noise;
    }
    double[] ls = new double[x[0].length];
    java.util.Arrays.fill(ls, 0.4 + r.nextDouble());
    return GaussianProcess.withHyperparameters(x, y, v, new GpHyperparameters(ls, 1.0, 0, 0),
        GpOptions.defaults());
  }

  @Property(tries = 30)
  void evaluate_anyBatch_isNonNegative(@ForAll @LongRange(min = 0, max = 1000) long seed,
      @ForAll @IntRange(min = 2, max = 15) int n, @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 3) int q, @ForAll boolean constrained,
      @ForAll boolean cacheRoot) {
    double[][] x = new SobolEngine(d, true, seed).draw(n);
    ConstrainedQNoisyExpectedImprovement.Builder b = ConstrainedQNoisyExpectedImprovement
        .newBuilder().costModel(gp(x, seed, 0.01)).baseline(x).mcSamples(16).seed(seed)
        .cacheRoot(cacheRoot);
    if (constrained) {
      b.latencyModel(gp(x, seed + 1, 0.01)).latencyBound(0.5);
    }
    ConstrainedQNoisyExpectedImprovement acq = b.build();
    double[][] cands = new SobolEngine(d, true, seed + 7).draw(q);
    double v = acq.evaluate(cands);
    assertTrue(v >= 0 && Double.isFinite(v), "value " + v);
  }

  @Property(tries = 30)
  void evaluate_observedNoiselessPoints_isZero(@ForAll @LongRange(min = 0, max = 1000) long seed,
      @ForAll @IntRange(min = 3, max = 12) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 3) int q, @ForAll boolean cacheRoot) {
    double[][] x = new SobolEngine(d, true, seed).draw(n);
    GaussianProcess model = gp(x, seed, 0.0);
    ConstrainedQNoisyExpectedImprovement acq = ConstrainedQNoisyExpectedImprovement.newBuilder()
        .costModel(model).baseline(x).mcSamples(32).seed(seed).cacheRoot(cacheRoot)
        .pruneBaseline(false).build();
    SplittableRandom r = new SplittableRandom(seed);
    double[][] cands = new double[q][];
    for (int i = 0; i < q; i++) {
      cands[i] = x[r.nextInt(n)].clone();
    }
    double v = acq.evaluate(cands);
    // exact zero up to the jitter of the psd-safe Cholesky on a (near) singular posterior
    assertTrue(v >= 0 && v < 1e-6 * model.outputStd(), "value " + v);
  }
}
