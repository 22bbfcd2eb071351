package dev.aquatope.gp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.UnitCubePoints;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Behaviour of a GP fitted around a {@link PriorMean}: extrapolation, equivalences, errors. */
class PriorMeanTest {
  private static final PriorMean TRUTH = p -> 3 + 2 * p[0];
  private static final double[][] FAR = {{0.95, 0.95}};

  /** 10 points clustered in [0, 0.3]^2 with y = 3 + 2 x0. */
  private static double[][] clustered() {
    double[][] x = UnitCubePoints.uniform(10, 2, 11);
    for (double[] row : x) {
      row[0] *= 0.3;
      row[1] *= 0.3;
    }
    return x;
  }

  private static double[] truth(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = TRUTH.at(x[i]);
    }
    return y;
  }

  @Test
  void fit_truthAsPriorMean_extrapolatesFarFromTheData() {
    double[][] x = clustered();
    double[] y = truth(x);
    double expected = TRUTH.at(FAR[0]); // 4.9
    GaussianProcess without = GaussianProcess.fit(x, y, null, GpOptions.defaults());
    GaussianProcess with = GaussianProcess.fit(x, y, null, GpOptions.defaults(), TRUTH);
    // the constant-mean GP reverts towards its mean far from the cluster: 3.669, error 1.231
    double errorWithout = Math.abs(without.posteriorMean(FAR)[0] - expected);
    assertEquals(1.231, errorWithout, 1e-3);
    // the residual is 0 everywhere, so the prediction is the prior mean
    double errorWith = Math.abs(with.posteriorMean(FAR)[0] - expected);
    assertTrue(errorWith < 0.05, "error with the prior mean " + errorWith);
    assertEquals(0.0, errorWith, 1e-9);
    // a rough per-stage model (2.9 + 1.8 x0, 0.29 off at the far point) still helps: the GP
    // learns its offset from the data, 4.777, error 0.123
    PriorMean rough = p -> 2.9 + 1.8 * p[0];
    GaussianProcess roughGp = GaussianProcess.fit(x, y, null, GpOptions.defaults(), rough);
    double errorRough = Math.abs(roughGp.posteriorMean(FAR)[0] - expected);
    assertEquals(0.123, errorRough, 1e-3);
    assertTrue(errorRough < Math.abs(rough.at(FAR[0]) - expected) && errorRough < 0.15);
  }

  @Test
  void fit_withPriorMean_equalsFitOnResidualsShifted() {
    double[][] x = UnitCubePoints.uniform(12, 2, 12);
    PriorMean m = p -> 1 - p[0] + 0.5 * p[1] * p[1];
    double[] y = new double[x.length];
    double[] residual = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.sin(6 * x[i][0]) + x[i][1];
      residual[i] = y[i] - m.at(x[i]);
    }
    GpOptions opts = GpOptions.defaults().withRestarts(2).withSeed(5);
    GaussianProcess withMean = GaussianProcess.fit(x, y, null, opts, m);
    GaussianProcess plain = GaussianProcess.fit(x, residual, null, opts);
    assertArrayEquals(plain.hyperparameters().lengthscales(),
        withMean.hyperparameters().lengthscales(), 0.0);
    assertEquals(plain.hyperparameters().noise(), withMean.hyperparameters().noise(), 0.0);
    assertEquals(plain.hyperparameters().meanConstant(),
        withMean.hyperparameters().meanConstant(), 0.0);
    assertEquals(plain.outputMean(), withMean.outputMean(), 0.0);
    assertEquals(plain.outputStd(), withMean.outputStd(), 0.0);
    assertEquals(plain.posteriorMean(FAR)[0] + m.at(FAR[0]), withMean.posteriorMean(FAR)[0],
        1e-12);
    assertArrayEquals(y, withMean.trainingOutputs(), 0.0);
  }

  @Test
  void fit_nullPriorMean_isTheOverloadWithout() {
    double[][] x = UnitCubePoints.uniform(8, 3, 13);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] * x[i][1] - x[i][2];
    }
    GaussianProcess a = GaussianProcess.fit(x, y, null, GpOptions.defaults(), null);
    GaussianProcess b = GaussianProcess.fit(x, y, null, GpOptions.defaults());
    assertFalse(a.priorMean().isPresent());
    assertFalse(b.priorMean().isPresent());
    assertArrayEquals(b.hyperparameters().lengthscales(), a.hyperparameters().lengthscales(), 0.0);
    double[][] test = UnitCubePoints.uniform(3, 3, 14);
    assertArrayEquals(b.posteriorMean(test), a.posteriorMean(test), 0.0);
  }

  @Test
  void priorMean_nonFinite_throwsNamingThePoint() {
    double[][] x = clustered();
    double[] y = truth(x);
    PriorMean nanFar = p -> p[0] > 0.9 ? Double.NaN : TRUTH.at(p);
    GpHyperparameters h = new GpHyperparameters(new double[] {0.5, 0.5}, 1.0, 0.01, 0.0);
    GaussianProcess gp = GaussianProcess.withHyperparameters(x, y, null, h, GpOptions.defaults(),
        nanFar);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> gp.posteriorMean(FAR));
    assertTrue(e.getMessage().contains("[0.95, 0.95]") && e.getMessage().contains("NaN"),
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> gp.posterior(FAR));
    assertThrows(IllegalStateException.class, () -> gp.baselinePosterior(FAR));
    assertThrows(IllegalStateException.class,
        () -> gp.withAddedPoints(FAR, new double[] {4.9}, null));
    BaselinePosterior bp = gp.baselinePosterior(x);
    int n = x.length;
    e = assertThrows(IllegalStateException.class, () -> bp.pointRow(FAR[0], new double[n], 0,
        new double[n], 0, new double[n], 0));
    assertTrue(e.getMessage().contains("[0.95, 0.95]"), e.getMessage());

    double[][] withFar = Arrays.copyOf(x, n + 1);
    withFar[n] = FAR[0];
    double[] yFar = Arrays.copyOf(y, n + 1);
    yFar[n] = 4.9;
    PriorMean infinite = p -> p[0] > 0.9 ? Double.POSITIVE_INFINITY : 0;
    e = assertThrows(IllegalStateException.class,
        () -> GaussianProcess.fit(withFar, yFar, null, GpOptions.defaults(), infinite));
    assertTrue(e.getMessage().contains("[0.95, 0.95]") && e.getMessage().contains("Infinity"),
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> GaussianProcess.withHyperparameters(withFar,
        yFar, null, h, GpOptions.defaults(), infinite));
  }
}
