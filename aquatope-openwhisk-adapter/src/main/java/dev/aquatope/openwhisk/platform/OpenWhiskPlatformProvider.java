package dev.aquatope.openwhisk.platform;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.spi.FaasPlatform;
import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.api.Action;
import dev.aquatope.openwhisk.client.InsecureTls;
import dev.aquatope.openwhisk.client.OpenWhiskClient;
import dev.aquatope.openwhisk.client.OpenWhiskConfig;
import dev.aquatope.openwhisk.client.Sleeper;
import dev.aquatope.openwhisk.prewarm.AdminEndpoint;
import dev.aquatope.openwhisk.prewarm.AquatopeForkPrewarmController;
import dev.aquatope.openwhisk.prewarm.Pr4790PrewarmController;
import dev.aquatope.openwhisk.prewarm.PrewarmController;
import dev.aquatope.openwhisk.prewarm.ReadOnlyPrewarmController;
import dev.aquatope.openwhisk.prewarm.RuntimeKey;
import dev.aquatope.openwhisk.prewarm.RuntimeManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link OpenWhiskPlatform}s by name {@code "openwhisk"} from string properties.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code apihost}, {@code auth}, {@code namespace}</td><td>connection; missing values come
 *       from {@code __OW_API_HOST}/{@code __OW_API_KEY}/{@code __OW_NAMESPACE}, then
 *       {@code wskprops}</td></tr>
 *   <tr><td>{@code wskprops}</td><td>path of the wskprops file (default {@code ~/.wskprops};
 *       {@code none} to skip)</td></tr>
 *   <tr><td>{@code insecure}</td><td>{@code true} switches TLS verification off (logged)</td></tr>
 *   <tr><td>{@code cpuMode}</td><td>{@code auto} (default), {@code explicit}, {@code memory-coupled},
 *       {@code memory-only}</td></tr>
 *   <tr><td>{@code userCpus}, {@code userMemoryMb}</td><td>invoker {@code user-cpus}/{@code user-memory}
 *       for memory-coupled CPU</td></tr>
 *   <tr><td>{@code defaultVcpu}, {@code coldWaitThresholdMs}, {@code warmupInvocations},
 *       {@code blockingTimeoutMs}, {@code seed}, {@code respectRateLimits}, {@code profileCopySuffix}</td><td>see
 *       {@link PlatformOptions}</td></tr>
 *   <tr><td>{@code prewarm}</td><td>{@code read-only} (default), {@code pr4790} or
 *       {@code aquatope-fork}</td></tr>
 *   <tr><td>{@code prewarm.username}, {@code prewarm.password}</td><td>administrative credentials (not
 *       the namespace key)</td></tr>
 *   <tr><td>{@code prewarm.manifest}</td><td>path of the deployment's complete {@code runtimes.json}
 *       (pr4790; optional for read-only)</td></tr>
 *   <tr><td>{@code prewarm.controllerUrl}, {@code prewarm.invokerUrls}, {@code prewarm.invokerRange}</td>
 *       <td>pr4790: {@code http://controller:port/config/runtime}, comma-separated
 *       {@code http://invoker:port/getRuntime}, optional {@code B:E}</td></tr>
 *   <tr><td>{@code prewarm.getRuntimeUrl}, {@code prewarm.changeRuntimeUrl}</td><td>aquatope-fork
 *       endpoints</td></tr>
 * </table>
 */
public final class OpenWhiskPlatformProvider implements FaasPlatform.Provider {
  private static final Set<String> KNOWN = Set.of("apihost", "auth", "namespace", "wskprops", "insecure", "cpuMode",
      "userCpus", "userMemoryMb", "defaultVcpu", "coldWaitThresholdMs", "warmupInvocations", "blockingTimeoutMs",
      "seed", "respectRateLimits", "profileCopySuffix", "prewarm", "prewarm.username", "prewarm.password", "prewarm.manifest",
      "prewarm.controllerUrl", "prewarm.invokerUrls", "prewarm.invokerRange", "prewarm.getRuntimeUrl",
      "prewarm.changeRuntimeUrl");

  @Override
  public String name() {
    return "openwhisk";
  }

  @Override
  public FaasPlatform create(Map<String, String> properties) {
    return create(properties, System.getenv(), Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /**
   * Creates a platform with an injected environment, clock and sleeper (for tests).
   *
   * @param properties the settings (see the class comment)
   * @param environment the environment variables
   * @param clock the clock
   * @param sleeper the sleeper
   * @return the platform
   * @throws IllegalArgumentException if a property is unknown or invalid
   */
  public OpenWhiskPlatform create(Map<String, String> properties, Map<String, String> environment, Clock clock,
      Sleeper sleeper) {
    Checks.notNull("properties", properties);
    for (String k : properties.keySet()) {
      if (!KNOWN.contains(k)) {
        throw new IllegalArgumentException("unknown property '" + k + "'; known: " + KNOWN);
      }
    }
    OpenWhiskConfig.Builder cb = OpenWhiskConfig.newBuilder();
    if (properties.containsKey("apihost")) {
      cb.apiHost(properties.get("apihost"));
    }
    if (properties.containsKey("auth")) {
      cb.auth(properties.get("auth"));
    }
    if (properties.containsKey("namespace")) {
      cb.namespace(properties.get("namespace"));
    }
    if (properties.containsKey("insecure")) {
      cb.insecure(bool(properties, "insecure"));
    }
    cb.loadEnvironment(environment);
    String wsk = properties.getOrDefault("wskprops", OpenWhiskConfig.defaultWskpropsPath().toString());
    if (!"none".equals(wsk)) {
      cb.loadWskprops(Path.of(wsk));
    }
    OpenWhiskConfig config = cb.build();
    OpenWhiskClient client = new OpenWhiskClient(config, clock, sleeper);

    PlatformOptions.Builder ob = PlatformOptions.newBuilder();
    if (properties.containsKey("cpuMode")) {
      ob.cpuMode(CpuMode.valueOf(properties.get("cpuMode").trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    if (properties.containsKey("userCpus") || properties.containsKey("userMemoryMb")) {
      ob.userResources(dbl(properties, "userCpus"), (int) lng(properties, "userMemoryMb"));
    }
    if (properties.containsKey("defaultVcpu")) {
      ob.defaultVcpu(dbl(properties, "defaultVcpu"));
    }
    if (properties.containsKey("coldWaitThresholdMs")) {
      ob.coldWaitThreshold(Duration.ofMillis(lng(properties, "coldWaitThresholdMs")));
    }
    if (properties.containsKey("warmupInvocations")) {
      ob.warmupInvocations((int) lng(properties, "warmupInvocations"));
    }
    if (properties.containsKey("blockingTimeoutMs")) {
      ob.blockingTimeoutMs(lng(properties, "blockingTimeoutMs"));
    }
    if (properties.containsKey("seed")) {
      ob.seed(lng(properties, "seed"));
    }
    if (properties.containsKey("profileCopySuffix")) {
      ob.profileCopySuffix(properties.get("profileCopySuffix").trim());
    }
    if (properties.containsKey("respectRateLimits")) {
      ob.respectRateLimits(bool(properties, "respectRateLimits"));
    }
    return new OpenWhiskPlatform(client, prewarm(properties, client), ob.build());
  }

  private static PrewarmController prewarm(Map<String, String> p, OpenWhiskClient client) {
    String kind = p.getOrDefault("prewarm", "read-only");
    HttpClient.Builder hb = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(client.config().connectTimeout());
    if (client.config().insecure()) {
      hb.sslContext(InsecureTls.trustAllContext());
    }
    Duration timeout = client.config().requestTimeout();
    switch (kind) {
      case "read-only": {
        RuntimeManifest m = p.containsKey("prewarm.manifest") ? readManifest(p.get("prewarm.manifest")) : null;
        return new ReadOnlyPrewarmController(m);
      }
      case "pr4790": {
        String user = required(p, "prewarm.username");
        String pass = required(p, "prewarm.password");
        List<AdminEndpoint> invokers = new ArrayList<>();
        for (String u : required(p, "prewarm.invokerUrls").split(",")) {
          invokers.add(new AdminEndpoint(URI.create(u.trim()), user, pass));
        }
        return new Pr4790PrewarmController(new AdminEndpoint(URI.create(required(p, "prewarm.controllerUrl")), user,
            pass), invokers, readManifest(required(p, "prewarm.manifest")), f -> runtimeOf(client, f),
            p.get("prewarm.invokerRange"), hb.build(), timeout, OpenWhiskClient.newObjectMapper());
      }
      case "aquatope-fork": {
        String user = required(p, "prewarm.username");
        String pass = required(p, "prewarm.password");
        return new AquatopeForkPrewarmController(
            new AdminEndpoint(URI.create(required(p, "prewarm.getRuntimeUrl")), user, pass),
            new AdminEndpoint(URI.create(required(p, "prewarm.changeRuntimeUrl")), user, pass),
            f -> f.value().substring(f.value().lastIndexOf('/') + 1), hb.build(), timeout,
            OpenWhiskClient.newObjectMapper());
      }
      default:
        throw new IllegalArgumentException("prewarm must be read-only, pr4790 or aquatope-fork, was '" + kind + "'");
    }
  }

  /** A function's stem-cell key from its action: {@code exec.kind} and {@code limits.memory}. */
  static RuntimeKey runtimeOf(OpenWhiskClient client, FunctionId f) {
    Action a = client.getAction(f.value());
    if (a.exec() == null || a.limits() == null || a.limits().memory() == null) {
      throw new IllegalArgumentException("action " + f + " reports no exec kind or memory limit");
    }
    return new RuntimeKey(a.exec().kind(), a.limits().memory());
  }

  private static RuntimeManifest readManifest(String path) {
    try {
      return RuntimeManifest.parse(Files.readString(Path.of(path), StandardCharsets.UTF_8),
          OpenWhiskClient.newObjectMapper());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read runtimes manifest " + path, e);
    }
  }

  private static String required(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("property '" + key + "' is required for prewarm=" + p.get("prewarm"));
    }
    return v;
  }

  private static boolean bool(Map<String, String> p, String key) {
    String v = p.get(key).trim();
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  private static long lng(Map<String, String> p, String key) {
    String v = p.get(key);
    try {
      return Long.parseLong(Checks.nonBlank(key, v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + v + "'", e);
    }
  }

  private static double dbl(Map<String, String> p, String key) {
    String v = p.get(key);
    try {
      return Checks.finite(key, Double.parseDouble(Checks.nonBlank(key, v).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, was '" + v + "'", e);
    }
  }
}
