package dev.aquatope.openwhisk.prewarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aquatope.core.util.Checks;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable OpenWhisk runtimes manifest ({@code runtimes.json}: {@code runtimes} families of
 * kinds with {@code stemCells}, and {@code blackboxes}), kept as JSON so that fields this class
 * does not know survive a round trip. Every {@code with...} method returns a modified copy.
 *
 * <p>Stem cells declare {@code initialCount} (alias {@code count}, the older name the AQUATOPE
 * fork used) and {@code memory} as a byte-size string such as {@code "256 MB"}.
 */
public final class RuntimeManifest {
  private final ObjectNode root;

  private RuntimeManifest(ObjectNode root) {
    this.root = root;
  }

  /**
   * Parses a manifest.
   *
   * @param json the manifest's JSON text
   * @param mapper the mapper to read it with
   * @return the manifest
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static RuntimeManifest parse(String json, ObjectMapper mapper) {
    Checks.notNull("json", json);
    try {
      JsonNode n = mapper.readTree(json);
      return of(n);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("manifest is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Wraps (a copy of) a JSON tree.
   *
   * @param json a JSON object
   * @return the manifest
   * @throws IllegalArgumentException if it is not an object
   */
  public static RuntimeManifest of(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("manifest must be a JSON object");
    }
    return new RuntimeManifest(((ObjectNode) json).deepCopy());
  }

  /** A copy of the manifest's JSON. */
  public ObjectNode json() {
    return root.deepCopy();
  }

  /**
   * Parses a byte-size string ({@code "256 MB"}, {@code "1 GB"}, {@code "512m"}) to MB.
   *
   * @param size the size
   * @return megabytes
   * @throws IllegalArgumentException if malformed
   */
  public static int parseMemoryMb(String size) {
    Checks.nonBlank("memory", size);
    String s = size.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    long factorKb;
    String digits;
    if (s.endsWith("GB") || s.endsWith("G")) {
      factorKb = 1024 * 1024;
      digits = s.substring(0, s.length() - (s.endsWith("GB") ? 2 : 1));
    } else if (s.endsWith("MB") || s.endsWith("M")) {
      factorKb = 1024;
      digits = s.substring(0, s.length() - (s.endsWith("MB") ? 2 : 1));
    } else if (s.endsWith("KB") || s.endsWith("K")) {
      factorKb = 1;
      digits = s.substring(0, s.length() - (s.endsWith("KB") ? 2 : 1));
    } else {
      throw new IllegalArgumentException("memory must be like '256 MB', was '" + size + "'");
    }
    try {
      long kb = Long.parseLong(digits) * factorKb;
      return Math.toIntExact(kb / 1024);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("memory must be like '256 MB', was '" + size + "'", e);
    }
  }

  /** Every stem cell declared: runtime kinds first, then blackbox images. */
  public List<PrewarmPool> stemCells() {
    List<PrewarmPool> out = new ArrayList<>();
    for (ObjectNode kind : kindEntries()) {
      for (JsonNode cell : kind.path("stemCells")) {
        out.add(new PrewarmPool(kind.path("kind").asText(), memoryOf(cell), countOf(cell)));
      }
    }
    for (JsonNode bb : root.path("blackboxes")) {
      for (JsonNode cell : bb.path("stemCells")) {
        out.add(new PrewarmPool(bb.path("name").asText("blackbox"), memoryOf(cell), countOf(cell)));
      }
    }
    return out;
  }

  /**
   * Whether the manifest declares a runtime kind.
   *
   * @param kind e.g. {@code nodejs:20}
   * @return whether present
   */
  public boolean hasKind(String kind) {
    return kindEntry(kind) != null;
  }

  /**
   * Whether a kind declares a stem cell of a memory size.
   *
   * @param key kind and memory
   * @return whether present
   */
  public boolean hasStemCell(RuntimeKey key) {
    ObjectNode k = kindEntry(key.kind());
    if (k == null) {
      return false;
    }
    for (JsonNode cell : k.path("stemCells")) {
      if (memoryOf(cell) == key.memoryMb()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy whose stem cell of {@code key} has {@code initialCount = count}; the cell is added if
   * the kind has none of that memory. Other fields of the cell (e.g. {@code reactive}) are kept.
   *
   * @param key kind and memory
   * @param count the count, {@code >= 1} (OpenWhisk requires {@code initialCount > 0})
   * @return the modified copy
   * @throws IllegalArgumentException if the kind is not in the manifest or count &lt; 1
   */
  public RuntimeManifest withStemCellCount(RuntimeKey key, int count) {
    Checks.positive("count", count);
    ObjectNode copy = root.deepCopy();
    ObjectNode kind = kindEntry(copy, key.kind());
    if (kind == null) {
      throw new IllegalArgumentException("manifest has no runtime kind '" + key.kind() + "'");
    }
    JsonNode cellsNode = kind.path("stemCells");
    ArrayNode cells = cellsNode.isArray() ? (ArrayNode) cellsNode : kind.putArray("stemCells");
    for (JsonNode cell : cells) {
      if (memoryOf(cell) == key.memoryMb()) {
        ObjectNode c = (ObjectNode) cell;
        c.remove("count");
        c.put("initialCount", count);
        return new RuntimeManifest(copy);
      }
    }
    cells.addObject().put("initialCount", count).put("memory", key.memoryMb() + " MB");
    return new RuntimeManifest(copy);
  }

  /** The names of the manifest's blackbox images. */
  public List<String> blackboxNames() {
    List<String> out = new ArrayList<>();
    root.path("blackboxes").forEach(b -> out.add(b.path("name").asText()));
    return out;
  }

  /**
   * A copy in which blackbox image {@code name} has {@code stemCells = [{"count": count}]}, the
   * shape the AQUATOPE prototype's fork reads.
   *
   * @param name the image name
   * @param count the count, {@code >= 0}
   * @return the modified copy
   * @throws IllegalArgumentException if there is no such blackbox
   */
  public RuntimeManifest withBlackboxCount(String name, int count) {
    Checks.nonNegative("count", count);
    ObjectNode copy = root.deepCopy();
    for (JsonNode bb : copy.path("blackboxes")) {
      if (name.equals(bb.path("name").asText())) {
        ArrayNode cells = ((ObjectNode) bb).putArray("stemCells");
        cells.addObject().put("count", count);
        return new RuntimeManifest(copy);
      }
    }
    throw new IllegalArgumentException("manifest has no blackbox named '" + name + "'; it has " + blackboxNames());
  }

  private List<ObjectNode> kindEntries() {
    return kindEntries(root);
  }

  private static List<ObjectNode> kindEntries(ObjectNode root) {
    List<ObjectNode> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> families = root.path("runtimes").fields();
    while (families.hasNext()) {
      for (JsonNode k : families.next().getValue()) {
        if (k.isObject()) {
          out.add((ObjectNode) k);
        }
      }
    }
    return out;
  }

  private ObjectNode kindEntry(String kind) {
    return kindEntry(root, kind);
  }

  private static ObjectNode kindEntry(ObjectNode root, String kind) {
    for (ObjectNode k : kindEntries(root)) {
      if (kind.equals(k.path("kind").asText())) {
        return k;
      }
    }
    return null;
  }

  private static int memoryOf(JsonNode cell) {
    JsonNode m = cell.path("memory");
    if (m.isTextual()) {
      return parseMemoryMb(m.asText());
    }
    return m.isNumber() ? m.asInt() : 0;
  }

  private static int countOf(JsonNode cell) {
    JsonNode c = cell.has("initialCount") ? cell.path("initialCount") : cell.path("count");
    return Math.max(0, c.asInt(0));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuntimeManifest m && root.equals(m.root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return "RuntimeManifest" + stemCells();
  }
}
