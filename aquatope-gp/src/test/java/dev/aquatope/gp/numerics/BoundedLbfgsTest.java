package dev.aquatope.gp.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bounded L-BFGS on problems with known minima. */
class BoundedLbfgsTest {
  private static final BoundedLbfgs.Objective ROSENBROCK = (x, g) -> {
    double a = 1 - x[0];
    double b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  };

  @Test
  void minimize_rosenbrockUnbounded_findsOne() {
    BoundedLbfgs.Result r = new BoundedLbfgs(10, 1000, 1e-15, 1e-10).minimize(ROSENBROCK,
        new double[] {-1.2, 1.0}, new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
        new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY});
    assertArrayEquals(new double[] {1, 1}, r.x(), 1e-5);
    assertTrue(r.value() < 1e-10);
  }

  @Test
  void minimize_activeBound_stopsOnTheBound() {
    // min (x - 2)^2 + (y + 1)^2 on [0, 1] x [0, 5]  =>  (1, 0)
    BoundedLbfgs.Objective f = (x, g) -> {
      g[0] = 2 * (x[0] - 2);
      g[1] = 2 * (x[1] + 1);
      return (x[0] - 2) * (x[0] - 2) + (x[1] + 1) * (x[1] + 1);
    };
    BoundedLbfgs.Result r = BoundedLbfgs.withDefaults(100).minimize(f, new double[] {0.5, 3},
        new double[] {0, 0}, new double[] {1, 5});
    assertArrayEquals(new double[] {1, 0}, r.x(), 1e-12);
    assertEquals(2.0, r.value(), 1e-12);
    assertTrue(r.converged());
  }

  @Test
  void minimize_nanRegion_backsOffInsteadOfFailing() {
    // f is NaN for x < 0.5; minimum at the boundary of the valid region is approached from inside
    BoundedLbfgs.Objective f = (x, g) -> {
      if (x[0] < 0.5) {
        return Double.NaN;
      }
      g[0] = 2 * (x[0] - 1);
      return (x[0] - 1) * (x[0] - 1);
    };
    BoundedLbfgs.Result r = BoundedLbfgs.withDefaults(100).minimize(f, new double[] {3},
        new double[] {Double.NEGATIVE_INFINITY}, new double[] {Double.POSITIVE_INFINITY});
    assertEquals(1.0, r.x()[0], 1e-6);
  }

  @Test
  void minimize_badBounds_throw() {
    assertThrows(IllegalArgumentException.class, () -> BoundedLbfgs.withDefaults(10).minimize(
        ROSENBROCK, new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> new BoundedLbfgs(0, 10, 1e-9, 1e-5));
  }
}
