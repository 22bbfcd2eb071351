package dev.aquatope.core.spi;

import dev.aquatope.core.util.Checks;
import java.time.Duration;

/**
 * One just-in-time prewarming rule of a workflow ({@link CascadePrewarming}): when an execution
 * of stage {@code upstream} is requested, {@code executions} executions of stage
 * {@code downstream} are expected {@code lead} later, and the platform makes sure that many
 * containers of the downstream stage's function will be ready by then.
 *
 * @param upstream the upstream stage's name
 * @param downstream the downstream stage's name (a direct successor of {@code upstream})
 * @param lead time from the upstream execution's request to the downstream executions' expected
 *     request, {@code > 0}
 * @param executions downstream executions expected per upstream execution, {@code >= 1}
 * @param keepAlive how long an idle container of the downstream stage's function is kept when no
 *     prewarm target or expected execution needs it, {@code > 0}
 */
public record CascadeRule(String upstream, String downstream, Duration lead, int executions, Duration keepAlive) {
  /** Validates every field. */
  public CascadeRule {
    Checks.nonBlank("upstream", upstream);
    Checks.nonBlank("downstream", downstream);
    if (upstream.equals(downstream)) {
      throw new IllegalArgumentException("downstream must differ from upstream, both were '" + upstream + "'");
    }
    positive("lead", lead);
    Checks.positive("executions", executions);
    positive("keepAlive", keepAlive);
  }

  private static void positive(String name, Duration d) {
    Checks.notNull(name, d);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
