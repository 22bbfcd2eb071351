package dev.aquatope.openwhisk.fake;

import dev.aquatope.openwhisk.client.OpenWhiskClient;
import dev.aquatope.openwhisk.client.OpenWhiskConfig;
import dev.aquatope.openwhisk.client.RetryPolicy;
import java.time.Duration;

/** Clients wired to a {@link FakeOpenWhisk} and its virtual clock. */
public final class TestClients {
  /** 4 attempts, 100 ms doubling, 10 s deadline (virtual), seed 7. */
  public static final RetryPolicy RETRY =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.2, Duration.ofSeconds(10), 7L);

  private TestClients() {}

  /** A guest client of {@code fake} that sleeps on the fake clock. */
  public static OpenWhiskClient guest(FakeOpenWhisk fake, FakeSleeper sleeper) {
    return withKey(fake, sleeper, FakeOpenWhisk.GUEST_KEY);
  }

  /** A client of {@code fake} with {@code key}. */
  public static OpenWhiskClient withKey(FakeOpenWhisk fake, FakeSleeper sleeper, String key) {
    return new OpenWhiskClient(OpenWhiskConfig.newBuilder().apiHost(fake.apiHost()).auth(key)
        .requestTimeout(Duration.ofSeconds(70)).connectTimeout(Duration.ofSeconds(5)).retryPolicy(RETRY).build(),
        fake.clock(), sleeper);
  }
}
