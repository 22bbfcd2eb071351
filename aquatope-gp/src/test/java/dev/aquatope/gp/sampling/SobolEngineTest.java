package dev.aquatope.gp.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.gp.model.GoldenData;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

/** Bit-exactness of the torch SobolEngine port (GP_REFERENCE 2.3, golden tier 3). */
class SobolEngineTest {

  @Test
  void draw_unscrambled_matchesTorch() {
    double[][] expected = GoldenData.matrix("sobol.unscrambled_d3_n8");
    double[][] actual = new SobolEngine(3, false, 0).draw(8);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
    }
  }

  @Test
  void draw_scrambledSeed0_matchesTorchBitForBit() {
    double[][] expected = GoldenData.matrix("sobol.scrambled_d3_seed0_n4");
    double[][] actual = new SobolEngine(3, true, 0).draw(4);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
    }
  }

  @Test
  void draw_scrambledD6Seed12345_matchesTorchBitForBit() {
    double[][] expected = GoldenData.matrix("sobol.scrambled_d6_seed12345_n4");
    double[][] actual = new SobolEngine(6, true, 12345).draw(4);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
    }
  }

  @Test
  void draw_inTwoCalls_continuesTheSequence() {
    double[][] once = new SobolEngine(5, true, 7).draw(10);
    SobolEngine engine = new SobolEngine(5, true, 7);
    double[][] first = engine.draw(4);
    double[][] second = engine.draw(6);
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(once[i], i < 4 ? first[i] : second[i - 4], 0.0);
    }
  }

  @Test
  void draw_unscrambled_equalsCommonsMathSobolSequence() {
    // Commons Math bundles the first 1000 dimensions of the same Joe-Kuo file.
    int dim = 40;
    SobolSequenceGenerator reference = new SobolSequenceGenerator(dim);
    double[][] actual = new SobolEngine(dim, false, 0).draw(64);
    for (int i = 0; i < 64; i++) {
      assertArrayEquals(reference.nextVector(), actual[i], 1e-9, "row " + i);
    }
  }

  @Test
  void draw_highDimension_readsLateDirectionNumbers() {
    double[][] p = new SobolEngine(2000, false, 0).draw(3);
    assertEquals(0.5, p[1][1999], 0.0);
    // third point: V[d][1] = m_{d,1} << 28, so each coordinate is 0.25 or 0.75
    double v = p[2][1999];
    assertEquals(true, v == 0.25 || v == 0.75);
  }

  @Test
  void constructor_badDimension_throws() {
    assertThrows(IllegalArgumentException.class, () -> new SobolEngine(0, true, 0));
    assertThrows(IllegalArgumentException.class, () -> new SobolEngine(21202, true, 0));
  }
}
