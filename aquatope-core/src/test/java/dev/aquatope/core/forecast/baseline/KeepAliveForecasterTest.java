package dev.aquatope.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepAliveForecasterTest extends ForecasterContract {
  @Override
  String name() {
    return KeepAliveForecaster.NAME;
  }

  @Test
  void forecastRolling_isTheSeriesShiftedByOne() {
    InvocationSeries s = InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.TIMER, Instant.EPOCH,
        new double[] {3, 0, 5, 2});
    KeepAliveForecaster f = new KeepAliveForecaster(1);
    f.fit(s);
    assertEquals(List.of(Forecast.point(3), Forecast.point(0), Forecast.point(5)), f.forecastRolling(s, 1));
    assertEquals(Forecast.point(2), f.forecast(s));
    assertEquals(4L, f.state().trainedWindows());
  }
}
