package dev.aquatope.examples.e2e;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.pool.TargetMeasure;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Shares fitted forecasters between pool runs that train on identical data, so that a costly
 * model (the hybrid Bayesian network) is trained once per function and forecaster rather than
 * once per policy: the "aqualite" and "aquatope" policies use the same network and differ only in
 * how a forecast becomes a target.
 *
 * <p>The forecasters handed out ignore {@code fit} once their shared model has been fitted. That
 * is only correct when every run replays the same training period on identically seeded
 * platforms, which {@link PoolExperiment} guarantees (one cache per experiment).
 */
public final class ForecasterCache {
  private final long seed;
  private final Map<String, InvocationForecaster> models = new ConcurrentHashMap<>();
  private final Map<String, LongFunction<InvocationForecaster>> factories = new ConcurrentHashMap<>();

  /**
   * A cache whose forecasters are created with {@code seed}.
   *
   * @param seed the forecasters' seed
   */
  public ForecasterCache(long seed) {
    this.seed = seed;
  }

  /**
   * Creates the forecasters named {@code name} with {@code factory} instead of their provider's
   * defaults (e.g. a cheaper training configuration for a quick start).
   *
   * @param name the name the policies use
   * @param factory creates an unfitted forecaster from the seed
   * @return this cache (for chaining)
   */
  public ForecasterCache override(String name, LongFunction<InvocationForecaster> factory) {
    factories.put(Checks.nonBlank("name", name), Checks.notNull("factory", factory));
    return this;
  }

  /**
   * The forecaster of a function trained on the containers needed, created on first use, fitted
   * at most once.
   *
   * @param name the provider name, e.g. {@code "hybrid-bnn"}
   * @param function the function
   * @return a forecaster whose {@code fit} is a no-op after the shared model was fitted
   * @throws IllegalArgumentException if no such provider is on the class path
   */
  public InvocationForecaster get(String name, FunctionId function) {
    return get(name, function, TargetMeasure.CONTAINERS_NEEDED);
  }

  /**
   * The forecaster of a function trained on one measure, created on first use, fitted at most
   * once (policies that forecast different measures get different models).
   *
   * @param name the provider name, e.g. {@code "hybrid-bnn"}
   * @param function the function
   * @param measure what the forecaster is trained on
   * @return a forecaster whose {@code fit} is a no-op after the shared model was fitted
   * @throws IllegalArgumentException if no such provider is on the class path
   */
  public InvocationForecaster get(String name, FunctionId function, TargetMeasure measure) {
    Checks.nonBlank("name", name);
    Checks.notNull("function", function);
    Checks.notNull("measure", measure);
    InvocationForecaster shared = models.computeIfAbsent(name + "\u0000" + function.value() + "\u0000" + measure,
        k -> factories.containsKey(name) ? factories.get(name).apply(seed) : Providers.forecaster(name, seed));
    return new FitOnce(shared);
  }

  /** Delegates everything but a second {@code fit}. */
  private static final class FitOnce implements InvocationForecaster {
    private final InvocationForecaster delegate;

    FitOnce(InvocationForecaster delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int minHistory() {
      return delegate.minHistory();
    }

    @Override
    public boolean isFitted() {
      return delegate.isFitted();
    }

    @Override
    public void fit(List<InvocationSeries> history) {
      synchronized (delegate) {
        if (!delegate.isFitted()) {
          delegate.fit(history);
        }
      }
    }

    @Override
    public Forecast forecast(InvocationSeries recent) {
      return delegate.forecast(recent);
    }

    @Override
    public List<Forecast> forecastRolling(InvocationSeries series, int from) {
      return delegate.forecastRolling(series, from);
    }

    @Override
    public void save(OutputStream out) throws IOException {
      delegate.save(out);
    }
  }
}
