package dev.aquatope.gp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.aquatope.gp.UnitCubePoints;
import dev.aquatope.gp.kernel.KernelType;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A GP with a prior mean {@code m} is the GP of the residual {@code y - m(x)} with {@code m(x)}
 * added to every mean: checked on random data, smooth means and hyperparameters.
 */
class PriorMeanProperties {
  private static final double REL = 1e-9;

  /** A random smooth mean {@code a + b x0 - c x1^2} (x1 = x0 in one dimension). */
  private static PriorMean smoothMean(SplittableRandom r) {
    double a = r.nextDouble(-5, 5);
    double b = r.nextDouble(-3, 3);
    double c = r.nextDouble(-3, 3);
    return p -> {
      double x1 = p.length > 1 ? p[1] : p[0];
      return a + b * p[0] - c * x1 * x1;
    };
  }

  private static double[] at(PriorMean m, double[][] xs) {
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = m.at(xs[i]);
    }
    return out;
  }

  private static void assertShifted(double[] residualMeans, double[] shift, double[] actual,
      String what) {
    assertEquals(residualMeans.length, actual.length, what);
    for (int i = 0; i < actual.length; i++) {
      double expected = residualMeans[i] + shift[i];
      assertEquals(expected, actual[i], REL * Math.max(1, Math.abs(expected)), what + "[" + i + "]");
    }
  }

  @Property(tries = 80)
  void priorMean_equalsResidualModelShiftedByTheMean(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 20) int n, @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll boolean fixedNoise, @ForAll boolean standardize) {
    SplittableRandom r = new SplittableRandom(seed);
    PriorMean m = smoothMean(r);
    double[][] x = UnitCubePoints.uniform(n, d, r.nextLong());
    double[] y = new double[n];
    double[] yVar = fixedNoise ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      y[i] = 2 + Math.sin(4 * x[i][0]) + 0.1 * r.nextDouble();
      if (yVar != null) {
        yVar[i] = r.nextDouble(0, 0.05);
      }
    }
    double[] ls = new double[d];
    for (int j = 0; j < d; j++) {
      ls[j] = r.nextDouble(0.05, 2);
    }
    GpHyperparameters h = new GpHyperparameters(ls, r.nextDouble(0.2, 3),
        fixedNoise ? 0 : r.nextDouble(1e-4, 0.3), r.nextDouble(-1, 1));
    GpOptions opts = new GpOptions(KernelType.MATERN52, PriorSet.LOGNORMAL_DIM_SCALED, standardize,
        1e-4, 1, 0);
    double[] residual = new double[n];
    double[] mx = at(m, x);
    for (int i = 0; i < n; i++) {
      residual[i] = y[i] - mx[i];
    }

    GaussianProcess withMean = GaussianProcess.withHyperparameters(x, y, yVar, h, opts, m);
    GaussianProcess plain = GaussianProcess.withHyperparameters(x, residual, yVar, h, opts);
    assertSame(m, withMean.priorMean().orElseThrow());
    assertArrayEquals(y, withMean.trainingOutputs(), 0.0);

    double[][] test = UnitCubePoints.uniform(4, d, r.nextLong());
    double[] mt = at(m, test);
    assertShifted(plain.posteriorMean(test), mt, withMean.posteriorMean(test), "posteriorMean");
    assertArrayEquals(plain.posteriorVariance(test), withMean.posteriorVariance(test), 0.0);
    Posterior pp = plain.posterior(test);
    Posterior pm = withMean.posterior(test);
    assertShifted(pp.mean(), mt, pm.mean(), "posterior.mean");
    for (int i = 0; i < test.length; i++) {
      assertArrayEquals(pp.covariance()[i], pm.covariance()[i], 0.0);
    }

    LeaveOneOut lp = plain.leaveOneOut();
    LeaveOneOut lm = withMean.leaveOneOut();
    assertShifted(lp.mean(), mx, lm.mean(), "leaveOneOut.mean");
    assertArrayEquals(lp.std(), lm.std(), 0.0);
    assertEquals(plain.logMarginalLikelihoodPerPoint(), withMean.logMarginalLikelihoodPerPoint(),
        0.0);

    // baseline: the training points plus one fresh point
    double[][] baseline = Arrays.copyOf(x, n + 1);
    baseline[n] = test[0];
    BaselinePosterior bp = plain.baselinePosterior(baseline);
    BaselinePosterior bm = withMean.baselinePosterior(baseline);
    assertShifted(bp.mean(), at(m, baseline), bm.mean(), "baseline.mean");
    assertArrayEquals(bp.covariance().data, bm.covariance().data, 0.0);
    int nb = baseline.length;
    double[] vp = new double[n];
    double[] vm = new double[n];
    double[] cp = new double[nb];
    double[] cm = new double[nb];
    double[] kp = new double[n];
    double[] km = new double[n];
    for (int j = 0; j < test.length; j++) {
      double meanP = bp.pointRow(test[j], vp, 0, cp, 0, kp, 0);
      double meanM = bm.pointRow(test[j], vm, 0, cm, 0, km, 0);
      assertShifted(new double[] {meanP}, new double[] {mt[j]}, new double[] {meanM}, "pointRow");
      assertArrayEquals(vp, vm, 0.0);
      assertArrayEquals(cp, cm, 0.0);
    }
    int q = test.length;
    double[] meanOutP = new double[q];
    double[] meanOutM = new double[q];
    double[] crossP = new double[q * nb];
    double[] crossM = new double[q * nb];
    double[] covP = new double[q * q];
    double[] covM = new double[q * q];
    bp.candidateBlock(test, q, meanOutP, crossP, covP, new double[bp.scratchLength(q)]);
    bm.candidateBlock(test, q, meanOutM, crossM, covM, new double[bm.scratchLength(q)]);
    assertShifted(meanOutP, mt, meanOutM, "candidateBlock.mean");
    assertArrayEquals(crossP, crossM, 0.0);
    assertArrayEquals(covP, covM, 0.0);
  }

  @Property(tries = 40)
  void withAddedPoints_keepsPriorMean_equalsBuildingOnAllPoints(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int n, @ForAll @IntRange(min = 1, max = 6) int added,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll boolean fixedNoise) {
    SplittableRandom r = new SplittableRandom(seed);
    PriorMean m = smoothMean(r);
    int total = n + added;
    double[][] x = UnitCubePoints.uniform(total, d, r.nextLong());
    double[] y = new double[total];
    double[] yVar = fixedNoise ? new double[total] : null;
    for (int i = 0; i < total; i++) {
      y[i] = Math.cos(3 * x[i][0]) + 0.1 * r.nextDouble();
      if (yVar != null) {
        yVar[i] = 0.01;
      }
    }
    double[] ls = new double[d];
    Arrays.fill(ls, r.nextDouble(0.1, 1.5));
    GpHyperparameters h = new GpHyperparameters(ls, 1.3, fixedNoise ? 0 : 0.05, 0.2);
    GpOptions opts = GpOptions.defaults();
    GaussianProcess first = GaussianProcess.withHyperparameters(Arrays.copyOf(x, n),
        Arrays.copyOf(y, n), yVar == null ? null : Arrays.copyOf(yVar, n), h, opts, m);
    GaussianProcess grown = first.withAddedPoints(Arrays.copyOfRange(x, n, total),
        Arrays.copyOfRange(y, n, total),
        yVar == null ? null : Arrays.copyOfRange(yVar, n, total));
    GaussianProcess all = GaussianProcess.withHyperparameters(x, y, yVar, h, opts, m);
    assertSame(m, grown.priorMean().orElseThrow());
    double[][] test = UnitCubePoints.uniform(5, d, r.nextLong());
    assertArrayEquals(all.posteriorMean(test), grown.posteriorMean(test), 0.0);
    assertArrayEquals(all.posteriorVariance(test), grown.posteriorVariance(test), 0.0);
    assertArrayEquals(all.leaveOneOut().mean(), grown.leaveOneOut().mean(), 0.0);
    assertArrayEquals(all.trainingOutputs(), grown.trainingOutputs(), 0.0);
  }
}
