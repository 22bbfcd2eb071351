package dev.aquatope.gp.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Parameter;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Reads and writes optimizer state records as JSON and checks that a saved state belongs to the
 * problem it is restored into.
 *
 * <p>Doubles are written with Java's shortest round-tripping representation, so a restored
 * state holds bit-identical numbers.
 */
public final class StateCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private StateCodec() {}

  /**
   * Writes a state record.
   *
   * @param state the record
   * @param out the stream; not closed
   * @throws IOException if writing fails
   */
  public static void write(Object state, OutputStream out) throws IOException {
    Checks.notNull("state", state);
    Checks.notNull("out", out);
    MAPPER.writeValue(out, state);
    out.flush();
  }

  /**
   * Reads a state record.
   *
   * @param <T> the record type
   * @param in the stream; not closed
   * @param type the record class
   * @return the record
   * @throws IOException if reading fails or the JSON does not match
   */
  public static <T> T read(InputStream in, Class<T> type) throws IOException {
    Checks.notNull("in", in);
    try {
      return MAPPER.readValue(in, type);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid optimizer state: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an optimizer state record after checking its {@code "name"} field, so that a state of
   * another optimizer fails with a clear message rather than a binding error.
   *
   * @param <T> the record type
   * @param in the stream; not closed
   * @param type the record class
   * @param expectedName the optimizer name the state must carry
   * @return the record
   * @throws IOException if reading fails, the name differs or the JSON does not match
   */
  public static <T> T readNamed(InputStream in, Class<T> type, String expectedName) throws IOException {
    return readNamed(in, type, expectedName, tree -> { });
  }

  /**
   * Reads an optimizer state record like {@link #readNamed(InputStream, Class, String)}, letting
   * the caller upgrade the JSON object first (e.g. add settings that older states lack, with the
   * value that reproduces their behaviour).
   *
   * @param <T> the record type
   * @param in the stream; not closed
   * @param type the record class
   * @param expectedName the optimizer name the state must carry
   * @param upgrade modifies the state's JSON object in place before binding
   * @return the record
   * @throws IOException if reading fails, the name differs or the JSON does not match
   */
  public static <T> T readNamed(InputStream in, Class<T> type, String expectedName,
      java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> upgrade) throws IOException {
    Checks.notNull("in", in);
    Checks.notNull("upgrade", upgrade);
    com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(in);
    if (tree == null || !tree.isObject()) {
      throw new IOException("optimizer state must be a JSON object");
    }
    String name = tree.path("name").asText("");
    if (!expectedName.equals(name)) {
      throw new IOException("state was saved by optimizer '" + name + "', not '" + expectedName + "'");
    }
    upgrade.accept((com.fasterxml.jackson.databind.node.ObjectNode) tree);
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid optimizer state: " + e.getMessage(), e);
    }
  }

  /**
   * The parameter keys of a space, in order, as stored in a state.
   *
   * @param space the space
   * @return the keys
   */
  public static List<String> keys(ConfigSpace space) {
    return space.parameters().stream().map(Parameter::key).toList();
  }

  /**
   * Checks that a saved state's optimizer name and parameter keys match.
   *
   * @param expectedName the restoring optimizer's name
   * @param savedName the name in the state
   * @param space the space restored into
   * @param savedKeys the keys in the state
   * @throws IOException if they differ
   */
  public static void checkMatches(String expectedName, String savedName, ConfigSpace space, List<String> savedKeys)
      throws IOException {
    if (!expectedName.equals(savedName)) {
      throw new IOException("state was saved by optimizer '" + savedName + "', not '" + expectedName + "'");
    }
    if (!keys(space).equals(savedKeys)) {
      throw new IOException("state was saved for parameters " + savedKeys + ", but the problem has " + keys(space));
    }
  }
}
