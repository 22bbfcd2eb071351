package dev.aquatope.gp.acquisition;

import dev.aquatope.gp.model.BaselinePosterior;
import dev.aquatope.gp.numerics.PsdCholesky;
import org.ejml.data.DMatrixRMaj;

/**
 * Joint posterior samples at a fixed point set for m independent outputs, BoTorch's layout:
 * {@code S[j][k * n + i] = mu_j[i] + sum_l L_j[i][l] * Z[k][l * m + j]}.
 */
final class BaselineSamples {
  private BaselineSamples() {}

  /** Lower Cholesky factors (row-major) of each output's baseline posterior covariance. */
  static double[][] roots(BaselinePosterior[] posteriors, double maxJitter) {
    double[][] roots = new double[posteriors.length][];
    PsdCholesky chol = new PsdCholesky(maxJitter);
    for (int j = 0; j < posteriors.length; j++) {
      DMatrixRMaj l = new DMatrixRMaj(1, 1);
      chol.decompose(posteriors[j].covariance(), l, posteriors[j].priorVariance());
      roots[j] = l.data.clone();
    }
    return roots;
  }

  /** Samples S[j][k * n + i] for the first n points, from base samples with m outputs. */
  static double[][] draw(BaselinePosterior[] posteriors, double[][] roots, double[][] z) {
    int m = posteriors.length;
    int n = posteriors[0].size();
    int samples = z.length;
    double[][] s = new double[m][samples * n];
    for (int j = 0; j < m; j++) {
      double[] mu = posteriors[j].mean();
      double[] l = roots[j];
      for (int k = 0; k < samples; k++) {
        double[] zk = z[k];
        for (int i = 0; i < n; i++) {
          double v = mu[i];
          int row = i * n;
          for (int t = 0; t <= i; t++) {
            v += l[row + t] * zk[t * m + j];
          }
          s[j][k * n + i] = v;
        }
      }
    }
    return s;
  }
}
