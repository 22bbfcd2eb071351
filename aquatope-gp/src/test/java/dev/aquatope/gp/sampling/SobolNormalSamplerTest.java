package dev.aquatope.gp.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.aquatope.gp.model.GoldenData;
import org.junit.jupiter.api.Test;

/** QMC normal base samples against BoTorch's draw_sobol_normal_samples. */
class SobolNormalSamplerTest {

  @Test
  void baseSamples_d2Seed0_matchBotorch() {
    double[][] expected = GoldenData.matrix("sobol.normal_invcdf_d2_seed0_n4");
    double[][] actual = new SobolNormalSampler(4, 0).baseSamples(2);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
    }
  }

  @Test
  void baseSamples_repeatedCall_identicalValuesDefensiveCopy() {
    SobolNormalSampler sampler = new SobolNormalSampler(8, 3);
    double[][] a = sampler.baseSamples(5);
    double[][] b = sampler.baseSamples(5);
    assertNotSame(a, b);
    for (int i = 0; i < 8; i++) {
      assertArrayEquals(a[i], b[i], 0.0);
    }
  }

  @Test
  void baseSamples_256x2_haveStandardNormalMoments() {
    // BoTorch test_qmc.py: |mean| < 1e-2, |std - 1| < 1e-2, |cov01| < 1e-2
    double[][] z = new SobolNormalSampler(256, 0).baseSamples(2);
    double[] mean = new double[2];
    for (double[] row : z) {
      mean[0] += row[0] / 256;
      mean[1] += row[1] / 256;
    }
    double[] var = new double[2];
    double cov = 0;
    for (double[] row : z) {
      var[0] += (row[0] - mean[0]) * (row[0] - mean[0]) / 255;
      var[1] += (row[1] - mean[1]) * (row[1] - mean[1]) / 255;
      cov += (row[0] - mean[0]) * (row[1] - mean[1]) / 255;
    }
    assertEquals(0, mean[0], 1e-2);
    assertEquals(0, mean[1], 1e-2);
    assertEquals(1, Math.sqrt(var[0]), 1e-2);
    assertEquals(1, Math.sqrt(var[1]), 1e-2);
    assertEquals(0, cov, 1e-2);
  }

  @Test
  void erfinv_knownValues() {
    assertEquals(0.0, InverseNormal.erfinv(0.0), 0.0);
    assertEquals(0.4769362762044699, InverseNormal.erfinv(0.5), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, InverseNormal.erfinv(1.0), 0.0);
    assertEquals(true, Double.isNaN(InverseNormal.erfinv(1.5)));
  }
}
