package dev.aquatope.core.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.StageObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** Maps journal records to and from JSON trees (Jackson). Package-private. */
final class JournalCodec {
  private final ObjectMapper mapper;

  JournalCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectNode toJson(JournalRecord r) {
    ObjectNode n = mapper.createObjectNode();
    n.put("seq", r.seq());
    if (r instanceof JournalRecord.Header h) {
      n.put("type", "header");
      n.put("workflow", h.workflow());
      n.put("optimizer", h.optimizer());
      n.put("seed", h.seed());
      n.put("problem", h.problem());
    } else if (r instanceof JournalRecord.CampaignStarted c) {
      n.put("type", "campaign");
      n.put("campaign", c.campaign());
      n.put("reason", c.reason());
      n.put("at", c.at().toString());
    } else if (r instanceof JournalRecord.Suggested s) {
      n.put("type", "suggested");
      n.put("campaign", s.campaign());
      ArrayNode a = n.putArray("configurations");
      s.configurations().forEach(c -> a.add(configuration(c)));
    } else if (r instanceof JournalRecord.Observed o) {
      n.put("type", "observed");
      n.put("campaign", o.campaign());
      n.put("group", o.group());
      n.put("source", o.source());
      n.set("observation", observation(o.observation()));
    } else if (r instanceof JournalRecord.Applied a) {
      n.put("type", "applied");
      n.put("campaign", a.campaign());
      n.set("configuration", configuration(a.configuration()));
      n.put("cost", a.cost());
      n.put("latency", a.latency());
    } else if (r instanceof JournalRecord.Snapshot s) {
      n.put("type", "snapshot");
      n.put("covers", s.covers());
      n.put("file", s.file());
    } else {
      throw new IllegalArgumentException("unknown record " + r);
    }
    return n;
  }

  JournalRecord fromJson(JsonNode n) {
    long seq = req(n, "seq").asLong();
    String type = req(n, "type").asText();
    switch (type) {
      case "header":
        return new JournalRecord.Header(seq, req(n, "workflow").asText(), req(n, "optimizer").asText(),
            req(n, "seed").asLong(), req(n, "problem").asText());
      case "campaign":
        return new JournalRecord.CampaignStarted(seq, req(n, "campaign").asInt(), req(n, "reason").asText(),
            Instant.parse(req(n, "at").asText()));
      case "suggested": {
        List<Configuration> cs = new ArrayList<>();
        req(n, "configurations").forEach(c -> cs.add(configuration(c)));
        return new JournalRecord.Suggested(seq, req(n, "campaign").asInt(), cs);
      }
      case "observed":
        return new JournalRecord.Observed(seq, req(n, "campaign").asInt(), req(n, "group").asLong(),
            req(n, "source").asText(), observation(req(n, "observation")));
      case "applied":
        return new JournalRecord.Applied(seq, req(n, "campaign").asInt(), configuration(req(n, "configuration")),
            req(n, "cost").asDouble(), req(n, "latency").asDouble());
      case "snapshot":
        return new JournalRecord.Snapshot(seq, req(n, "covers").asLong(), req(n, "file").asText());
      default:
        throw new IllegalArgumentException("unknown journal record type '" + type + "'");
    }
  }

  ObjectNode configuration(Configuration c) {
    ObjectNode n = mapper.createObjectNode();
    c.values().forEach(n::put);
    return n;
  }

  Configuration configuration(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("a configuration must be a JSON object, was " + n);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNumber()) {
        throw new IllegalArgumentException("value of '" + e.getKey() + "' must be a number, was " + e.getValue());
      }
      values.put(e.getKey(), e.getValue().asDouble());
    }
    return new Configuration(values);
  }

  ObjectNode observation(Observation o) {
    ObjectNode n = mapper.createObjectNode();
    n.set("configuration", configuration(o.configuration()));
    n.put("cost", o.cost());
    n.put("latency", o.latency());
    if (o.costVariance().isPresent()) {
      n.put("costVariance", o.costVariance().getAsDouble());
    }
    if (o.latencyVariance().isPresent()) {
      n.put("latencyVariance", o.latencyVariance().getAsDouble());
    }
    n.put("timestamp", o.timestamp().toString());
    ArrayNode flags = n.putArray("flags");
    o.flags().forEach(f -> flags.add(f.name()));
    n.put("note", o.note());
    if (!o.stages().isEmpty()) {
      ObjectNode stages = n.putObject("stages");
      o.stages().forEach((name, so) -> {
        ObjectNode sn = stages.putObject(name);
        sn.put("latency", so.latency());
        sn.put("cost", so.cost());
        if (so.runFraction() != 1.0) {
          sn.put("runFraction", so.runFraction());
        }
      });
    }
    return n;
  }

  Observation observation(JsonNode n) {
    Set<ObservationFlag> flags = EnumSet.noneOf(ObservationFlag.class);
    JsonNode fl = n.get("flags");
    if (fl != null) {
      fl.forEach(f -> flags.add(ObservationFlag.valueOf(f.asText())));
    }
    JsonNode note = n.get("note");
    return new Observation(configuration(req(n, "configuration")), req(n, "cost").asDouble(),
        req(n, "latency").asDouble(), optional(n, "costVariance"), optional(n, "latencyVariance"),
        Instant.parse(req(n, "timestamp").asText()), flags, note == null ? "" : note.asText(),
        stages(n.get("stages")));
  }

  /**
   * An observation's per-stage measurements; absent (journals written before they existed) reads as
   * none, an absent run fraction as 1.
   */
  private static Map<String, StageObservation> stages(JsonNode n) {
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("stages must be a JSON object, was " + n);
    }
    Map<String, StageObservation> stages = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      double runFraction = e.getValue().has("runFraction") ? number(e.getValue(), "runFraction", e.getKey()) : 1.0;
      stages.put(e.getKey(), new StageObservation(number(e.getValue(), "latency", e.getKey()),
          number(e.getValue(), "cost", e.getKey()), runFraction));
    }
    return stages;
  }

  private static double number(JsonNode stage, String field, String name) {
    JsonNode v = stage.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("stages." + name + "." + field + " must be a number, was " + v);
    }
    return v.asDouble();
  }

  private static OptionalDouble optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble());
  }

  private static JsonNode req(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }
}
