package dev.aquatope.core.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BudgetTest {

  @Test
  void constructor_noLimitOrBadLimit_isRejected() {
    assertEquals("a budget needs maxEvaluations or maxWallTime (or both), had neither",
        assertThrows(IllegalArgumentException.class, () -> new Budget(OptionalInt.empty(), Optional.empty()))
            .getMessage());
    assertEquals("maxEvaluations must be > 0, was 0",
        assertThrows(IllegalArgumentException.class, () -> Budget.evaluations(0)).getMessage());
    assertEquals("maxWallTime must be > 0, was PT-1S",
        assertThrows(IllegalArgumentException.class, () -> Budget.wallTime(Duration.ofSeconds(-1))).getMessage());
  }

  @Test
  void remainingEvaluations_andWallTime() {
    Budget b = Budget.of(70, Duration.ofHours(1));
    assertEquals(20, b.remainingEvaluations(50));
    assertEquals(0, b.remainingEvaluations(80));
    assertEquals(Integer.MAX_VALUE, Budget.wallTime(Duration.ofHours(1)).remainingEvaluations(1000));
    assertFalse(b.wallTimeSpent(Duration.ofMinutes(59)));
    assertTrue(b.wallTimeSpent(Duration.ofMinutes(60)));
    assertFalse(Budget.evaluations(3).wallTimeSpent(Duration.ofDays(365)));
  }
}
