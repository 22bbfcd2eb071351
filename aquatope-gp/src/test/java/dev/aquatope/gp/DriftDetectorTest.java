package dev.aquatope.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
  private static final DriftOptions FOUR_OF_SIX = DriftOptions.defaults();

  @Test
  void record_fourSurprisesAmongTheLastSix_declaresDriftAtTheFourth() {
    DriftDetector d = new DriftDetector(FOUR_OF_SIX);
    boolean[] judged = {false, true, false, false, true, true, false, true};
    List<Boolean> declared = new ArrayList<>();
    for (boolean b : judged) {
      declared.add(d.record(b));
    }
    // the window slides: at the 8th judgement the last six are F F T T F T -> 3 surprises; the
    // first surprise (index 1) has left it
    assertEquals(List.of(false, false, false, false, false, false, false, false), declared);
    assertEquals(6, d.size());
    assertEquals(3, d.surprises());
    assertTrue(d.record(true));
    assertEquals(4, d.surprises());
  }

  @Test
  void changePoint_isTheFirstSurpriseOfTheWindow_indexedAmongAllObservations() {
    DriftDetector d = new DriftDetector(FOUR_OF_SIX);
    for (boolean b : new boolean[] {false, false, true, true, false, true}) {
      d.record(b);
    }
    // 40 observations so far: the window covers observations 34..39
    assertEquals(36, d.changePoint(40));
    assertEquals(Set.of(36, 37, 39), d.surprisingObservations(40));
    // the trailing run of surprises starts at 39: 36 and 37 may be mispredicted old measurements
    assertEquals(39, d.latestChangePoint(40));
    d.record(true);
    assertEquals(39, d.latestChangePoint(41));
    d.record(false);
    assertEquals(42, d.latestChangePoint(42), "the window ends without a surprise: no trailing run");
    d.clear();
    assertEquals(40, d.changePoint(40), "no surprise: no change point");
    assertEquals(Set.of(), d.surprisingObservations(40));
  }

  @Test
  void changePoint_fewerObservationsThanTheWindow_throws() {
    DriftDetector d = new DriftDetector(FOUR_OF_SIX);
    d.record(true);
    d.record(false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.changePoint(1));
    assertEquals("observationCount must be >= the window size 2, was 1", e.getMessage());
  }

  @Test
  void restore_roundTripsTheWindowAndRejectsInvalidOnes() {
    DriftDetector d = new DriftDetector(FOUR_OF_SIX);
    for (boolean b : new boolean[] {true, false, true}) {
      d.record(b);
    }
    DriftDetector back = new DriftDetector(FOUR_OF_SIX);
    back.restore(d.window());
    assertEquals(List.of(true, false, true), back.window());
    assertFalse(back.record(true)); // T F T T: 3 surprises
    assertTrue(back.record(true), "the restored window counts the saved surprises");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> back.restore(Collections.nCopies(7, false)));
    assertEquals("saved drift window must have at most 6 entries, had 7", e.getMessage());
    List<Boolean> withNull = new ArrayList<>(List.of(true));
    withNull.add(null);
    assertThrows(IllegalArgumentException.class, () -> back.restore(withNull));
  }

  @Test
  void driftOptions_invalidCombinations_throwNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DriftOptions(true, 4, 5, 3.0, 15, 3));
    assertEquals("surprises must be <= lookback (4), was 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new DriftOptions(true, 6, 4, 3.0, 1, 3));
    assertEquals("minObservations must be >= 2, was 1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DriftOptions(true, 6, 4, Double.NaN, 15, 3));
    assertThrows(IllegalArgumentException.class, () -> new DriftOptions(true, 6, 4, 3.0, 15, -1));
    e = assertThrows(IllegalArgumentException.class, () -> DriftOptions.defaults().withMinPredictiveStd(-0.1));
    assertTrue(e.getMessage().contains("minPredictiveStd") && e.getMessage().contains("-0.1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DriftOptions.defaults().withMinPredictiveStd(Double.NaN));
    assertEquals(0.0, new DriftOptions(true, 6, 4, 3.0, 15, 3).minPredictiveStd());
    assertEquals(0.1, DriftOptions.defaults().minPredictiveStd());
    assertEquals(3, DriftOptions.defaults().reexplore());
    assertEquals(DriftOptions.defaults().withMinPredictiveStd(0.1), DriftOptions.defaults());
    assertEquals(5, DriftOptions.defaults().withReexplore(5).reexplore());
    assertEquals(0.1, DriftOptions.defaults().withReexplore(5).minPredictiveStd());
    assertThrows(IllegalArgumentException.class, () -> DriftOptions.defaults().withReexplore(-1));
    e = assertThrows(IllegalArgumentException.class, () -> DriftOptions.defaults().withBatchSurprises(-1));
    assertTrue(e.getMessage().contains("batchSurprises") && e.getMessage().contains("-1"), e.getMessage());
    assertEquals(2, DriftOptions.defaults().batchSurprises());
    assertEquals(0, new DriftOptions(true, 6, 4, 3.0, 15, 3, 0.1).batchSurprises());
    assertEquals(2, DriftOptions.defaults().withReexplore(5).withMinPredictiveStd(0).batchSurprises());
    assertFalse(DriftOptions.disabled().enabled());
  }
}
