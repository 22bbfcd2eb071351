package dev.aquatope.gp.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.Parameter;
import dev.aquatope.gp.UnitCubePoints;
import dev.aquatope.gp.acquisition.AcquisitionFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GridAcquisitionOptimizerTest {
  /** Four knobs with 40, 32, 10 and 1 levels. */
  static ConfigSpace space() {
    return new ConfigSpace(List.of(new Parameter("s", Knob.cpu(0.1, 4.0, 0.1)),
        new Parameter("s", Knob.memory(128, 4096, 128)), new Parameter("s", Knob.concurrency(1, 10)),
        new Parameter("t", Knob.cpu(1.0, 1.0, 0.1))));
  }


  /** A separable function with its maximum at cpu=2.7 (level 26), memory level 5, concurrency level 7. */
  static final AcquisitionFunction SEPARABLE = c -> {
    double[] u = c[0];
    return -Math.abs(u[0] - 26.0 / 39) - (u[1] - 5.0 / 31) * (u[1] - 5.0 / 31) - 0.3 * Math.abs(u[2] - 7.0 / 9);
  };

  @Test
  void maximize_separableToy_findsGridMaximum() {
    Grid grid = new Grid(space());
    GridAcquisitionOptimizer opt = new GridAcquisitionOptimizer(grid, new GridSearchOptions(64, 4, 200, 10));
    Optional<GridAcquisitionOptimizer.Result> r = opt.maximize(SEPARABLE, UnitCubePoints.uniform(64, 4, 1), Set.of(),
        new SplittableRandom(2));
    assertTrue(r.isPresent());
    assertEquals(List.of(26, 5, 7, 0), toList(r.get().point()));
    assertEquals(0.0, r.get().value(), 1e-12);
  }

  @Test
  void maximize_maximumExcluded_returnsBestOtherPoint() {
    Grid grid = new Grid(space());
    GridAcquisitionOptimizer opt = new GridAcquisitionOptimizer(grid, new GridSearchOptions(64, 4, 200, 10));
    Set<GridPoint> excluded = Set.of(new GridPoint(new int[] {26, 5, 7, 0}));
    GridAcquisitionOptimizer.Result r = opt.maximize(SEPARABLE, UnitCubePoints.uniform(64, 4, 1), excluded,
        new SplittableRandom(2)).orElseThrow();
    // The runner-up is one memory level away (a squared penalty beats the absolute ones).
    assertTrue(List.of(List.of(26, 4, 7, 0), List.of(26, 6, 7, 0)).contains(toList(r.point())), r.point().toString());
    assertFalse(excluded.contains(r.point()));
  }

  @Test
  void maximize_nanEverywhereButOnePoint_picksTheFinitePoint() {
    Grid grid = new Grid(space());
    AcquisitionFunction acq = c -> c[0][0] == 1.0 && c[0][1] == 1.0 ? 1.0 : Double.NaN;
    GridAcquisitionOptimizer opt = new GridAcquisitionOptimizer(grid, new GridSearchOptions(16, 2, 50, 5));
    double[][] raw = UnitCubePoints.uniform(15, 4, 3);
    raw = java.util.Arrays.copyOf(raw, 16);
    raw[15] = new double[] {1, 1, 0.2, 0.5};
    GridAcquisitionOptimizer.Result r = opt.maximize(acq, raw, Set.of(), new SplittableRandom(1)).orElseThrow();
    assertEquals(1.0, r.value());
  }

  @Test
  void maximize_exhaustedGrid_returnsEmpty() {
    ConfigSpace tiny = new ConfigSpace(List.of(new Parameter("s", Knob.concurrency(1, 2))));
    Grid grid = new Grid(tiny);
    Set<GridPoint> all = new HashSet<>(List.of(new GridPoint(new int[] {0}), new GridPoint(new int[] {1})));
    GridAcquisitionOptimizer opt = new GridAcquisitionOptimizer(grid, new GridSearchOptions(4, 1, 10, 1));
    assertTrue(opt.maximize(c -> 0, UnitCubePoints.uniform(4, 1, 1), all, new SplittableRandom(1)).isEmpty());
  }

  @Test
  void maximize_sameInputs_sameResult() {
    Grid grid = new Grid(space());
    GridAcquisitionOptimizer opt = new GridAcquisitionOptimizer(grid, GridSearchOptions.defaults());
    AcquisitionFunction bumpy = c -> Math.sin(7 * c[0][0]) * Math.cos(5 * c[0][1]) + c[0][2];
    var a = opt.maximize(bumpy, UnitCubePoints.uniform(1024, 4, 9), Set.of(), new SplittableRandom(4)).orElseThrow();
    var b = opt.maximize(bumpy, UnitCubePoints.uniform(1024, 4, 9), Set.of(), new SplittableRandom(4)).orElseThrow();
    assertEquals(a, b);
  }

  private static List<Integer> toList(GridPoint p) {
    List<Integer> l = new ArrayList<>();
    for (int v : p.levels()) {
      l.add(v);
    }
    return l;
  }
}
