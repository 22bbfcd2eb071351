package dev.aquatope.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.OptimizationProblem;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProviderOptionsTest {
  private static final String P = "demo";

  @Test
  void requireKnown_unknownKey_namesItAndTheKnownOnes() {
    ProviderOptions.requireKnown(P, Map.of("a", "1"), Set.of("a", "b"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProviderOptions.requireKnown(P, Map.of("a", "1", "zz", "2", "c", "3"), Set.of("a", "b")));
    assertEquals("unknown option 'c' for 'demo'; known: [a, b]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ProviderOptions.requireKnown(P, null, Set.of()));
  }

  @Test
  void typedValues_parseOrNameTheKeyAndValue() {
    Map<String, String> o = Map.of("n", " 12 ", "x", "0.5", "b", "FALSE", "bad", "1.5", "inf", "Infinity");
    assertEquals(12, ProviderOptions.intValue(P, o, "n", 3));
    assertEquals(3, ProviderOptions.intValue(P, o, "absent", 3));
    assertEquals(0.5, ProviderOptions.doubleValue(P, o, "x", 1.0));
    assertFalse(ProviderOptions.booleanValue(P, o, "b", true));
    assertTrue(ProviderOptions.booleanValue(P, o, "absent", true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProviderOptions.intValue(P, o, "bad", 0));
    assertEquals("option 'bad' of 'demo' must be an integer, was '1.5'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProviderOptions.doubleValue(P, o, "inf", 0));
    assertEquals("option 'inf' of 'demo' must be finite, was 'Infinity'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProviderOptions.booleanValue(P, o, "x", true));
    assertEquals("option 'x' of 'demo' must be true or false, was '0.5'", e.getMessage());
  }

  @Test
  void defaultCreateWithOptions_emptyDelegatesOtherwiseRejectsNamingTheKey() {
    AtomicInteger created = new AtomicInteger();
    ConstrainedBatchOptimizer.Provider optimizers = new ConstrainedBatchOptimizer.Provider() {
      @Override
      public String name() {
        return "plain";
      }

      @Override
      public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
        created.incrementAndGet();
        return null;
      }

      @Override
      public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) {
        throw new UnsupportedOperationException();
      }
    };
    assertNull(optimizers.create(null, 1, Map.of()));
    assertEquals(1, created.get());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> optimizers.create(null, 1, Map.of("n-init", "5")));
    assertEquals("unknown option 'n-init' for 'plain': it takes no options", e.getMessage());
    assertEquals(1, created.get());

    InvocationForecaster.Provider forecasters = new InvocationForecaster.Provider() {
      @Override
      public String name() {
        return "plain-forecaster";
      }

      @Override
      public InvocationForecaster create(long seed) {
        created.incrementAndGet();
        return null;
      }

      @Override
      public InvocationForecaster load(InputStream in) {
        throw new UnsupportedOperationException();
      }
    };
    assertNull(forecasters.create(7, Map.of()));
    assertEquals(2, created.get());
    e = assertThrows(IllegalArgumentException.class, () -> forecasters.create(7, Map.of("window", "48")));
    assertEquals("unknown option 'window' for 'plain-forecaster': it takes no options", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> forecasters.create(7, null));
  }
}
