package dev.aquatope.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A JSON node together with its path in the document, so that every error names the file and
 * the field. Package-private helper of {@link WorkflowDefinitions}.
 */
final class JsonCursor {
  private final String source;
  private final String path;
  private final JsonNode node;

  JsonCursor(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  String path() {
    return path;
  }

  JsonNode node() {
    return node;
  }

  boolean isPresent() {
    return node != null && !node.isMissingNode() && !node.isNull();
  }

  JsonCursor field(String name) {
    JsonNode child = node == null ? null : node.get(name);
    return new JsonCursor(source, path.isEmpty() ? name : path + "." + name, child);
  }

  JsonCursor element(int index) {
    return new JsonCursor(source, path + "[" + index + "]", node.get(index));
  }

  WorkflowDefinitionException fail(String problem) {
    return new WorkflowDefinitionException(source, path, problem, null);
  }

  JsonCursor requirePresent() {
    if (!isPresent()) {
      throw fail("missing (required)");
    }
    return this;
  }

  JsonCursor requireObject() {
    requirePresent();
    if (!node.isObject()) {
      throw fail("expected an object, was " + describe(node));
    }
    return this;
  }

  /** The elements of a required non-empty array. */
  List<JsonCursor> requireArray(boolean nonEmpty) {
    requirePresent();
    if (!node.isArray()) {
      throw fail("expected an array, was " + describe(node));
    }
    if (nonEmpty && node.isEmpty()) {
      throw fail("must not be empty");
    }
    List<JsonCursor> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(element(i));
    }
    return out;
  }

  String string() {
    requirePresent();
    if (!node.isTextual()) {
      throw fail("expected a string, was " + describe(node));
    }
    if (node.asText().isBlank()) {
      throw fail("must not be blank");
    }
    return node.asText();
  }

  double number() {
    requirePresent();
    if (!node.isNumber()) {
      throw fail("expected a number, was " + describe(node));
    }
    double v = node.asDouble();
    if (!Double.isFinite(v)) {
      throw fail("must be finite, was " + v);
    }
    return v;
  }

  double number(double defaultValue) {
    return isPresent() ? number() : defaultValue;
  }

  int integer() {
    requirePresent();
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw fail("expected an integer, was " + describe(node));
    }
    return node.asInt();
  }

  int integer(int defaultValue) {
    return isPresent() ? integer() : defaultValue;
  }

  boolean bool(boolean defaultValue) {
    if (!isPresent()) {
      return defaultValue;
    }
    if (!node.isBoolean()) {
      throw fail("expected true or false, was " + describe(node));
    }
    return node.asBoolean();
  }

  /** Rejects fields of this object that are not in {@code known} (catches typos). */
  void rejectUnknownFields(Collection<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!known.contains(n)) {
        throw field(n).fail("unknown field (known fields: " + String.join(", ", known) + ")");
      }
    }
  }

  /** The fields of this object, in document order. */
  List<Map.Entry<String, JsonCursor>> fields() {
    List<Map.Entry<String, JsonCursor>> out = new ArrayList<>();
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      out.add(Map.entry(n, field(n)));
    }
    return out;
  }

  /** Runs a model constructor, turning its {@link IllegalArgumentException} into an error at this path. */
  <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (WorkflowDefinitionException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new WorkflowDefinitionException(source, path, e.getMessage(), e);
    }
  }

  private static String describe(JsonNode n) {
    String kind;
    if (n.isTextual()) {
      kind = "a string";
    } else if (n.isNumber()) {
      kind = "a number";
    } else if (n.isBoolean()) {
      kind = "a boolean";
    } else if (n.isArray()) {
      kind = "an array";
    } else if (n.isObject()) {
      kind = "an object";
    } else {
      kind = n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
    String text = n.toString();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return kind + " (" + text + ")";
  }
}
