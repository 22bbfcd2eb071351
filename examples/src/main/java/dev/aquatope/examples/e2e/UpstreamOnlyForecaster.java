package dev.aquatope.examples.e2e;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import java.io.OutputStream;
import java.util.List;

/**
 * The "own" forecaster of a downstream stage whose pool is sized from its upstream stages only:
 * it always predicts 0, so the scheduler's target for the stage is the
 * {@link dev.aquatope.core.pool.DownstreamPredictor} prediction (learned fan-out ratio times the
 * upstream stage's current load). Used when only the entry stage gets a (costly) learned
 * forecaster.
 */
public final class UpstreamOnlyForecaster implements InvocationForecaster {
  /** The name reported in pool decisions. */
  public static final String NAME = "upstream-only";

  /** Creates the forecaster. */
  public UpstreamOnlyForecaster() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int minHistory() {
    return 1;
  }

  @Override
  public boolean isFitted() {
    return true;
  }

  @Override
  public void fit(List<InvocationSeries> history) {
    if (history == null || history.isEmpty()) {
      throw new IllegalArgumentException("history must not be empty");
    }
  }

  @Override
  public Forecast forecast(InvocationSeries recent) {
    if (recent == null || recent.size() < 1) {
      throw new IllegalArgumentException("recent must have at least 1 window");
    }
    return Forecast.point(0.0);
  }

  /** Not supported: the forecaster has no state worth saving. */
  @Override
  public void save(OutputStream out) {
    throw new UnsupportedOperationException(NAME + " has no state to save");
  }
}
