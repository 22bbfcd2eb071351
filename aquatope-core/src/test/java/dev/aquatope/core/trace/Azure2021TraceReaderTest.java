package dev.aquatope.core.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
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

class Azure2021TraceReaderTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void read_bucketsByStartMinute(boolean gzip) throws IOException {
    Path f = TraceTestFiles.write(dir.resolve("inv.csv"), gzip, List.of("app,func,end_timestamp,duration",
        "A,f,10.0,2.0", // start 8 s -> minute 0
        "A,f,125.0,70.0", // start 55 s -> minute 0
        "A,f,130.0,5.0", // start 125 s -> minute 2
        "B,f,61.0,0.5", // other app, same func hash: a different function; start 60.5 s -> minute 1
        "A,f,0.5,1.0")); // started before t=0 -> minute 0
    Map<FunctionId, InvocationSeries> t = Azure2021TraceReader.newBuilder()
        .start(Instant.parse("2021-02-01T00:00:00Z")).build().read(f);
    assertEquals(List.of("A/f", "B/f"), t.keySet().stream().map(FunctionId::value).toList());
    assertArrayEquals(new double[] {3, 0, 1}, t.get(FunctionId.of("A/f")).counts());
    assertArrayEquals(new double[] {0, 1, 0}, t.get(FunctionId.of("B/f")).counts());
    assertEquals(Instant.parse("2021-02-01T00:00:00Z"), t.get(FunctionId.of("B/f")).start());
  }

  @Test
  void read_badDuration_namesLineAndColumn() throws IOException {
    Path f = TraceTestFiles.write(dir.resolve("inv.csv"), false, List.of("app,func,end_timestamp,duration",
        "A,f,10.0,2.0", "A,f,10.0,abc"));
    assertEquals("inv.csv:3: column 4 ('abc'): not a number",
        assertThrows(TraceFormatException.class, () -> Azure2021TraceReader.newBuilder().build().read(f)).getMessage());
    Path g = TraceTestFiles.write(dir.resolve("neg.csv"), false, List.of("app,func,end_timestamp,duration", "A,f,-1,2"));
    assertEquals("neg.csv:2: column 3 ('-1'): not a finite number >= 0",
        assertThrows(TraceFormatException.class, () -> Azure2021TraceReader.newBuilder().build().read(g)).getMessage());
  }

  @Test
  void read_realHead_countsEveryInvocation() throws IOException {
    Map<FunctionId, InvocationSeries> t;
    try (InputStream in = getClass().getResourceAsStream("azure2021_invocations_head.csv")) {
      t = Azure2021TraceReader.newBuilder().build().read(in, "azure2021_invocations_head.csv");
    }
    assertEquals(199.0, t.values().stream().mapToDouble(InvocationSeries::total).sum());
    // last end 1260.06 s with 60.04 s duration starts at 1200.0 s -> minute 20: 21 windows
    assertEquals(21, t.values().iterator().next().size());
    assertEquals(Azure2021TraceReader.AZURE_2021_START, t.values().iterator().next().start());
  }
}
