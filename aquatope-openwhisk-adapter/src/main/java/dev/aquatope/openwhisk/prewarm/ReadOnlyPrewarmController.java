package dev.aquatope.openwhisk.prewarm;

import dev.aquatope.core.model.FunctionId;
import java.util.List;
import java.util.Map;

/**
 * Stock OpenWhisk: stem cells come from {@code runtimes.json}, read once when the invokers start,
 * and the REST API cannot change them. This controller reports the configured stem cells of a
 * manifest (if given) and rejects {@link #setPrewarmTargets} with the reason.
 */
public final class ReadOnlyPrewarmController implements PrewarmController {
  /** The reason given by {@link #setPrewarmTargets}. */
  public static final String REASON = "stock OpenWhisk reads prewarm stem cells from runtimes.json once at invoker"
      + " start-up and has no API to change them; deploy the PR #4790 build (prewarm=pr4790) or the AQUATOPE"
      + " fork (prewarm=aquatope-fork), or restart the invokers with a new manifest";

  private final RuntimeManifest manifest;

  /**
   * A controller reporting the stem cells of {@code manifest}.
   *
   * @param manifest the deployment's runtimes manifest, or {@code null} if unknown
   */
  public ReadOnlyPrewarmController(RuntimeManifest manifest) {
    this.manifest = manifest;
  }

  @Override
  public String name() {
    return "read-only";
  }

  @Override
  public List<PrewarmPool> currentPools() {
    return manifest == null ? List.of() : manifest.stemCells();
  }

  /**
   * Always throws.
   *
   * @param targets ignored
   * @throws UnsupportedOperationException always, with {@link #REASON}
   */
  @Override
  public void setPrewarmTargets(Map<FunctionId, Integer> targets) {
    throw new UnsupportedOperationException(REASON);
  }

  @Override
  public Map<FunctionId, Integer> targets() {
    return Map.of();
  }
}
