package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.openwhisk.client.OpenWhiskClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the OpenWhisk-shaped fixtures of {@code src/test/resources/fixtures}. */
public final class Fixtures {
  /** The client's mapper configuration. */
  public static final ObjectMapper MAPPER = OpenWhiskClient.newObjectMapper();

  private Fixtures() {}

  /** The text of fixture {@code name}. */
  public static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fixture {@code name} parsed as {@code type}. */
  public static <T> T read(String name, Class<T> type) {
    try {
      return MAPPER.readValue(text(name), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
