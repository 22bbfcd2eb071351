package dev.aquatope.gp.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.kernel.KernelType;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Invariants of the GP posterior and of its psd-safe Cholesky. */
class GaussianProcessProperties {

  private static GaussianProcess model(long seed, int n, int d, double lengthscale, double noise,
      int duplicates) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n + duplicates][d];
    double[] y = new double[n + duplicates];
    for (int i = 0; i < n + duplicates; i++) {
      if (i >= n) {
        x[i] = x[r.nextInt(n)].clone();
      } else {
        for (int j = 0; j < d; j++) {
          x[i][j] = r.nextDouble();
        }
      }
      y[i] = Math.cos(5 * x[i][0]) + r.nextDouble() * 0.1;
    }
    double[] ls = new double[d];
    java.util.Arrays.fill(ls, lengthscale);
    double[] yVar = new double[n + duplicates];
    java.util.Arrays.fill(yVar, noise);
    return GaussianProcess.withHyperparameters(x, y, yVar, new GpHyperparameters(ls, 1.0, 0, 0),
        GpOptions.defaults().withKernel(KernelType.MATERN52));
  }

  @Property(tries = 60)
  void posteriorVariance_isNonNegativeAndShrinksAtObservedPoints(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 25) int n, @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @DoubleRange(min = 0.01, max = 3.0) double lengthscale,
      @ForAll @DoubleRange(min = 0.0, max = 0.5) double noise) {
    GaussianProcess gp = model(seed, n, d, lengthscale, noise, 0);
    double priorVar = gp.outputStd() * gp.outputStd();
    double[][] x = gp.trainingInputs();
    double[] atObserved = gp.posteriorVariance(x);
    for (double v : atObserved) {
      assertTrue(v >= 0 && v <= priorVar * (1 + 1e-9), "variance " + v + " prior " + priorVar);
    }
    double[][] far = new double[3][d];
    SplittableRandom r = new SplittableRandom(seed + 1);
    for (double[] row : far) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextDouble();
      }
    }
    for (double v : gp.posteriorVariance(far)) {
      assertTrue(v >= 0 && v <= priorVar * (1 + 1e-9));
    }
  }

  @Property(tries = 40)
  void cholesky_duplicateRowsAndTinyLengthscales_neverThrows(@ForAll long seed,
      @ForAll @IntRange(min = 2, max = 20) int n, @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 10) int duplicates,
      @ForAll @DoubleRange(min = 1e-4, max = 10.0) @Scale(6) double lengthscale) {
    GaussianProcess gp = model(seed, n, d, lengthscale, 0.0, duplicates);
    double[] mean = gp.posteriorMean(gp.trainingInputs());
    double[] var = gp.posteriorVariance(gp.trainingInputs());
    for (int i = 0; i < mean.length; i++) {
      assertTrue(Double.isFinite(mean[i]) && Double.isFinite(var[i]) && var[i] >= 0);
    }
    assertTrue(Double.isFinite(gp.logMarginalLikelihoodPerPoint()));
    for (double s : gp.leaveOneOut().std()) {
      assertTrue(Double.isFinite(s) && s >= 0);
    }
  }
}
