package dev.aquatope.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class WindowSetTest {
  private static InvocationSeries ramp(int n) {
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = i;
    }
    return InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.TIMER, Instant.parse("2019-07-15T00:00:00Z"), c);
  }

  @Test
  void split_boundaries_are80And90Percent() {
    assertEquals(0, Split.TRAIN.start(100));
    assertEquals(80, Split.TRAIN.end(100));
    assertEquals(80, Split.VALIDATION.start(100));
    assertEquals(90, Split.VALIDATION.end(100));
    assertEquals(90, Split.TEST.start(100));
    assertEquals(100, Split.TEST.end(100));
  }

  @Test
  void of_validationSplit_targetsStayInsideTheSplit() {
    Log1pZScore id = new Log1pZScore(0, 1);
    WindowSet v = WindowSet.of(List.of(ramp(100)), Split.VALIDATION, id, 5, 3, 1, 0);
    // targets t in [80, 90) with t + 3 <= 90: t = 80..87
    assertEquals(8, v.size());
    assertEquals(80.0, v.nextCount(0));
    assertEquals(87.0, v.nextCount(7));
    INDArray x = v.inputs(v.allIndices(), 0, 1);
    assertEquals(3, x.rank());
    assertEquals(Math.log1p(75), x.getDouble(0, 0, 0), 1e-5);
    assertEquals(Math.log1p(79), x.getDouble(0, 4, 0), 1e-5);
    assertEquals(Math.log1p(82), v.targets(v.allIndices(), 0, 1).getDouble(0, 2), 1e-5);
  }

  @Test
  void of_seasonalLag_addsLaggedCountsAndFlag() {
    Log1pZScore id = new Log1pZScore(0, 1);
    WindowSet t = WindowSet.of(List.of(ramp(100)), Split.TRAIN, id, 5, 1, 1, 10);
    assertEquals(WindowSet.featureWidth(0) + 4, t.featureWidth());
    INDArray f = t.features(t.allIndices(), 0, t.size());
    int w = WindowSet.featureWidth(0);
    // sample 0 targets window 5: lag window -5 is missing
    assertEquals(0.0, f.getDouble(0, w + 3));
    // sample 10 targets window 15: windows 4, 5, 6
    assertEquals(Math.log1p(5), f.getDouble(10, w + 1), 1e-5);
    assertEquals(1.0, f.getDouble(10, w + 3));
  }

  @Test
  void forForecast_outOfRange_throws() {
    assertThrows(IllegalArgumentException.class,
        () -> WindowSet.forForecast(ramp(10), 3, 5, new Log1pZScore(0, 1), 5, 0));
  }
}
