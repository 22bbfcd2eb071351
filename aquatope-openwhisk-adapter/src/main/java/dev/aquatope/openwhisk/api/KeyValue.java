package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aquatope.core.util.Checks;
import java.util.List;
import java.util.Optional;

/**
 * One annotation or parameter: {@code {"key": "...", "value": <any JSON>}}.
 *
 * @param key the name, non-blank
 * @param value the JSON value ({@code null} JSON if absent)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyValue(String key, JsonNode value) {
  /** Validates the key and normalizes a missing value to JSON null. */
  public KeyValue {
    Checks.nonBlank("key", key);
    value = value == null ? JsonNodeFactory.instance.nullNode() : value;
  }

  /**
   * The value of the first entry named {@code key}.
   *
   * @param entries annotations or parameters; {@code null} counts as empty
   * @param key the name
   * @return the value, or empty if no entry has that name
   */
  public static Optional<JsonNode> find(List<KeyValue> entries, String key) {
    if (entries == null) {
      return Optional.empty();
    }
    return entries.stream().filter(e -> e.key().equals(key)).map(KeyValue::value).findFirst();
  }
}
