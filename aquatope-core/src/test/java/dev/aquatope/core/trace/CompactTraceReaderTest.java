package dev.aquatope.core.trace;

import static dev.aquatope.core.trace.TraceTestFiles.compactHeader;
import static dev.aquatope.core.trace.TraceTestFiles.counts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactTraceReaderTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void read_twoFunctionsTwoDays_concatenatesInDayOrder(boolean gzip) throws IOException {
    // rows deliberately out of day order: d03 before d02
    Path f = TraceTestFiles.write(dir.resolve("t.csv" + (gzip ? ".gz" : "")), gzip, List.of(compactHeader(),
        "bbb,d03," + counts(m -> m % 3),
        "aaa,d01," + counts(m -> m == 0 ? 7 : 0),
        "bbb,d02," + counts(m -> 1)));
    Map<FunctionId, InvocationSeries> t = CompactTraceReader.read(f);
    assertEquals(List.of(FunctionId.of("bbb"), FunctionId.of("aaa")), List.copyOf(t.keySet()));
    InvocationSeries b = t.get(FunctionId.of("bbb"));
    assertEquals(2880, b.size());
    assertEquals(Instant.parse("2019-07-16T00:00:00Z"), b.start());
    assertEquals(1.0, b.count(0));
    assertEquals(1.0, b.count(1439));
    assertEquals(0.0, b.count(1440)); // d03 minute 0: 0 % 3
    assertEquals(2.0, b.count(1440 + 2));
    assertEquals(1440 + (480 * (0 + 1 + 2)), b.total(), 0.0);
    InvocationSeries a = t.get(FunctionId.of("aaa"));
    assertEquals(CompactTraceReader.AZURE_2019_DAY1, a.start());
    assertEquals(7.0, a.total());
    assertEquals(TriggerType.OTHERS, a.trigger());
  }

  @Test
  void read_filter_keepsOnlySelectedFunctions() throws IOException {
    Path f = TraceTestFiles.write(dir.resolve("t.csv"), false, List.of(compactHeader(),
        "aaa,d01," + counts(m -> 1), "bbb,d01," + counts(m -> 2)));
    Map<FunctionId, InvocationSeries> t = CompactTraceReader.read(f, id -> id.value().equals("bbb"));
    assertEquals(List.of(FunctionId.of("bbb")), List.copyOf(t.keySet()));
    assertEquals(2880.0, t.get(FunctionId.of("bbb")).total());
  }

  @Test
  void read_nonContiguousDays_failsNamingFunctionAndMissingDay() throws IOException {
    Path f = TraceTestFiles.write(dir.resolve("gap.csv"), false, List.of(compactHeader(),
        "aaa,d01," + counts(m -> 1), "aaa,d03," + counts(m -> 1)));
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> CompactTraceReader.read(f));
    assertTrue(e.getMessage().contains("gap.csv:3"), e.getMessage());
    assertTrue(e.getMessage().contains("aaa") && e.getMessage().contains("missing: d02"), e.getMessage());
  }

  @Test
  void read_duplicateDay_fails() throws IOException {
    Path f = TraceTestFiles.write(dir.resolve("dup.csv"), false, List.of(compactHeader(),
        "aaa,d01," + counts(m -> 1), "aaa,d01," + counts(m -> 1)));
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> CompactTraceReader.read(f));
    assertEquals("dup.csv:3: function aaa has day d01 twice (lines 2 and 3)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void read_badCount_namesFileLineAndColumn(boolean gzip) throws IOException {
    String bad = counts(m -> 1).replaceFirst("^1,1,1,1,1,1,1,", "1,1,1,1,1,1,x1,");
    Path f = TraceTestFiles.write(dir.resolve("bad.csv"), gzip, List.of(compactHeader(),
        "aaa,d01," + counts(m -> 1), "bbb,d01," + bad));
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> CompactTraceReader.read(f));
    // column 9 = 2 id columns + the 7th minute
    assertEquals("bad.csv:3: column 9 ('x1'): not a non-negative integer", e.getMessage());
    assertEquals(3, e.line());
    assertEquals(9, e.column());
  }

  @Test
  void read_negativeCountOrShortRowOrBadDay_rejected() throws IOException {
    Path neg = TraceTestFiles.write(dir.resolve("neg.csv"), false, List.of(compactHeader(),
        "aaa,d01," + counts(m -> m == 1439 ? -1 : 0)));
    assertEquals("neg.csv:2: column 1442 ('-1'): not a non-negative integer",
        assertThrows(TraceFormatException.class, () -> CompactTraceReader.read(neg)).getMessage());
    Path shortRow = TraceTestFiles.write(dir.resolve("short.csv"), false, List.of(compactHeader(), "aaa,d01,1,2"));
    assertEquals("short.csv:2: expected 1442 columns, found 4",
        assertThrows(TraceFormatException.class, () -> CompactTraceReader.read(shortRow)).getMessage());
    Path badDay = TraceTestFiles.write(dir.resolve("day.csv"), false, List.of(compactHeader(), "aaa,monday," + counts(m -> 0)));
    assertEquals("day.csv:2: column 2 ('monday'): not a day ('dNN', e.g. 'd01')",
        assertThrows(TraceFormatException.class, () -> CompactTraceReader.read(badDay)).getMessage());
    Path badHeader = TraceTestFiles.write(dir.resolve("hdr.csv"), false, List.of("HashFunction,Day,1,2"));
    assertTrue(assertThrows(TraceFormatException.class, () -> CompactTraceReader.read(badHeader)).getMessage()
        .startsWith("hdr.csv:1: header: expected 1442 columns"));
  }

  @Test
  void read_bundledRealExtract_hasDocumentedShape() throws IOException {
    Map<FunctionId, InvocationSeries> t;
    try (InputStream in = getClass().getResourceAsStream("azure2019_6fn_per_minute.csv.gz")) {
      t = CompactTraceReader.read(in, "azure2019_6fn_per_minute.csv.gz");
    }
    assertEquals(6, t.size());
    InvocationSeries weekly = t.get(FunctionId.of("40d07b9935b0d765eec41cedf70847d06699c0df3e24e1216e0ca893e6e8f71d"));
    assertEquals(14 * 1440, weekly.size());
    assertEquals(CompactTraceReader.AZURE_2019_DAY1, weekly.start());
    InvocationSeries timer = t.get(FunctionId.of("1ad3a3335bb2c127474fbfd71ef278319ad4c58ed0bfe4d5e152f77d18ebbe33"));
    assertEquals(5 * 1440, timer.size());
    // the README: a timer with 48 invocations a day
    assertEquals(5 * 48.0, timer.total());
    assertArrayEquals(new double[] {1, 0, 0}, timer.slice(0, 3).counts());
  }

  @Test
  void startOfDay_day8_isMondayOfSecondWeek() {
    assertEquals(Instant.parse("2019-07-22T00:00:00Z"), CompactTraceReader.startOfDay(8));
    assertThrows(IllegalArgumentException.class, () -> CompactTraceReader.startOfDay(0));
  }
}
