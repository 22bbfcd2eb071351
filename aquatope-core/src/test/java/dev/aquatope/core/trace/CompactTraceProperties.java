package dev.aquatope.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Writing any whole-day integer series in the compact layout and reading it back is the identity. */
class CompactTraceProperties {
  @Property(tries = 30)
  void writeThenRead_isIdentity(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int functions,
      @ForAll @IntRange(min = 1, max = 3) int days, @ForAll @IntRange(min = 1, max = 14) int firstDay,
      @ForAll boolean gzip) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    List<InvocationSeries> series = new ArrayList<>();
    for (int f = 0; f < functions; f++) {
      double[] c = new double[days * 1440];
      for (int i = 0; i < c.length; i++) {
        c[i] = rng.nextDouble() < 0.7 ? 0 : rng.nextInt(1000);
      }
      Instant start = CompactTraceReader.AZURE_2019_DAY1.plus(Duration.ofDays(firstDay - 1L + f));
      series.add(InvocationSeries.perMinute(FunctionId.of("fn" + f + "x" + Long.toHexString(seed)), TriggerType.OTHERS, start, c));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes) {
      CompactTraceWriter.write(series, out);
    }
    Map<FunctionId, InvocationSeries> read = CompactTraceReader.read(new ByteArrayInputStream(bytes.toByteArray()), "mem.csv");
    Map<FunctionId, InvocationSeries> expected = new LinkedHashMap<>();
    series.forEach(s -> expected.put(s.function(), s));
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(read.keySet()));
    assertEquals(expected, read);
  }

  @Property(tries = 10)
  void write_partialDayOrFractionalCount_rejected(@ForAll @IntRange(min = 1, max = 1439) int windows) {
    InvocationSeries partial = InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.OTHERS,
        CompactTraceReader.AZURE_2019_DAY1, new double[windows]);
    assertThrows(IllegalArgumentException.class, () -> CompactTraceWriter.write(List.of(partial), new ByteArrayOutputStream()));
    double[] c = new double[1440];
    c[windows] = 0.5;
    InvocationSeries fractional = InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.OTHERS,
        CompactTraceReader.AZURE_2019_DAY1, c);
    assertThrows(IllegalArgumentException.class, () -> CompactTraceWriter.write(List.of(fractional), new ByteArrayOutputStream()));
    InvocationSeries midDay = InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.OTHERS,
        CompactTraceReader.AZURE_2019_DAY1.plus(Duration.ofMinutes(windows)), new double[1440]);
    assertThrows(IllegalArgumentException.class, () -> CompactTraceWriter.write(List.of(midDay), new ByteArrayOutputStream()));
  }
}
