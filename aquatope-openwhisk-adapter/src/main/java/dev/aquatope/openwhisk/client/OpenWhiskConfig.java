package dev.aquatope.openwhisk.client;

import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable settings of an {@link OpenWhiskClient}.
 *
 * <p>Build it from explicit values, the environment ({@code __OW_API_HOST}, {@code __OW_API_KEY},
 * {@code __OW_NAMESPACE}) and/or a {@code ~/.wskprops} file ({@code APIHOST}, {@code AUTH},
 * {@code NAMESPACE}). Each source only fills what is still unset, so the order of the builder
 * calls is the precedence:
 *
 * <pre>{@code
 * OpenWhiskConfig c = OpenWhiskConfig.newBuilder()
 *     .namespace("guest")                       // explicit values win
 *     .loadEnvironment(System.getenv())         // then the environment
 *     .loadWskprops(OpenWhiskConfig.defaultWskpropsPath())   // then ~/.wskprops
 *     .build();
 * }</pre>
 *
 * <p>The API key is never printed: {@link #toString()} shows only the uuid's first 8 characters.
 * TLS certificates are verified unless {@link Builder#insecure(boolean)} switches verification
 * off explicitly (for self-signed development deployments; the client logs a warning).
 *
 * @param apiHost the API host's root, with scheme, without {@code /api/v1} (e.g.
 *     {@code https://openwhisk.example:443})
 * @param auth the API key {@code uuid:key}
 * @param namespace the namespace, {@code _} for the key's default
 * @param insecure whether TLS certificate and host name verification are off
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout per-request timeout; must exceed the longest blocking wait (60 s) plus a
 *     margin
 * @param retryPolicy backoff and deadline for retried calls
 */
public record OpenWhiskConfig(URI apiHost, String auth, String namespace, boolean insecure,
    Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy) {

  /** The blocking wait OpenWhisk allows at most (ms); invocations never ask for more. */
  public static final long MAX_BLOCKING_WAIT_MS = 60_000;
  /** How much longer than the blocking wait a request may take. */
  public static final Duration BLOCKING_MARGIN = Duration.ofSeconds(5);

  /** Validates the fields. */
  public OpenWhiskConfig {
    Checks.notNull("apiHost", apiHost);
    String scheme = apiHost.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || apiHost.getHost() == null) {
      throw new IllegalArgumentException("apiHost must be an http(s) URI with a host, was " + apiHost);
    }
    validateAuth(auth);
    Checks.nonBlank("namespace", namespace);
    positive("connectTimeout", connectTimeout);
    positive("requestTimeout", requestTimeout);
    Checks.notNull("retryPolicy", retryPolicy);
  }

  /** A new builder. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** {@code ~/.wskprops}. */
  public static Path defaultWskpropsPath() {
    return Path.of(System.getProperty("user.home"), ".wskprops");
  }

  /** The REST base, {@code apiHost + "/api/v1"}. */
  public URI apiBase() {
    return URI.create(apiHost + "/api/v1");
  }

  /** The uuid part of the key (the Basic user name); not secret. */
  public String authUuid() {
    return auth.substring(0, auth.indexOf(':'));
  }

  /** The {@code Authorization} header value; never log it. */
  public String authorizationHeader() {
    return "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    String uuid = authUuid();
    return "OpenWhiskConfig[apiHost=" + apiHost + ", auth=" + uuid.substring(0, Math.min(8, uuid.length()))
        + "...:<redacted>, namespace=" + namespace + ", insecure=" + insecure + ", connectTimeout="
        + connectTimeout + ", requestTimeout=" + requestTimeout + ", retryPolicy=" + retryPolicy + "]";
  }

  /**
   * Normalizes an API host: adds {@code https://} when no scheme is given, removes a trailing
   * {@code /} and {@code /api/v1}.
   *
   * @param apiHost e.g. {@code openwhisk.example}, {@code http://localhost:3233/api/v1}
   * @return the root URI
   */
  public static URI normalizeApiHost(String apiHost) {
    String h = Checks.nonBlank("apiHost", apiHost).trim();
    if (!h.contains("://")) {
      h = "https://" + h;
    }
    while (h.endsWith("/")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.endsWith("/api/v1")) {
      h = h.substring(0, h.length() - "/api/v1".length());
    }
    try {
      return URI.create(h);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("apiHost must be a valid host or URI, was '" + apiHost + "'", e);
    }
  }

  private static void validateAuth(String auth) {
    if (auth == null) {
      throw new IllegalArgumentException("auth must not be null");
    }
    int colon = auth.indexOf(':');
    if (colon <= 0 || colon == auth.length() - 1 || auth.isBlank()) {
      // never echo the value: it is a secret
      throw new IllegalArgumentException("auth must have the form uuid:key (value not shown)");
    }
  }

  private static void positive(String name, Duration d) {
    Checks.notNull(name, d);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }

  /** Builds an {@link OpenWhiskConfig}; each setter may be called once. */
  public static final class Builder {
    private URI apiHost;
    private String auth;
    private String namespace;
    private Boolean insecure;
    private Duration connectTimeout;
    private Duration requestTimeout;
    private RetryPolicy retryPolicy;

    private Builder() {}

    /**
     * Sets the API host ({@code host[:port]} or a URI; {@code /api/v1} is added by the client).
     *
     * @param apiHost the host
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if blank or not a URI
     */
    public Builder apiHost(String apiHost) {
      once("apiHost", this.apiHost);
      this.apiHost = normalizeApiHost(apiHost);
      return this;
    }

    /**
     * Sets the API key {@code uuid:key}.
     *
     * @param auth the key
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if not of the form {@code uuid:key}
     */
    public Builder auth(String auth) {
      once("auth", this.auth);
      validateAuth(auth);
      this.auth = auth.trim();
      return this;
    }

    /**
     * Sets the namespace ({@code _} by default).
     *
     * @param namespace the namespace
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if blank
     */
    public Builder namespace(String namespace) {
      once("namespace", this.namespace);
      this.namespace = Checks.nonBlank("namespace", namespace).trim();
      return this;
    }

    /**
     * Switches TLS certificate and host name verification off (default: on). Only for
     * development deployments with self-signed certificates; the client logs a warning.
     *
     * @param insecure whether to skip verification
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder insecure(boolean insecure) {
      once("insecure", this.insecure);
      this.insecure = insecure;
      return this;
    }

    /**
     * Sets the connect timeout (default 10 s).
     *
     * @param timeout the timeout, {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration timeout) {
      once("connectTimeout", this.connectTimeout);
      positive("connectTimeout", timeout);
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets the per-request timeout (default 70 s, above the 60 s blocking wait).
     *
     * @param timeout the timeout, {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      once("requestTimeout", this.requestTimeout);
      positive("requestTimeout", timeout);
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Sets the retry policy (default {@link RetryPolicy#DEFAULT}).
     *
     * @param policy the policy
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder retryPolicy(RetryPolicy policy) {
      once("retryPolicy", this.retryPolicy);
      this.retryPolicy = Checks.notNull("retryPolicy", policy);
      return this;
    }

    /**
     * Fills the host, key and namespace that are still unset from {@code __OW_API_HOST},
     * {@code __OW_API_KEY} and {@code __OW_NAMESPACE}.
     *
     * @param environment the environment, e.g. {@code System.getenv()}
     * @return this builder (for chaining)
     */
    public Builder loadEnvironment(Map<String, String> environment) {
      Checks.notNull("environment", environment);
      fill(environment.get("__OW_API_HOST"), environment.get("__OW_API_KEY"), environment.get("__OW_NAMESPACE"));
      return this;
    }

    /**
     * Fills the host, key and namespace that are still unset from a {@code .wskprops} file
     * ({@code KEY=VALUE} lines; {@code APIHOST}, {@code AUTH}, {@code NAMESPACE}). A missing file
     * is ignored.
     *
     * @param wskprops the file
     * @return this builder (for chaining)
     * @throws java.io.UncheckedIOException if the file exists but cannot be read
     */
    public Builder loadWskprops(Path wskprops) {
      Checks.notNull("wskprops", wskprops);
      if (!Files.isRegularFile(wskprops)) {
        return this;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(wskprops, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + wskprops, e);
      }
      Map<String, String> props = new HashMap<>();
      for (String line : lines) {
        String t = line.trim();
        int eq = t.indexOf('=');
        if (t.isEmpty() || t.startsWith("#") || eq <= 0) {
          continue;
        }
        props.put(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
      }
      fill(props.get("APIHOST"), props.get("AUTH"), props.get("NAMESPACE"));
      return this;
    }

    private void fill(String host, String key, String ns) {
      if (apiHost == null && host != null && !host.isBlank()) {
        apiHost(host);
      }
      if (auth == null && key != null && !key.isBlank()) {
        auth(key);
      }
      if (namespace == null && ns != null && !ns.isBlank()) {
        namespace(ns);
      }
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if the API host or key is missing
     */
    public OpenWhiskConfig build() {
      if (apiHost == null) {
        throw new IllegalStateException("apiHost is not set (explicitly, __OW_API_HOST or APIHOST in .wskprops)");
      }
      if (auth == null) {
        throw new IllegalStateException("auth is not set (explicitly, __OW_API_KEY or AUTH in .wskprops)");
      }
      Duration request = requestTimeout == null ? Duration.ofSeconds(70) : requestTimeout;
      return new OpenWhiskConfig(apiHost, auth, namespace == null ? "_" : namespace,
          insecure != null && insecure, connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout,
          request, retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy);
    }

    private static void once(String name, Object current) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
