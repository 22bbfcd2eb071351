package dev.aquatope.core.forecast;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Base of the forecasters in this project: does the SPI's validation, keeps the trained state in
 * an atomic reference (so a concurrent {@link #fit} never disturbs {@link #forecast}), runs
 * {@link #forecastRolling} over the counts array without copying the series per step, and saves
 * configuration and state as JSON through {@link ForecasterJson}.
 *
 * <p>A subclass implements {@link #train} (history to immutable state) and {@link #predict}
 * (state and a prefix of the counts to a forecast).
 *
 * @param <C> the configuration record
 * @param <S> the trained-state record (immutable)
 */
public abstract class AbstractForecaster<C, S> implements InvocationForecaster {
  private final String name;
  private final C config;
  private final long seed;
  private final AtomicReference<S> state = new AtomicReference<>();

  /**
   * Creates an unfitted forecaster.
   *
   * @param name the provider name
   * @param config the configuration
   * @param seed the seed of any random choice
   */
  protected AbstractForecaster(String name, C config, long seed) {
    this.name = Checks.nonBlank("name", name);
    this.config = Checks.notNull("config", config);
    this.seed = seed;
  }

  @Override
  public final String name() {
    return name;
  }

  /** The configuration. */
  public final C config() {
    return config;
  }

  /** The seed. */
  public final long seed() {
    return seed;
  }

  @Override
  public final boolean isFitted() {
    return state.get() != null;
  }

  /**
   * The trained state.
   *
   * @return the state
   * @throws IllegalStateException if not fitted
   */
  public final S state() {
    S s = state.get();
    if (s == null) {
      throw new IllegalStateException(name + " forecaster is not fitted: call fit first");
    }
    return s;
  }

  @Override
  public final void fit(List<InvocationSeries> history) {
    Checks.notNull("history", history);
    if (history.isEmpty()) {
      throw new IllegalArgumentException("history must hold at least one series, was empty");
    }
    List<double[]> series = new ArrayList<>(history.size());
    for (int i = 0; i < history.size(); i++) {
      InvocationSeries s = Checks.notNull("history[" + i + "]", history.get(i));
      if (s.size() < minHistory()) {
        throw new IllegalArgumentException("history[" + i + "] (" + s.function() + ") must have >= " + minHistory()
            + " windows for " + name + ", had " + s.size());
      }
      series.add(s.counts());
    }
    state.set(Checks.notNull("trained state", train(List.copyOf(series))));
  }

  @Override
  public final Forecast forecast(InvocationSeries recent) {
    S s = state();
    Checks.notNull("recent", recent);
    checkRecent(recent.size());
    return predict(s, recent.counts(), recent.size());
  }

  @Override
  public final List<Forecast> forecastRolling(InvocationSeries series, int from) {
    S s = state();
    Checks.notNull("series", series);
    if (from < minHistory() || from > series.size()) {
      throw new IllegalArgumentException("from must be in [" + minHistory() + ", " + series.size() + "], was " + from);
    }
    double[] counts = series.counts();
    List<Forecast> out = new ArrayList<>(series.size() - from);
    for (int t = from; t < series.size(); t++) {
      out.add(predict(s, counts, t));
    }
    return out;
  }

  @Override
  public final void save(OutputStream out) throws IOException {
    ForecasterJson.write(out, new ForecasterJson.Envelope<>(name, seed, config, state()));
  }

  /**
   * Reads a forecaster saved by {@link #save}: the shared body of every baseline provider's
   * {@code load}.
   *
   * @param in the stream; not closed
   * @param name the expected forecaster name
   * @param configType the configuration record's class
   * @param stateType the trained state's class
   * @param factory builds an unfitted forecaster from the saved configuration and seed
   * @param <C> the configuration type
   * @param <S> the state type
   * @param <F> the forecaster type
   * @return the restored, fitted forecaster
   * @throws IOException if reading fails or the data is not {@code name}'s format
   */
  protected static <C, S, F extends AbstractForecaster<C, S>> F restoreFrom(InputStream in, String name,
      Class<C> configType, Class<S> stateType, BiFunction<C, Long, F> factory) throws IOException {
    ForecasterJson.Envelope<C, S> e = ForecasterJson.read(in, name, configType, stateType);
    F forecaster = factory.apply(e.config(), e.seed());
    forecaster.restore(e.state());
    return forecaster;
  }

  /**
   * Installs a state read back from a saved forecaster (used by providers' {@code load}).
   *
   * @param restored the state
   */
  protected final void restore(S restored) {
    state.set(Checks.notNull("restored", restored));
  }

  /**
   * Trains on the histories' counts.
   *
   * @param history each series' counts, each at least {@link #minHistory()} long; not modified
   * @return the new immutable state
   */
  protected abstract S train(List<double[]> history);

  /**
   * Forecasts window {@code end} from {@code counts[0, end)}.
   *
   * @param state the trained state
   * @param counts the counts (possibly longer than {@code end}: ignore windows from {@code end} on); not modified
   * @param end number of known windows, {@code >= minHistory()}
   * @return the forecast of window {@code end}
   */
  protected abstract Forecast predict(S state, double[] counts, int end);

  private void checkRecent(int size) {
    if (size < minHistory()) {
      throw new IllegalArgumentException("recent must have >= " + minHistory() + " windows for " + name + ", had " + size);
    }
  }
}
