package dev.aquatope.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowTest {

  @Test
  void constructor_sortsStagesTopologically() {
    Workflow wf = new Workflow("w",
        List.of(Stage.of("merge"), Stage.of("b"), Stage.of("split"), Stage.of("a")),
        List.of(Edge.of("split", "a"), Edge.of("split", "b"), Edge.of("a", "merge"), Edge.of("b", "merge")));
    assertEquals(List.of("split", "b", "a", "merge").size(), wf.stages().size());
    assertEquals("split", wf.stages().get(0).name());
    assertEquals("merge", wf.stages().get(3).name());
    assertEquals(List.of(Stage.of("split")), wf.entryStages());
    assertEquals(List.of(Stage.of("merge")), wf.exitStages());
    assertEquals(2, wf.predecessors("merge").size());
  }

  @Test
  void constructor_cycle_isRejectedNamingTheStages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Workflow("w",
        List.of(Stage.of("a"), Stage.of("b"), Stage.of("c")),
        List.of(Edge.of("a", "b"), Edge.of("b", "c"), Edge.of("c", "b"))));
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    assertTrue(e.getMessage().contains("b") && e.getMessage().contains("c"), e.getMessage());
  }

  @Test
  void constructor_danglingEdgeOrDuplicateStage_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Workflow("w", List.of(Stage.of("a")),
        List.of(Edge.of("a", "x"))));
    assertThrows(IllegalArgumentException.class, () -> new Workflow("w", List.of(Stage.of("a"), Stage.of("a")),
        List.of()));
  }

  @Test
  void constructor_branchProbabilitiesAboveOne_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Workflow("w",
        List.of(Stage.of("a"), Stage.of("b"), Stage.of("c")),
        List.of(new Edge("a", "b", 0.7, 1), new Edge("a", "c", 0.5, 1))));
    assertTrue(e.getMessage().contains("1.2"), e.getMessage());
  }

  @Test
  void chain_linksStagesInOrder() {
    Workflow wf = Workflow.chain("c", "s1", "s2", "s3");
    assertEquals(2, wf.edges().size());
    assertEquals("s2", wf.successors("s1").get(0).to());
    assertEquals(3, wf.functions().size());
  }

  @Test
  void edge_invalidProbabilityOrMultiplicity_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Edge("a", "b", 0.0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Edge("a", "b", 1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> new Edge("a", "b", 1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Edge("a", "a", 1.0, 1));
  }
}
