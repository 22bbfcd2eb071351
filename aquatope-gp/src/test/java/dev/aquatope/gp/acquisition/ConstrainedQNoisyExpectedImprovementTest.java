package dev.aquatope.gp.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.sampling.SobolEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour of the constrained qNEI beyond the golden values. */
class ConstrainedQNoisyExpectedImprovementTest {
  private static final double[][] X = new SobolEngine(2, true, 5).draw(12);
  private static final GaussianProcess COST = GaussianProcess.fit(X, cost(X), null,
      GpOptions.defaults());
  private static final GaussianProcess LATENCY = GaussianProcess.fit(X, latency(X), null,
      GpOptions.defaults());

  static double[] cost(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (x[i][0] - 0.3) * (x[i][0] - 0.3) + (x[i][1] - 0.6) * (x[i][1] - 0.6);
    }
    return y;
  }

  static double[] latency(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 1.0 - x[i][0];
    }
    return y;
  }

  private static ConstrainedQNoisyExpectedImprovement.Builder builder() {
    return ConstrainedQNoisyExpectedImprovement.newBuilder().costModel(COST).latencyModel(LATENCY)
        .latencyBound(0.8).baseline(X).mcSamples(64).seed(3);
  }

  @Test
  void evaluate_lowCostFeasibleCandidate_beatsHighCostOne() {
    ConstrainedQNoisyExpectedImprovement acq = builder().build();
    double good = acq.evaluate(new double[][] {{0.3, 0.6}});
    double bad = acq.evaluate(new double[][] {{0.95, 0.05}});
    assertTrue(good > bad, good + " vs " + bad);
    // infeasible (latency 1 - 0.05 > 0.8) despite a decent cost
    double infeasible = acq.evaluate(new double[][] {{0.05, 0.6}});
    assertTrue(good > infeasible, good + " vs " + infeasible);
  }

  @Test
  void evaluate_sameSeed_deterministicAcrossInstancesAndCalls() {
    double[][] c = {{0.4, 0.5}, {0.7, 0.2}};
    ConstrainedQNoisyExpectedImprovement a = builder().build();
    ConstrainedQNoisyExpectedImprovement b = builder().build();
    double first = a.evaluate(c);
    assertEquals(first, a.evaluate(c), 0.0);
    assertEquals(first, b.evaluate(c), 0.0);
  }

  @Test
  void evaluate_pendingPoints_equalAppendingThemToTheBatch() {
    double[][] pending = {{0.35, 0.55}};
    ConstrainedQNoisyExpectedImprovement withPending = ConstrainedQNoisyExpectedImprovement
        .newBuilder().costModel(COST).latencyModel(LATENCY).latencyBound(0.8).baseline(X)
        .pending(pending).mcSamples(64).seed(3).build();
    ConstrainedQNoisyExpectedImprovement plain = builder().build();
    double[] x = {0.6, 0.3};
    assertEquals(plain.evaluate(new double[][] {x, pending[0]}),
        withPending.evaluate(new double[][] {x}), 1e-15);
  }

  @Test
  void withPending_qnei_equalsBuildingWithPendingAndSharesTheBaseline() {
    double[][] pending = {{0.35, 0.55}, {0.9, 0.9}};
    ConstrainedQNoisyExpectedImprovement base = builder().build();
    ConstrainedQNoisyExpectedImprovement derived = base.withPending(pending);
    ConstrainedQNoisyExpectedImprovement built = builder().pending(pending).build();
    double[][] c = {{0.6, 0.3}};
    assertEquals(built.evaluate(c), derived.evaluate(c), 0.0);
    assertEquals(2, derived.pending().length);
    assertEquals(base.baseline().length, derived.baseline().length);
    assertEquals(base.evaluate(c), derived.withPending(new double[0][]).evaluate(c), 0.0);
  }

  @Test
  void withPending_qlognei_addsPendingToThePrunedBaseline() {
    ConstrainedQNoisyExpectedImprovement base = builder().log(true).build();
    int kept = base.baseline().length;
    ConstrainedQNoisyExpectedImprovement derived = base.withPending(new double[][] {{0.5, 0.5}});
    assertEquals(kept + 1, derived.baseline().length);
    ConstrainedQNoisyExpectedImprovement built = builder().log(true)
        .pending(new double[][] {{0.5, 0.5}}).build();
    double[][] c = {{0.25, 0.65}};
    assertEquals(built.evaluate(c), derived.evaluate(c), 0.0);
  }

  @Test
  void build_logWithPending_addsPendingToBaseline() {
    ConstrainedQNoisyExpectedImprovement acq = ConstrainedQNoisyExpectedImprovement.newBuilder()
        .costModel(COST).baseline(X).pending(new double[][] {{0.5, 0.5}}).log(true)
        .pruneBaseline(false).mcSamples(16).build();
    assertEquals(X.length + 1, acq.baseline().length);
    assertTrue(Double.isFinite(acq.evaluate(new double[][] {{0.2, 0.2}})));
  }

  @Test
  void build_pruneBaseline_keepsOnlyCandidatesForTheBest() {
    ConstrainedQNoisyExpectedImprovement pruned = builder().build();
    assertTrue(pruned.baseline().length < X.length, "kept " + pruned.baseline().length);
    ConstrainedQNoisyExpectedImprovement full = ConstrainedQNoisyExpectedImprovement.newBuilder()
        .costModel(COST).baseline(X).pruneBaseline(false).build();
    assertEquals(X.length, full.baseline().length);
  }

  @Test
  void build_nothingFeasible_usesFiniteInfeasibleValue() {
    ConstrainedQNoisyExpectedImprovement acq = ConstrainedQNoisyExpectedImprovement.newBuilder()
        .costModel(COST).latencyModel(LATENCY).latencyBound(-5.0).baseline(X).mcSamples(32)
        .build();
    double m = acq.infeasibleObjective();
    assertTrue(Double.isFinite(m) && m <= 0, "infeasible value " + m);
    double v = acq.evaluate(new double[][] {{0.9, 0.5}});
    assertTrue(v >= 0 && Double.isFinite(v));
  }

  @Test
  void evaluate_concurrentThreads_sameValuesAsSequential() throws Exception {
    ConstrainedQNoisyExpectedImprovement acq = builder().build();
    double[][][] batches = new double[40][][];
    SobolEngine s = new SobolEngine(4, true, 9);
    double[] expected = new double[batches.length];
    for (int i = 0; i < batches.length; i++) {
      double[] p = s.draw(1)[0];
      batches[i] = new double[][] {{p[0], p[1]}, {p[2], p[3]}};
      expected[i] = acq.evaluate(batches[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Double>> f = new ArrayList<>();
      for (int i = 0; i < batches.length; i++) {
        double[][] b = batches[i];
        f.add(pool.submit(() -> acq.evaluate(b)));
      }
      for (int i = 0; i < batches.length; i++) {
        assertEquals(expected[i], f.get(i).get(), 0.0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void builder_invalidUse_failsFast() {
    assertThrows(IllegalStateException.class,
        () -> ConstrainedQNoisyExpectedImprovement.newBuilder().baseline(X).build());
    assertThrows(IllegalStateException.class,
        () -> ConstrainedQNoisyExpectedImprovement.newBuilder().costModel(COST)
            .latencyModel(LATENCY).baseline(X).build());
    assertThrows(IllegalStateException.class,
        () -> ConstrainedQNoisyExpectedImprovement.newBuilder().costModel(COST).costModel(COST));
    assertThrows(IllegalStateException.class,
        () -> ConstrainedQNoisyExpectedImprovement.newBuilder().mcSamples(4).mcSamples(4));
    assertThrows(IllegalArgumentException.class,
        () -> ConstrainedQNoisyExpectedImprovement.newBuilder().eta(0.0));
    assertThrows(IllegalArgumentException.class,
        () -> ConstrainedQNoisyExpectedImprovement.newBuilder().latencyBound(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> ConstrainedQNoisyExpectedImprovement.newBuilder().baseline(new double[0][]));
    assertThrows(IllegalStateException.class,
        () -> ConstrainedQNoisyExpectedImprovement.newBuilder().costModel(COST)
            .baseline(new double[][] {{0.1, 0.2, 0.3}}).build());
    ConstrainedQNoisyExpectedImprovement acq = builder().build();
    assertThrows(IllegalArgumentException.class, () -> acq.evaluate(new double[0][]));
    assertThrows(IllegalArgumentException.class, () -> acq.evaluate(new double[][] {{0.1}}));
  }
}
