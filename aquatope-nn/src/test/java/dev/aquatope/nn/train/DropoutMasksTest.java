package dev.aquatope.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DropoutMasksTest {
  @Test
  void draw_invertedDropout_valuesAndRate() {
    INDArray[] m = DropoutMasks.draw(200, new int[] {50}, 0.25, new SplittableRandom(1));
    float[] v = m[0].data().asFloat();
    int zeros = 0;
    for (float f : v) {
      assertTrue(f == 0f || Math.abs(f - 4f / 3f) < 1e-6, "value " + f);
      zeros += f == 0f ? 1 : 0;
    }
    assertEquals(0.25, zeros / (double) v.length, 0.02);
  }

  @Test
  void draw_sameSeed_sameMasks() {
    INDArray a = DropoutMasks.draw(4, new int[] {8}, 0.5, new SplittableRandom(3))[0];
    INDArray b = DropoutMasks.draw(4, new int[] {8}, 0.5, new SplittableRandom(3))[0];
    assertEquals(a, b);
  }

  @Test
  void draw_badProbability_throws() {
    assertThrows(IllegalArgumentException.class, () -> DropoutMasks.draw(1, new int[] {1}, 1.0, new SplittableRandom(1)));
  }
}
