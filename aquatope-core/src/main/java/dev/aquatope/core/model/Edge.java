package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * A directed edge of a {@link Workflow} DAG: when {@code from} finishes, {@code to} may run.
 *
 * <p>Semantics, shared by every platform:
 * <ul>
 *   <li>An edge with {@code probability == 1} is always taken (a chain step or a fan-out branch).
 *   <li>The edges leaving one stage with {@code probability < 1} form one exclusive
 *       probabilistic branch: exactly one of them is taken with its probability, or none with
 *       the remainder {@code 1 - sum}. Their probabilities must sum to at most 1.
 *   <li>{@code multiplicity > 1} invokes the target that many times in parallel (a fan-out of
 *       chunks, e.g. the video workflow's transcoding).
 *   <li>A stage with several predecessors (fan-in) starts when every invocation of every
 *       predecessor that ran in this workflow invocation has finished.
 * </ul>
 *
 * @param from name of the upstream stage
 * @param to name of the downstream stage
 * @param probability probability that the edge is taken, in (0, 1]
 * @param multiplicity number of parallel invocations of {@code to} per taken edge, {@code >= 1}
 */
public record Edge(String from, String to, double probability, int multiplicity) {
  /** Validates the fields. */
  public Edge {
    Checks.nonBlank("from", from);
    Checks.nonBlank("to", to);
    if (from.equals(to)) {
      throw new IllegalArgumentException("edge must join two different stages, was " + from + " -> " + to);
    }
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1], was " + probability);
    }
    Checks.positive("multiplicity", multiplicity);
  }

  /** An always-taken edge with multiplicity 1. */
  public static Edge of(String from, String to) {
    return new Edge(from, to, 1.0, 1);
  }

  /** Whether this edge belongs to its source's exclusive probabilistic branch. */
  public boolean isBranch() {
    return probability < 1.0;
  }
}
