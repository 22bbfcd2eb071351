package dev.aquatope.gp.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GridSearchOptionsTest {
  @Test
  void new_restartsAboveRawSamples_throwsNamingBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GridSearchOptions(8, 9, 10, 0));
    assertEquals("numRestarts must be <= rawSamples (8), was 9", e.getMessage());
  }

  @Test
  void new_zeroRawSamples_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GridSearchOptions(0, 1, 10, 0));
    assertEquals("rawSamples must be >= 1, was 0", e.getMessage());
  }

  @Test
  void new_negativeMoves_throws() {
    assertThrows(IllegalArgumentException.class, () -> new GridSearchOptions(8, 1, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new GridSearchOptions(8, 1, 1, -1));
  }

  @Test
  void defaults_areTheDocumentedValues() {
    assertEquals(new GridSearchOptions(1024, 10, 200, 20), GridSearchOptions.defaults());
  }
}
