package dev.aquatope.openwhisk.prewarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.util.Checks;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prewarm control as the AQUATOPE prototype did it against its private OpenWhisk fork
 * ({@code owlib/container_pool.py}): every function is its own blackbox image; {@code GET} on the
 * runtime URL returns the whole manifest, the controller sets
 * {@code blackboxes[name].stemCells = [{"count": N}]} for each targeted function and
 * {@code POST}s the whole manifest back to the change-runtime URL.
 */
public final class AquatopeForkPrewarmController implements PrewarmController {
  private static final Logger LOG = LoggerFactory.getLogger(AquatopeForkPrewarmController.class);

  private final AdminEndpoint getRuntime;
  private final AdminEndpoint changeRuntime;
  private final Function<FunctionId, String> blackboxName;
  private final ObjectMapper mapper;
  private final AdminHttp http;
  private final TargetBook book = new TargetBook();

  /**
   * Creates the controller.
   *
   * @param getRuntime the URL returning the manifest, with credentials
   * @param changeRuntime the URL accepting the changed manifest, with credentials
   * @param blackboxName each function's blackbox image name (the prototype used the function name)
   * @param httpClient the HTTP client
   * @param timeout per-request timeout
   * @param mapper JSON mapper
   */
  public AquatopeForkPrewarmController(AdminEndpoint getRuntime, AdminEndpoint changeRuntime,
      Function<FunctionId, String> blackboxName, HttpClient httpClient, Duration timeout, ObjectMapper mapper) {
    this.getRuntime = Checks.notNull("getRuntime", getRuntime);
    this.changeRuntime = Checks.notNull("changeRuntime", changeRuntime);
    this.blackboxName = Checks.notNull("blackboxName", blackboxName);
    this.http = new AdminHttp(Checks.notNull("httpClient", httpClient), Checks.notNull("timeout", timeout));
    this.mapper = Checks.notNull("mapper", mapper);
  }

  @Override
  public String name() {
    return "aquatope-fork";
  }

  @Override
  public List<PrewarmPool> currentPools() {
    List<PrewarmPool> out = new ArrayList<>();
    for (PrewarmPool p : fetch().stemCells()) {
      out.add(p);
    }
    return out;
  }

  @Override
  public synchronized void setPrewarmTargets(Map<FunctionId, Integer> targets) {
    Map<FunctionId, Integer> merged = book.merged(targets);
    RuntimeManifest m = fetch();
    for (Map.Entry<FunctionId, Integer> e : merged.entrySet()) {
      m = m.withBlackboxCount(Checks.nonBlank("blackbox of " + e.getKey(), blackboxName.apply(e.getKey())),
          e.getValue());
    }
    try {
      http.post(changeRuntime, null, mapper.writeValueAsString(m.json()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the manifest", e);
    }
    book.commit(merged);
    LOG.info("posted fork manifest with per-function stem cells {}", merged);
  }

  @Override
  public Map<FunctionId, Integer> targets() {
    return book.applied();
  }

  private RuntimeManifest fetch() {
    return RuntimeManifest.parse(http.get(getRuntime, null), mapper);
  }
}
