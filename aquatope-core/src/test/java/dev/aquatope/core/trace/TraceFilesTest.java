package dev.aquatope.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.FunctionId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFilesTest {
  @TempDir
  Path dir;

  @Test
  void detect_eachLayout() throws IOException {
    Path compact = TraceTestFiles.write(dir.resolve("c.csv.gz"), true,
        List.of(TraceTestFiles.compactHeader(), "f,d02," + TraceTestFiles.counts(m -> 1)));
    Path day = TraceTestFiles.write(dir.resolve("d.csv"), false,
        List.of(TraceTestFiles.azure2019Header(), "o,a,f,http," + TraceTestFiles.counts(m -> 2)));
    Path inv = TraceTestFiles.write(dir.resolve("i.csv"), false, List.of("app,func,end_timestamp,duration", "a,f,1,0"));
    assertEquals(TraceFormat.COMPACT_PER_MINUTE, TraceFiles.detect(compact));
    assertEquals(TraceFormat.AZURE_2019_DAY_FILES, TraceFiles.detect(day));
    assertEquals(TraceFormat.AZURE_2021_INVOCATIONS, TraceFiles.detect(inv));
    assertEquals(TraceFormat.AZURE_2019_DAY_FILES, TraceFiles.detect(dir));
    assertEquals(1440.0, TraceFiles.read(compact).get(FunctionId.of("f")).total());
    assertEquals(2880.0, TraceFiles.read(day).get(FunctionId.of("f")).total());
    assertEquals(1.0, TraceFiles.read(inv).get(FunctionId.of("a/f")).total());
  }

  @Test
  void detect_unknownHeader_fails() throws IOException {
    Path f = TraceTestFiles.write(dir.resolve("x.csv"), false, List.of("a,b,c"));
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceFiles.detect(f));
    assertTrue(e.getMessage().startsWith("x.csv:1: unknown trace layout"), e.getMessage());
  }
}
