package dev.aquatope.core.spi;

import dev.aquatope.core.util.Checks;

/**
 * How to profile one configuration of a workflow.
 *
 * @param requests number of workflow invocations per configuration, {@code >= 1}
 * @param ratePerSecond mean arrival rate of those invocations (Poisson), {@code > 0}
 * @param warm whether containers are prewarmed first, so cold starts do not pollute the
 *     measurement
 * @param body the JSON body each invocation receives ({@code "{}"} if none)
 */
public record ProfileRequest(int requests, double ratePerSecond, boolean warm, String body) {
  /** Validates the fields. */
  public ProfileRequest {
    Checks.positive("requests", requests);
    Checks.positive("ratePerSecond", ratePerSecond);
    body = body == null ? "{}" : body;
  }

  /** {@code requests} warm invocations at {@code ratePerSecond} with an empty body. */
  public static ProfileRequest warm(int requests, double ratePerSecond) {
    return new ProfileRequest(requests, ratePerSecond, true, "{}");
  }
}
