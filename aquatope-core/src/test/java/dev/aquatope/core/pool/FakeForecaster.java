package dev.aquatope.core.pool;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forecaster for tests. Kinds: {@link #fixed} (always the same mean and std),
 * {@link #movingAverage} (mean of the last {@code k} windows, std 0), {@link #lastValue}
 * (the last window, std 0). {@link #blockFitOn} makes {@code fit} wait on a latch.
 */
public final class FakeForecaster implements InvocationForecaster {
  private final String name;
  private final int minHistory;
  private final double mean;
  private final double std;
  private final int window;
  private volatile boolean fitted;
  public final AtomicInteger fitCalls = new AtomicInteger();
  public final AtomicInteger forecastCalls = new AtomicInteger();
  private volatile CountDownLatch release;
  public final CountDownLatch fitStarted = new CountDownLatch(1);

  private FakeForecaster(String name, int minHistory, double mean, double std, int window) {
    this.name = name;
    this.minHistory = minHistory;
    this.mean = mean;
    this.std = std;
    this.window = window;
  }

  public static FakeForecaster fixed(int minHistory, double mean, double std) {
    return new FakeForecaster("fixed", minHistory, mean, std, 0);
  }

  public static FakeForecaster movingAverage(int minHistory, int k) {
    return new FakeForecaster("moving-average", minHistory, 0, 0, k);
  }

  public static FakeForecaster lastValue() {
    return new FakeForecaster("last-value", 1, 0, 0, 1);
  }

  /** Makes {@code fit} wait until {@code latch} opens. */
  public FakeForecaster blockFitOn(CountDownLatch latch) {
    this.release = latch;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int minHistory() {
    return minHistory;
  }

  @Override
  public boolean isFitted() {
    return fitted;
  }

  @Override
  public void fit(List<InvocationSeries> history) {
    fitCalls.incrementAndGet();
    fitStarted.countDown();
    for (InvocationSeries s : history) {
      if (s.size() < minHistory) {
        throw new IllegalArgumentException("history " + s.size() + " < " + minHistory);
      }
    }
    CountDownLatch r = release;
    if (r != null) {
      try {
        if (!r.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test latch never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    fitted = true;
  }

  @Override
  public Forecast forecast(InvocationSeries recent) {
    forecastCalls.incrementAndGet();
    if (!fitted) {
      throw new IllegalStateException("not fitted");
    }
    if (recent.size() < minHistory) {
      throw new IllegalArgumentException("recent " + recent.size() + " < " + minHistory);
    }
    if (window == 0) {
      return Forecast.normal(mean, std);
    }
    double s = 0;
    int k = Math.min(window, recent.size());
    for (int i = recent.size() - k; i < recent.size(); i++) {
      s += recent.count(i);
    }
    return Forecast.point(s / k);
  }

  @Override
  public void save(OutputStream out) {
    throw new UnsupportedOperationException("not needed in tests");
  }
}
