package dev.aquatope.gp.sampling;

/**
 * The error function of Sun's fdlibm ({@code s_erf.c}), which is also what glibc's {@code erf}
 * computes, so that torch's {@code erfinv} Newton steps can be reproduced in Java (neither
 * {@link Math} nor Commons Math has an erf with the same rounding; Commons Math's
 * {@code Erf.erf} goes through the regularized gamma function and differs by a few ulps).
 *
 * <p>Polynomials are evaluated in glibc's order (Shimizu's pipelined rewrite of fdlibm), since
 * the last bits of erf decide the last bits of the Newton-refined erfinv.
 *
 * <p>The polynomial coefficients are those published in fdlibm:
 * <pre>
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this software is freely granted, provided
 * that this notice is preserved.
 * </pre>
 */
final class Fdlibm {
  private static final double TINY = 1e-300;
  private static final double ERX = 8.45062911510467529297e-01;
  private static final double EFX = 1.28379167095512586316e-01;
  private static final double EFX8 = 1.02703333676410069053e+00;
  private static final double PP0 = 1.28379167095512558561e-01;
  private static final double PP1 = -3.25042107247001499370e-01;
  private static final double PP2 = -2.84817495755985104766e-02;
  private static final double PP3 = -5.77027029648944159157e-03;
  private static final double PP4 = -2.37630166566501626084e-05;
  private static final double QQ1 = 3.97917223959155352819e-01;
  private static final double QQ2 = 6.50222499887672944485e-02;
  private static final double QQ3 = 5.08130628187576562776e-03;
  private static final double QQ4 = 1.32494738004321644526e-04;
  private static final double QQ5 = -3.96022827877536812320e-06;
  private static final double PA0 = -2.36211856075265944077e-03;
  private static final double PA1 = 4.14856118683748331666e-01;
  private static final double PA2 = -3.72207876035701323847e-01;
  private static final double PA3 = 3.18346619901161753674e-01;
  private static final double PA4 = -1.10894694282396677476e-01;
  private static final double PA5 = 3.54783043256182359371e-02;
  private static final double PA6 = -2.16637559486879084300e-03;
  private static final double QA1 = 1.06420880400844228286e-01;
  private static final double QA2 = 5.40397917702171048937e-01;
  private static final double QA3 = 7.18286544141962662868e-02;
  private static final double QA4 = 1.26171219808761642112e-01;
  private static final double QA5 = 1.36370839120290507362e-02;
  private static final double QA6 = 1.19844998467991074170e-02;
  private static final double RA0 = -9.86494403484714822705e-03;
  private static final double RA1 = -6.93858572707181764372e-01;
  private static final double RA2 = -1.05586262253232909814e+01;
  private static final double RA3 = -6.23753324503260060396e+01;
  private static final double RA4 = -1.62396669462573470355e+02;
  private static final double RA5 = -1.84605092906711035994e+02;
  private static final double RA6 = -8.12874355063065934246e+01;
  private static final double RA7 = -9.81432934416914548592e+00;
  private static final double SA1 = 1.96512716674392571292e+01;
  private static final double SA2 = 1.37657754143519042600e+02;
  private static final double SA3 = 4.34565877475229228821e+02;
  private static final double SA4 = 6.45387271733267880336e+02;
  private static final double SA5 = 4.29008140027567833386e+02;
  private static final double SA6 = 1.08635005541779435134e+02;
  private static final double SA7 = 6.57024977031928170135e+00;
  private static final double SA8 = -6.04244152148580987438e-02;
  private static final double RB0 = -9.86494292470009928597e-03;
  private static final double RB1 = -7.99283237680523006574e-01;
  private static final double RB2 = -1.77579549177547519889e+01;
  private static final double RB3 = -1.60636384855821916062e+02;
  private static final double RB4 = -6.37566443368389627722e+02;
  private static final double RB5 = -1.02509513161107724954e+03;
  private static final double RB6 = -4.83519191608651397019e+02;
  private static final double SB1 = 3.03380607434824582924e+01;
  private static final double SB2 = 3.25792512996573918826e+02;
  private static final double SB3 = 1.53672958608443695994e+03;
  private static final double SB4 = 3.19985821950859553908e+03;
  private static final double SB5 = 2.55305040643316442583e+03;
  private static final double SB6 = 4.74528541206955367215e+02;
  private static final double SB7 = -2.24409524465858183362e+01;

  private Fdlibm() {}

  /** erf(x), fdlibm's algorithm and coefficients. */
  static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? 1.0 : -1.0;
    }
    int hx = (int) (Double.doubleToRawLongBits(x) >>> 32);
    int ix = hx & 0x7fffffff;
    if (ix < 0x3feb0000) { // |x| < 0.84375
      if (ix < 0x3e300000) { // |x| < 2^-28
        if (ix < 0x00800000) {
          return 0.125 * (8.0 * x + EFX8 * x);
        }
        return x + EFX * x;
      }
      double z = x * x;
      double z2 = z * z;
      double z4 = z2 * z2;
      double r = (PP0 + z * PP1) + z2 * (PP2 + z * PP3) + z4 * PP4;
      double s = (1.0 + z * QQ1) + z2 * (QQ2 + z * QQ3) + z4 * (QQ4 + z * QQ5);
      return x + x * (r / s);
    }
    if (ix < 0x3ff40000) { // 0.84375 <= |x| < 1.25
      double s = Math.abs(x) - 1.0;
      double s2 = s * s;
      double s4 = s2 * s2;
      double s6 = s4 * s2;
      double p = (PA0 + s * PA1) + s2 * (PA2 + s * PA3) + s4 * (PA4 + s * PA5) + s6 * PA6;
      double q = (1.0 + s * QA1) + s2 * (QA2 + s * QA3) + s4 * (QA4 + s * QA5) + s6 * QA6;
      return hx >= 0 ? ERX + p / q : -ERX - p / q;
    }
    if (ix >= 0x40180000) { // |x| >= 6
      return hx >= 0 ? 1.0 - TINY : TINY - 1.0;
    }
    double ax = Math.abs(x);
    double s = 1.0 / (ax * ax);
    double s2 = s * s;
    double s4 = s2 * s2;
    double s6 = s4 * s2;
    double r;
    double big;
    if (ix < 0x4006DB6E) { // |x| < 1/0.35
      double s8 = s4 * s4;
      r = (RA0 + s * RA1) + s2 * (RA2 + s * RA3) + s4 * (RA4 + s * RA5) + s6 * (RA6 + s * RA7);
      big = (1.0 + s * SA1) + s2 * (SA2 + s * SA3) + s4 * (SA4 + s * SA5) + s6 * (SA6 + s * SA7)
          + s8 * SA8;
    } else {
      r = (RB0 + s * RB1) + s2 * (RB2 + s * RB3) + s4 * (RB4 + s * RB5) + s6 * RB6;
      big = (1.0 + s * SB1) + s2 * (SB2 + s * SB3) + s4 * (SB4 + s * SB5) + s6 * (SB6 + s * SB7);
    }
    double z = Double.longBitsToDouble(Double.doubleToRawLongBits(ax) & 0xffffffff00000000L);
    double e = StrictMath.exp(-z * z - 0.5625) * StrictMath.exp((z - ax) * (z + ax) + r / big);
    return hx >= 0 ? 1.0 - e / ax : e / ax - 1.0;
  }
}
