package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multi-stage serverless workflow: a directed acyclic graph of {@link Stage}s joined by
 * {@link Edge}s (chains, parallel fan-out/fan-in and probabilistic branches; see {@link Edge} for
 * the exact semantics). Cycles, dangling edges and duplicate stage names are rejected.
 *
 * <p>Immutable. {@link #stages()} is in a topological order (stable with respect to the given
 * order), so a platform can run or price stages by iterating it.
 *
 * @param name the workflow's name
 * @param stages the stages, reordered topologically by the constructor
 * @param edges the edges
 */
public record Workflow(String name, List<Stage> stages, List<Edge> edges) {

  /** Validates the graph and sorts the stages topologically. */
  public Workflow {
    Checks.nonBlank("name", name);
    Checks.notNull("stages", stages);
    Checks.notNull("edges", edges);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("stages must not be empty (workflow '" + name + "')");
    }
    Map<String, Stage> byName = new LinkedHashMap<>();
    for (Stage s : stages) {
      Checks.notNull("stage", s);
      if (byName.put(s.name(), s) != null) {
        throw new IllegalArgumentException("duplicate stage name '" + s.name() + "' in workflow '" + name + "'");
      }
    }
    Map<String, Double> branchMass = new HashMap<>();
    java.util.Set<String> seenEdges = new java.util.HashSet<>();
    for (Edge e : edges) {
      Checks.notNull("edge", e);
      if (!byName.containsKey(e.from())) {
        throw new IllegalArgumentException("edge from unknown stage '" + e.from() + "' in workflow '" + name + "'");
      }
      if (!byName.containsKey(e.to())) {
        throw new IllegalArgumentException("edge to unknown stage '" + e.to() + "' in workflow '" + name + "'");
      }
      if (!seenEdges.add(e.from() + "\u0000" + e.to())) {
        throw new IllegalArgumentException("duplicate edge " + e.from() + " -> " + e.to());
      }
      if (e.isBranch()) {
        branchMass.merge(e.from(), e.probability(), Double::sum);
      }
    }
    branchMass.forEach((from, mass) -> {
      if (mass > 1 + 1e-9) {
        throw new IllegalArgumentException("branch probabilities leaving '" + from + "' sum to " + mass + " > 1");
      }
    });
    stages = List.copyOf(topologicalOrder(name, new ArrayList<>(byName.values()), edges));
    edges = List.copyOf(edges);
  }

  private static List<Stage> topologicalOrder(String name, List<Stage> stages, List<Edge> edges) {
    Map<String, Integer> indegree = new LinkedHashMap<>();
    for (Stage s : stages) {
      indegree.put(s.name(), 0);
    }
    for (Edge e : edges) {
      indegree.merge(e.to(), 1, Integer::sum);
    }
    Map<String, Stage> byName = new LinkedHashMap<>();
    stages.forEach(s -> byName.put(s.name(), s));
    Deque<String> ready = new ArrayDeque<>();
    indegree.forEach((s, d) -> {
      if (d == 0) {
        ready.add(s);
      }
    });
    List<Stage> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String s = ready.poll();
      order.add(byName.get(s));
      for (Edge e : edges) {
        if (e.from().equals(s) && indegree.merge(e.to(), -1, Integer::sum) == 0) {
          ready.add(e.to());
        }
      }
    }
    if (order.size() != stages.size()) {
      List<String> inCycle = new ArrayList<>();
      indegree.forEach((s, d) -> {
        if (d > 0) {
          inCycle.add(s);
        }
      });
      throw new IllegalArgumentException("workflow '" + name + "' has a cycle through stages " + inCycle);
    }
    return order;
  }

  /**
   * A chain workflow: stage i+1 runs after stage i. Each stage's function has the stage's name.
   *
   * @param name the workflow's name
   * @param stageNames the stages in order
   * @return the chain
   */
  public static Workflow chain(String name, String... stageNames) {
    List<Stage> stages = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < stageNames.length; i++) {
      stages.add(Stage.of(stageNames[i]));
      if (i > 0) {
        edges.add(Edge.of(stageNames[i - 1], stageNames[i]));
      }
    }
    return new Workflow(name, stages, edges);
  }

  /** The stage with this name, if any. */
  public Optional<Stage> stage(String stageName) {
    return stages.stream().filter(s -> s.name().equals(stageName)).findFirst();
  }

  /** The edges leaving {@code stageName}, in declaration order. */
  public List<Edge> successors(String stageName) {
    return edges.stream().filter(e -> e.from().equals(stageName)).toList();
  }

  /** The edges entering {@code stageName}, in declaration order. */
  public List<Edge> predecessors(String stageName) {
    return edges.stream().filter(e -> e.to().equals(stageName)).toList();
  }

  /** The stages with no predecessors: where an invocation of the workflow starts. */
  public List<Stage> entryStages() {
    return stages.stream().filter(s -> predecessors(s.name()).isEmpty()).toList();
  }

  /** The stages with no successors. */
  public List<Stage> exitStages() {
    return stages.stream().filter(s -> successors(s.name()).isEmpty()).toList();
  }

  /** The distinct functions of this workflow, in stage order. */
  public List<FunctionId> functions() {
    return Collections.unmodifiableList(stages.stream().map(Stage::function).distinct().toList());
  }
}
