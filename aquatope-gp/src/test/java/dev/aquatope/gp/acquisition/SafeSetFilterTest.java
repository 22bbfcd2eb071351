package dev.aquatope.gp.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.sampling.SobolEngine;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class SafeSetFilterTest {
  private static final double[][] X = new SobolEngine(2, true, 5).draw(16);
  /** Latency falls with the first coordinate: {@code 1 - x0}. */
  private static final GaussianProcess LATENCY = GaussianProcess.fit(X,
      ConstrainedQNoisyExpectedImprovementTest.latency(X), null, GpOptions.defaults());
  private static final double BOUND = 0.5;

  @Test
  void probability_matchesPredictiveNormalCdf() {
    double noise = 0.01;
    SafeSetFilter f = new SafeSetFilter(LATENCY, BOUND, noise, 0.8);
    double[][] x = {{0.37, 0.81}};
    double mean = LATENCY.posteriorMean(x)[0];
    double sd = Math.sqrt(LATENCY.posteriorVariance(x)[0] + noise);
    double expected = new NormalDistribution(mean, sd).cumulativeProbability(BOUND);
    assertEquals(expected, f.probability(x[0]), 1e-12);
    // latency 1 - x0: far below the bound at x0 = 0.95, far above at x0 = 0.05
    assertTrue(f.probability(new double[] {0.95, 0.5}) > 0.99);
    assertTrue(f.probability(new double[] {0.05, 0.5}) < 0.01);
  }

  @Test
  void probability_uncertainPriorMean_addsItsVarianceToThePredictiveSpread() {
    double noise = 0.01;
    // the prior-mean variance grows with x1: 0 at x1 = 0, 0.04 at x1 = 1
    SafeSetFilter f = new SafeSetFilter(LATENCY, BOUND, noise, 0.8, x -> 0.04 * x[1]);
    double[][] x = {{0.62, 0.5}};
    double mean = LATENCY.posteriorMean(x)[0];
    double sd = Math.sqrt(LATENCY.posteriorVariance(x)[0] + noise + 0.02);
    assertEquals(new NormalDistribution(mean, sd).cumulativeProbability(BOUND), f.probability(x[0]), 1e-12);
    // a point just below the bound is less surely feasible when the prior mean is uncertain
    SafeSetFilter plain = new SafeSetFilter(LATENCY, BOUND, noise, 0.8);
    assertTrue(f.probability(new double[] {0.62, 1.0}) < plain.probability(new double[] {0.62, 1.0}));
    assertEquals(plain.probability(new double[] {0.62, 0.0}), f.probability(new double[] {0.62, 0.0}), 0.0);
    SafeSetFilter bad = new SafeSetFilter(LATENCY, BOUND, noise, 0.8, z -> Double.NaN);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> bad.probability(new double[] {0.5, 0.5}));
    assertEquals("prior-mean variance at [0.5, 0.5] must be finite and >= 0, was NaN", e.getMessage());
  }

  @Test
  void restrict_safeCandidate_keepsAcquisitionValue_unsafeNeverEvaluated() {
    SafeSetFilter f = new SafeSetFilter(LATENCY, BOUND, 1e-4, 0.8);
    AtomicInteger calls = new AtomicInteger();
    AcquisitionFunction inner = c -> {
      calls.incrementAndGet();
      return -123.5 + c[0][1];
    };
    AcquisitionFunction safe = f.restrict(inner);
    assertEquals(-123.5 + 0.25, safe.evaluate(new double[][] {{0.9, 0.25}}), 0.0);
    assertEquals(1, calls.get());
    double unsafe = safe.evaluate(new double[][] {{0.1, 0.25}});
    assertEquals(1, calls.get());
    assertTrue(unsafe <= SafeSetFilter.UNSAFE_BASE && unsafe >= 2 * SafeSetFilter.UNSAFE_BASE, "" + unsafe);
    // a batch with one unsafe row is unsafe
    assertTrue(safe.evaluate(new double[][] {{0.9, 0.25}, {0.1, 0.25}}) <= SafeSetFilter.UNSAFE_BASE);
    assertEquals(1, calls.get());
  }

  @Test
  void restrict_unsafeCandidates_orderedByProbability() {
    SafeSetFilter f = new SafeSetFilter(LATENCY, BOUND, 1e-4, 0.999);
    AcquisitionFunction safe = f.restrict(c -> 0.0);
    double[] a = {0.3, 0.5};
    double[] b = {0.45, 0.5};
    assertTrue(f.probability(a) < f.probability(b));
    assertTrue(f.probability(b) < 0.999);
    assertTrue(safe.evaluate(new double[][] {a}) < safe.evaluate(new double[][] {b}));
  }

  @Test
  void withNeighbourhood_farSafeCandidate_scoresBelowNearUnsafeOne_orderedByDistance() {
    SafeSetFilter plain = new SafeSetFilter(LATENCY, BOUND, 1e-4, 0.8);
    SafeSetFilter local = plain.withNeighbourhood(new double[][] {{0.9, 0.1}, {0.7, 0.9}}, 0.3);
    AtomicInteger calls = new AtomicInteger();
    AcquisitionFunction inner = c -> {
      calls.incrementAndGet();
      return 2.5;
    };
    AcquisitionFunction acq = local.restrict(inner);
    // L1 distances to the nearest anchor: 0.1 + 0.15 = 0.25 (inside) and 0.1 + 0.4 = 0.5 (outside)
    double[] near = {0.8, 0.25};
    double[] far = {1.0, 0.5};
    assertEquals(0.25, local.distanceToAnchors(near), 1e-12);
    assertEquals(0.5, local.distanceToAnchors(far), 1e-12);
    assertTrue(plain.isSafe(far) && !local.isSafe(far) && local.isSafe(near));
    assertEquals(2.5, acq.evaluate(new double[][] {near}), 0.0);
    assertEquals(1, calls.get());
    double farScore = acq.evaluate(new double[][] {far});
    assertEquals(1, calls.get());
    // below every unsafe value (which are >= 2 UNSAFE_BASE), and nearer is better
    double unsafeNear = acq.evaluate(new double[][] {{0.45, 0.9}});
    assertTrue(local.distanceToAnchors(new double[] {0.45, 0.9}) <= 0.3 && !local.isSafe(new double[] {0.45, 0.9}));
    assertTrue(unsafeNear >= 2 * SafeSetFilter.UNSAFE_BASE && unsafeNear <= SafeSetFilter.UNSAFE_BASE, "" + unsafeNear);
    assertTrue(farScore < 2 * SafeSetFilter.UNSAFE_BASE && farScore < SafeSetFilter.FAR_BASE, "" + farScore);
    assertTrue(acq.evaluate(new double[][] {{0.3, 0.5}}) < farScore);
    // one far row makes the batch far
    assertEquals(farScore, acq.evaluate(new double[][] {near, far}), 0.0);
    // the plain filter has no neighbourhood
    assertEquals(0.0, plain.distanceToAnchors(far), 0.0);
  }

  @Test
  void withNeighbourhood_invalidArguments_throwNamingTheParameter() {
    SafeSetFilter f = new SafeSetFilter(LATENCY, BOUND, 1e-4, 0.8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.withNeighbourhood(new double[][] {{0.5, 0.5}}, 0));
    assertEquals("radius must be > 0, was 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.withNeighbourhood(new double[0][], 1));
    assertEquals("anchors must not be empty", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.withNeighbourhood(new double[][] {{0.5}}, 1));
    assertEquals("anchors[0] must have 2 coordinates, had 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.withNeighbourhood(new double[][] {{0.5, Double.NaN}}, 1));
    assertTrue(e.getMessage().startsWith("anchors[0][1]"), e.getMessage());
  }

  @Test
  void restrict_zeroThreshold_returnsSameFunction() {
    AcquisitionFunction inner = c -> 1.0;
    SafeSetFilter f = new SafeSetFilter(LATENCY, BOUND, 0, 0);
    assertSame(inner, f.restrict(inner));
    assertTrue(f.isSafe(new double[] {0.0, 0.0}));
  }

  @Test
  void noiseVariance_learnedNoise_isStandardizedNoiseTimesOutputVariance() {
    double sd = LATENCY.outputStd();
    assertEquals(LATENCY.hyperparameters().noise() * sd * sd, SafeSetFilter.noiseVariance(LATENCY), 1e-15);
    double[] y = ConstrainedQNoisyExpectedImprovementTest.latency(X);
    double[] v = new double[y.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.001 * (i + 1);
    }
    GaussianProcess fixed = GaussianProcess.fit(X, y, v, GpOptions.defaults());
    assertEquals(0.001 * 9, SafeSetFilter.noiseVariance(fixed), 1e-15);
  }

  @Test
  void constructor_invalidArguments_throwNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SafeSetFilter(LATENCY, BOUND, 0, 1.0));
    assertEquals("minProbability must be in [0, 1), was 1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SafeSetFilter(LATENCY, BOUND, 0, Double.NaN));
    assertEquals("minProbability must be in [0, 1), was NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SafeSetFilter(LATENCY, Double.NaN, 0, 0.5));
    assertTrue(e.getMessage().contains("bound"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SafeSetFilter(LATENCY, BOUND, -1, 0.5));
    assertTrue(e.getMessage().contains("noiseVariance"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SafeSetFilter(null, BOUND, 0, 0.5));
  }
}
