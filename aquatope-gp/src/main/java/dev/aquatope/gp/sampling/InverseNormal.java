package dev.aquatope.gp.sampling;

/**
 * The uniform-to-normal map of BoTorch's {@code NormalQMCEngine(inv_transform=True)}:
 * {@code v = 0.5 + (1 - eps)(u - 0.5)}, {@code z = sqrt2 * erfinv(2v - 1)}, with torch's CPU
 * {@code erfinv} (a rational first guess refined by two Newton steps on {@code erf}).
 *
 * <p>torch's Newton steps call the C library's {@code erf}; here fdlibm's algorithm
 * ({@link Fdlibm#erf}, the one glibc uses) stands in for it. torch's CPU kernels are compiled for
 * AVX2, where GCC contracts the first-guess polynomials into fused multiply-adds; the same
 * {@link Math#fma} calls are used here, which makes the normals equal torch's bit for bit on the
 * golden values (without them the tail region differs by a few ulps).
 */
final class InverseNormal {
  private static final double EPS = Math.ulp(1.0); // 2^-52, torch.finfo(float64).eps
  private static final double SQRT2 = Math.sqrt(2.0);
  private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
  private static final double[] A = {0.886226899, -1.645349621, 0.914624893, -0.140543331};
  private static final double[] B = {-2.118377725, 1.442710462, -0.329097515, 0.012229801};
  private static final double[] C = {-1.970840454, -1.624906493, 3.429567803, 1.641345311};
  private static final double[] D = {3.543889200, 1.637067800};

  private InverseNormal() {}

  /** Maps a uniform in [0, 1) to a standard normal exactly as BoTorch's QMC normal engine. */
  static double fromUniform(double u) {
    double v = 0.5 + (1.0 - EPS) * (u - 0.5);
    return erfinv(v * 2.0 - 1.0) * SQRT2;
  }

  /** torch's calc_erfinv for double. */
  static double erfinv(double y) {
    double yAbs = Math.abs(y);
    if (yAbs > 1.0 || Double.isNaN(y)) {
      return Double.NaN;
    }
    if (yAbs == 1.0) {
      return Math.copySign(Double.POSITIVE_INFINITY, y);
    }
    double x;
    if (yAbs <= 0.7) {
      double z = y * y;
      double num = Math.fma(Math.fma(Math.fma(A[3], z, A[2]), z, A[1]), z, A[0]);
      double dem = Math.fma(Math.fma(Math.fma(Math.fma(B[3], z, B[2]), z, B[1]), z, B[0]), z, 1.0);
      x = y * num / dem;
    } else {
      double z = Math.sqrt(-Math.log((1.0 - yAbs) / 2.0));
      double num = Math.fma(Math.fma(Math.fma(C[3], z, C[2]), z, C[1]), z, C[0]);
      double dem = Math.fma(Math.fma(D[1], z, D[0]), z, 1.0);
      x = Math.copySign(num, y) / dem;
    }
    x = x - (Fdlibm.erf(x) - y) / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
    x = x - (Fdlibm.erf(x) - y) / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
    return x;
  }
}
