package dev.aquatope.openwhisk.prewarm;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.util.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The merged per-function targets of a controller; merging validates every entry first. */
final class TargetBook {
  private Map<FunctionId, Integer> applied = Map.of();

  /** The merge of the applied targets with {@code update}, validated; does not change the book. */
  synchronized Map<FunctionId, Integer> merged(Map<FunctionId, Integer> update) {
    Checks.notNull("targets", update);
    Map<FunctionId, Integer> m = new TreeMap<>(applied);
    update.forEach((f, n) -> {
      Checks.notNull("function", f);
      if (n == null || n < 0) {
        throw new IllegalArgumentException("target of " + f + " must be >= 0, was " + n);
      }
      m.put(f, n);
    });
    return m;
  }

  synchronized void commit(Map<FunctionId, Integer> merged) {
    applied = Collections.unmodifiableMap(new TreeMap<>(merged));
  }

  synchronized Map<FunctionId, Integer> applied() {
    return applied;
  }
}
