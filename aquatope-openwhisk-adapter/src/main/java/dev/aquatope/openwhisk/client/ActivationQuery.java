package dev.aquatope.openwhisk.client;

import dev.aquatope.core.util.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * Parameters of {@code GET /namespaces/{ns}/activations}.
 *
 * @param name {@code action} or {@code package/action}, or {@code null} for all
 * @param since inclusive lower bound on {@code start}, or {@code null}
 * @param upto inclusive upper bound on {@code start}, or {@code null}
 * @param limit rows per page, 1..200
 * @param skip rows to skip, {@code >= 0}
 * @param docs whether to return full records instead of summary rows
 */
public record ActivationQuery(String name, Instant since, Instant upto, int limit, int skip, boolean docs) {
  /** The largest page OpenWhisk returns. */
  public static final int MAX_LIMIT = 200;

  /** Validates the fields. */
  public ActivationQuery {
    if (name != null) {
      Checks.nonBlank("name", name);
      if (name.startsWith("/") || name.split("/", -1).length > 2) {
        throw new IllegalArgumentException("name must be 'action' or 'package/action', was '" + name + "'");
      }
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + limit);
    }
    Checks.nonNegative("skip", skip);
    if (since != null && upto != null && upto.isBefore(since)) {
      throw new IllegalArgumentException("upto must be >= since, was since=" + since + " upto=" + upto);
    }
  }

  /**
   * Summary rows of one action started in {@code [since, upto]}, 200 per page.
   *
   * @param name the action, or {@code null} for all
   * @param since inclusive lower bound, or {@code null}
   * @param upto inclusive upper bound, or {@code null}
   * @return the query
   */
  public static ActivationQuery of(String name, Instant since, Instant upto) {
    return new ActivationQuery(name, since, upto, MAX_LIMIT, 0, false);
  }

  /**
   * The same query skipping other rows.
   *
   * @param skip rows to skip, {@code >= 0}
   * @return the query
   */
  public ActivationQuery withSkip(int skip) {
    return new ActivationQuery(name, since, upto, limit, skip, docs);
  }

  /** The optional name. */
  public Optional<String> nameOpt() {
    return Optional.ofNullable(name);
  }
}
