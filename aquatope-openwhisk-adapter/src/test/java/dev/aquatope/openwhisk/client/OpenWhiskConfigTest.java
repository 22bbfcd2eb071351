package dev.aquatope.openwhisk.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenWhiskConfigTest {
  static final String KEY = "23bc46b1-71f6-4ed5-8c54-816aa4f8c502:s3cr3tPartOfTheKeyXYZ";

  @Test
  void build_explicit_defaultsNamespaceAndTimeouts() {
    OpenWhiskConfig c = OpenWhiskConfig.newBuilder().apiHost("openwhisk.example:443").auth(KEY).build();
    assertEquals(URI.create("https://openwhisk.example:443"), c.apiHost());
    assertEquals(URI.create("https://openwhisk.example:443/api/v1"), c.apiBase());
    assertEquals("_", c.namespace());
    assertFalse(c.insecure());
    assertEquals(70, c.requestTimeout().toSeconds());
    assertEquals("Basic " + Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)),
        c.authorizationHeader());
    assertEquals("23bc46b1-71f6-4ed5-8c54-816aa4f8c502", c.authUuid());
  }

  @Test
  void normalizeApiHost_stripsApiPathAndSlash() {
    assertEquals(URI.create("http://localhost:3233"), OpenWhiskConfig.normalizeApiHost("http://localhost:3233/api/v1/"));
  }

  @Test
  void loadWskprops_fillsUnsetOnly(@TempDir Path dir) throws Exception {
    Path props = dir.resolve(".wskprops");
    Files.writeString(props, "# comment\nAPIHOST=http://127.0.0.1:3233\nAUTH=" + KEY + "\nNAMESPACE=guest\n");
    OpenWhiskConfig c = OpenWhiskConfig.newBuilder().namespace("other").loadWskprops(props).build();
    assertEquals(URI.create("http://127.0.0.1:3233"), c.apiHost());
    assertEquals(KEY, c.auth());
    assertEquals("other", c.namespace());
  }

  @Test
  void loadEnvironment_winsOverWskpropsWhenFirst(@TempDir Path dir) throws Exception {
    Path props = dir.resolve(".wskprops");
    Files.writeString(props, "APIHOST=wsk.example\nAUTH=a:b\n");
    OpenWhiskConfig c = OpenWhiskConfig.newBuilder()
        .loadEnvironment(Map.of("__OW_API_HOST", "https://env.example", "__OW_API_KEY", KEY, "__OW_NAMESPACE", "ns1"))
        .loadWskprops(props).build();
    assertEquals(URI.create("https://env.example"), c.apiHost());
    assertEquals(KEY, c.auth());
    assertEquals("ns1", c.namespace());
  }

  @Test
  void loadWskprops_missingFile_isIgnored(@TempDir Path dir) {
    OpenWhiskConfig.Builder b = OpenWhiskConfig.newBuilder().loadWskprops(dir.resolve("absent"));
    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
    assertTrue(e.getMessage().contains("apiHost"), e.getMessage());
  }

  @Test
  void toString_hidesKey() {
    OpenWhiskConfig c = OpenWhiskConfig.newBuilder().apiHost("h.example").auth(KEY).build();
    String s = c.toString();
    assertFalse(s.contains("s3cr3t"), s);
    assertFalse(s.contains(c.authorizationHeader().substring(6)), s);
    assertTrue(s.contains("23bc46b1...:<redacted>"), s);
  }

  @Test
  void auth_malformed_rejectedWithoutEchoingValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OpenWhiskConfig.newBuilder().auth("nocolonsecretvalue"));
    assertFalse(e.getMessage().contains("nocolonsecretvalue"), e.getMessage());
  }

  @Test
  void setter_twice_throwsIllegalState() {
    OpenWhiskConfig.Builder b = OpenWhiskConfig.newBuilder().namespace("a");
    assertThrows(IllegalStateException.class, () -> b.namespace("b"));
  }

  @Test
  void apiHost_badScheme_rejected() {
    assertThrows(IllegalArgumentException.class, () -> OpenWhiskConfig.newBuilder().apiHost("ftp://x.example").auth(KEY)
        .build());
  }
}
