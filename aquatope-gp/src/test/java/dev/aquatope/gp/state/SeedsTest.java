package dev.aquatope.gp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void derive_sameInputs_sameSeed() {
    assertEquals(Seeds.derive(42, 3, 7), Seeds.derive(42, 3, 7));
    assertEquals(Seeds.random(42, 3, 7).nextLong(), Seeds.random(42, 3, 7).nextLong());
  }

  @Test
  void derive_neighbouringInputs_allDistinct() {
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 4; seed++) {
      for (int stream = 0; stream < 8; stream++) {
        for (long c = 0; c < 64; c++) {
          seen.add(Seeds.derive(seed, stream, c));
        }
      }
    }
    assertEquals(4 * 8 * 64, seen.size());
    assertNotEquals(Seeds.derive(1, 2, 3), Seeds.derive(1, 3, 2));
  }
}
