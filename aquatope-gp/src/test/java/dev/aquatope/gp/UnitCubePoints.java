package dev.aquatope.gp;

import java.util.SplittableRandom;

/** Seeded uniform points in the unit cube, the inputs the GP, kernel and optimizer tests share. */
public final class UnitCubePoints {
  private UnitCubePoints() {}

  /**
   * {@code n} points of dimension {@code d}, uniform in {@code [0, 1)^d}.
   *
   * @param n how many points
   * @param d their dimension
   * @param seed the seed; the same seed gives the same points
   * @return n x d coordinates
   */
  public static double[][] uniform(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextDouble();
      }
    }
    return x;
  }
}
