package dev.aquatope.core.forecast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The JSON envelope in which forecasters of this project save their state:
 *
 * <pre>{@code
 * {"forecaster": "arima", "formatVersion": 1, "seed": 42, "config": {...}, "state": {...}}
 * }</pre>
 *
 * <p>{@code config} and {@code state} are records serialized by Jackson; their compact
 * constructors validate what is read back. Doubles are written in their shortest exact decimal
 * form, so a loaded forecaster computes bit-identical forecasts. Streams are never closed.
 */
public final class ForecasterJson {
  /** The version written by {@link #write}; {@link #read} rejects others. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
      .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  private ForecasterJson() {}

  /**
   * A saved forecaster.
   *
   * @param name the forecaster's name
   * @param seed its seed
   * @param config its configuration record
   * @param state its trained state record
   * @param <C> the configuration type
   * @param <S> the state type
   */
  public record Envelope<C, S>(String name, long seed, C config, S state) {
    /** Validates the fields. */
    public Envelope {
      Checks.nonBlank("name", name);
      Checks.notNull("config", config);
      Checks.notNull("state", state);
    }
  }

  /**
   * Writes a forecaster's envelope.
   *
   * @param out the stream; not closed
   * @param envelope what to write
   * @throws IOException if writing fails
   */
  public static void write(OutputStream out, Envelope<?, ?> envelope) throws IOException {
    Checks.notNull("out", out);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("forecaster", envelope.name());
    root.put("formatVersion", FORMAT_VERSION);
    root.put("seed", envelope.seed());
    root.set("config", MAPPER.valueToTree(envelope.config()));
    root.set("state", MAPPER.valueToTree(envelope.state()));
    MAPPER.writeValue(out, root);
    out.flush();
  }

  /**
   * Reads an envelope written by {@link #write}, checking that it belongs to {@code expectedName}.
   *
   * @param in the stream; not closed
   * @param expectedName the forecaster name the caller can restore
   * @param configType the configuration record type
   * @param stateType the state record type
   * @param <C> the configuration type
   * @param <S> the state type
   * @return the envelope
   * @throws IOException if the data is not JSON, is another forecaster's, has another format
   *     version, or its config/state fail validation
   */
  public static <C, S> Envelope<C, S> read(InputStream in, String expectedName, Class<C> configType,
      Class<S> stateType) throws IOException {
    Checks.notNull("in", in);
    JsonNode root = MAPPER.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IOException("not a saved forecaster: expected a JSON object");
    }
    String name = root.path("forecaster").asText("");
    if (!name.equals(expectedName)) {
      throw new IOException("saved forecaster is '" + name + "', expected '" + expectedName + "'");
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported formatVersion " + version + " (expected " + FORMAT_VERSION + ")");
    }
    if (!root.has("seed") || !root.has("config") || !root.has("state")) {
      throw new IOException("saved forecaster '" + name + "' lacks one of seed, config, state");
    }
    try {
      C config = MAPPER.treeToValue(root.get("config"), configType);
      S state = MAPPER.treeToValue(root.get("state"), stateType);
      return new Envelope<>(name, root.get("seed").asLong(), config, state);
    } catch (IllegalArgumentException e) {
      throw new IOException("saved forecaster '" + name + "' is invalid: " + e.getMessage(), e);
    }
  }
}
