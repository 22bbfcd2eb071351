package dev.aquatope.openwhisk.prewarm;

import dev.aquatope.core.util.Checks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An administrative endpoint with its own Basic credentials (not a namespace key), e.g. PR
 * #4790's controller {@code /config/runtime} ({@code whisk.controller.username/password}) or
 * invoker {@code /getRuntime}. {@link #toString()} hides the password.
 *
 * @param uri the full URI of the endpoint
 * @param username the Basic user name
 * @param password the Basic password
 */
public record AdminEndpoint(URI uri, String username, String password) {
  /** Validates the fields. */
  public AdminEndpoint {
    Checks.notNull("uri", uri);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("uri must be http(s), was " + uri);
    }
    Checks.nonBlank("username", username);
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty (value not shown)");
    }
  }

  /** The {@code Authorization} header value; never log it. */
  public String authorizationHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AdminEndpoint[uri=" + uri + ", username=" + username + ", password=<redacted>]";
  }
}
