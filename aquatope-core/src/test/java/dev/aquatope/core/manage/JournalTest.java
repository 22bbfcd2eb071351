package dev.aquatope.core.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.StageObservation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir
  Path dir;

  private static final Configuration C = new Configuration(Map.of("a.cpu", 0.1 + 0.2, "a.memory", 256.0));
  private static final Observation O = new Observation(C, 1.23456789e-7, 0.987654321, OptionalDouble.of(1e-20),
      OptionalDouble.empty(), Instant.parse("2026-01-05T10:11:12.123456789Z"), EnumSet.of(ObservationFlag.OUTLIER),
      "z = 3.2");

  @Test
  void append_everyRecordType_readsBackEqual() throws IOException {
    List<JournalRecord> written;
    try (Journal j = Journal.open(dir, "my wf/1")) {
      written = List.of(
          new JournalRecord.Header(1, "my wf/1", "gp-qnei", -5L, "fingerprint"),
          new JournalRecord.CampaignStarted(2, 1, "initial", Instant.parse("2026-01-05T00:00:00Z")),
          new JournalRecord.Suggested(3, 1, List.of(C, C.with("a.cpu", 2.0))),
          new JournalRecord.Observed(4, 1, 7, JournalRecord.Observed.PROFILE, O),
          new JournalRecord.Applied(5, 1, C, 0.5, 0.25));
      for (JournalRecord r : written) {
        j.append(r);
      }
      JournalRecord.Snapshot s = j.writeSnapshot(out -> out.write("{\"x\":1}".getBytes(StandardCharsets.UTF_8)));
      assertEquals(new JournalRecord.Snapshot(6, 5, "my_wf_1.snapshot-5.json"), s);
      assertEquals("{\"x\":1}", Files.readString(dir.resolve("my_wf_1.snapshot-5.json")));
      assertEquals(dir.resolve("my_wf_1.journal.jsonl"), j.file());
    }
    try (Journal j = Journal.open(dir, "my wf/1")) {
      assertEquals(6, j.records().size());
      assertEquals(written, j.records().subList(0, 5));
      JournalRecord.Observed o = (JournalRecord.Observed) j.records().get(3);
      assertEquals(O, o.observation()); // doubles and nanosecond timestamps survive exactly
      assertEquals(7, j.nextSeq());
    }
  }

  @Test
  void append_observationWithStages_readsBackEqualInStageOrder() throws IOException {
    Map<String, StageObservation> stages = new LinkedHashMap<>();
    stages.put("b", new StageObservation(0.1 + 0.2, 4.1e-8));
    stages.put("a", new StageObservation(0.6876543, 1.0 / 3 * 1e-7));
    stages.put("c", new StageObservation(0, 0, 0.4));
    Observation withStages = O.withStages(stages);
    try (Journal j = Journal.open(dir, "w")) {
      j.append(new JournalRecord.Header(1, "w", "o", 1, "p"));
      j.append(new JournalRecord.Observed(2, 1, 1, JournalRecord.Observed.PROFILE, withStages));
      j.append(new JournalRecord.Observed(3, 1, 1, JournalRecord.Observed.PRODUCTION, O));
    }
    List<String> lines = Files.readAllLines(dir.resolve("w.journal.jsonl"));
    assertTrue(lines.get(1).contains("\"stages\":{\"b\":{\"latency\":0.30000000000000004,\"cost\":4.1E-8},"),
        lines.get(1));
    assertTrue(lines.get(1).contains("\"c\":{\"latency\":0.0,\"cost\":0.0,\"runFraction\":0.4}"), lines.get(1));
    assertFalse(lines.get(2).contains("stages"), "no per-stage measurements, no field: " + lines.get(2));
    try (Journal j = Journal.open(dir, "w")) {
      Observation back = ((JournalRecord.Observed) j.records().get(1)).observation();
      assertEquals(withStages, back);
      assertEquals(List.of("b", "a", "c"), List.copyOf(back.stages().keySet()));
      assertEquals(Map.of(), ((JournalRecord.Observed) j.records().get(2)).observation().stages());
    }
  }

  @Test
  void open_observedRecordWrittenBeforeStages_readsWithoutStages() throws IOException {
    Path f = dir.resolve("w.journal.jsonl");
    Files.writeString(f, "{\"seq\":1,\"type\":\"header\",\"workflow\":\"w\",\"optimizer\":\"o\",\"seed\":1,"
        + "\"problem\":\"p\"}\n{\"seq\":2,\"type\":\"observed\",\"campaign\":1,\"group\":1,\"source\":\"profile\","
        + "\"observation\":{\"configuration\":{\"a.cpu\":0.5},\"cost\":2.5E-7,\"latency\":1.25,"
        + "\"timestamp\":\"2026-01-05T10:11:12Z\",\"flags\":[],\"note\":\"\"}}\n");
    try (Journal j = Journal.open(dir, "w")) {
      Observation o = ((JournalRecord.Observed) j.records().get(1)).observation();
      assertEquals(Observation.of(new Configuration(Map.of("a.cpu", 0.5)), 2.5e-7, 1.25,
          Instant.parse("2026-01-05T10:11:12Z")), o);
      assertTrue(o.stages().isEmpty());
    }
  }

  @Test
  void open_stageWithoutCost_isAnErrorNamingTheField() throws IOException {
    Path f = dir.resolve("w.journal.jsonl");
    Files.writeString(f, "{\"seq\":1,\"type\":\"observed\",\"campaign\":1,\"group\":1,\"source\":\"profile\","
        + "\"observation\":{\"configuration\":{\"a.cpu\":0.5},\"cost\":1,\"latency\":1,"
        + "\"timestamp\":\"2026-01-05T10:11:12Z\",\"stages\":{\"a\":{\"latency\":1}}}}\n"
        + "{\"seq\":2,\"type\":\"snapshot\",\"covers\":1,\"file\":\"x\"}\n");
    IOException e = assertThrows(IOException.class, () -> Journal.open(dir, "w"));
    assertTrue(e.getMessage().contains("line 1 is not a valid journal record"), e.getMessage());
    assertTrue(e.getMessage().contains("stages.a.cost must be a number, was null"), e.getMessage());
  }

  @Test
  void open_tornLastLine_isDroppedAndTruncated() throws IOException {
    try (Journal j = Journal.open(dir, "w")) {
      j.append(new JournalRecord.Header(1, "w", "o", 1, "p"));
      j.append(new JournalRecord.CampaignStarted(2, 1, "initial", Instant.EPOCH));
    }
    Path f = dir.resolve("w.journal.jsonl");
    Files.writeString(f, Files.readString(f) + "{\"seq\":3,\"type\":\"sugg");
    try (Journal j = Journal.open(dir, "w")) {
      assertEquals(2, j.records().size());
      j.append(new JournalRecord.Applied(3, 1, C, 1, 1));
    }
    assertEquals(3, Journal.read(f).size());
    assertEquals(3, Files.readAllLines(f).size());
  }

  @Test
  void open_corruptMiddleLine_isAnError() throws IOException {
    Path f = dir.resolve("w.journal.jsonl");
    Files.writeString(f, "{\"seq\":1,\"type\":\"header\",\"workflow\":\"w\",\"optimizer\":\"o\",\"seed\":1,"
        + "\"problem\":\"p\"}\nnot json\n{\"seq\":3,\"type\":\"snapshot\",\"covers\":1,\"file\":\"x\"}\n");
    IOException e = assertThrows(IOException.class, () -> Journal.open(dir, "w"));
    assertTrue(e.getMessage().contains("line 2 is not a valid journal record"), e.getMessage());
  }

  @Test
  void append_wrongSequenceNumber_isRejected() throws IOException {
    try (Journal j = Journal.open(dir, "w")) {
      assertEquals("record seq must be 1, was 2", assertThrows(IllegalArgumentException.class,
          () -> j.append(new JournalRecord.Header(2, "w", "o", 1, "p"))).getMessage());
    }
  }
}
