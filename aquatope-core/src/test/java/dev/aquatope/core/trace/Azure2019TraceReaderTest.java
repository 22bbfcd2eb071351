package dev.aquatope.core.trace;

import static dev.aquatope.core.trace.TraceTestFiles.azure2019Header;
import static dev.aquatope.core.trace.TraceTestFiles.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Azure2019TraceReaderTest {
  private static final String D1 = "invocations_per_function_md.anon.d01.csv";
  private static final String D2 = "invocations_per_function_md.anon.d02.csv";

  @TempDir
  Path dir;

  private Path day1(boolean gzip) throws IOException {
    return TraceTestFiles.write(dir.resolve(D1 + (gzip ? ".gz" : "")), gzip, List.of(azure2019Header(),
        "o1,a1,fA,http," + counts(m -> m < 10 ? 2 : 0),
        "o1,a1,fB,timer," + counts(m -> m % 60 == 0 ? 1 : 0),
        "o2,a2,fC,weird," + counts(m -> 3)));
  }

  private Path day2(boolean gzip) throws IOException {
    // fB is absent on day 2; fA appears twice (two trigger groups) and is summed
    return TraceTestFiles.write(dir.resolve(D2 + (gzip ? ".gz" : "")), gzip, List.of(azure2019Header(),
        "o1,a1,fA,http," + counts(m -> 1),
        "o2,a2,fC,weird," + counts(m -> 0),
        "o1,a1,fA,queue," + counts(m -> m == 5 ? 4 : 0)));
  }

  @Test
  void read_singleDayFile_parsesTriggersAndCounts() throws IOException {
    Map<FunctionId, InvocationSeries> t = Azure2019TraceReader.newBuilder().build().read(day1(false));
    assertEquals(List.of("fA", "fB", "fC"), t.keySet().stream().map(FunctionId::value).toList());
    InvocationSeries a = t.get(FunctionId.of("fA"));
    assertEquals(TriggerType.HTTP, a.trigger());
    assertEquals(1440, a.size());
    assertEquals(20.0, a.total());
    assertEquals(CompactTraceReader.AZURE_2019_DAY1, a.start());
    assertEquals(TriggerType.TIMER, t.get(FunctionId.of("fB")).trigger());
    assertEquals(24.0, t.get(FunctionId.of("fB")).total());
    assertEquals(TriggerType.OTHERS, t.get(FunctionId.of("fC")).trigger());
  }

  @Test
  void read_folderOfGzipDays_concatenatesWithZerosForMissingDay() throws IOException {
    day1(true);
    day2(true);
    Files.writeString(dir.resolve("README.txt"), "not a day file");
    Map<FunctionId, InvocationSeries> t = Azure2019TraceReader.newBuilder().build().read(dir);
    InvocationSeries b = t.get(FunctionId.of("fB"));
    assertEquals(2880, b.size());
    assertEquals(24.0, b.slice(0, 1440).total());
    assertEquals(0.0, b.slice(1440, 2880).total());
    InvocationSeries a = t.get(FunctionId.of("fA"));
    assertEquals(20.0 + 1440 + 4, a.total());
    assertEquals(1.0 + 4.0, a.count(1440 + 5));
    assertEquals(TriggerType.HTTP, a.trigger());
  }

  @Test
  void read_functionsFilter_readsOnlySelected() throws IOException {
    day1(false);
    day2(false);
    Map<FunctionId, InvocationSeries> t = Azure2019TraceReader.newBuilder().functions(Set.of("fC")).build().read(dir);
    assertEquals(Set.of(FunctionId.of("fC")), t.keySet());
    assertEquals(1440 * 3.0, t.get(FunctionId.of("fC")).total());
  }

  @Test
  void read_dayNumberFromFileName_setsStart() throws IOException {
    Path f = TraceTestFiles.write(dir.resolve("invocations_per_function_md.anon.d09.csv"), false,
        List.of(azure2019Header(), "o,a,f,http," + counts(m -> 0)));
    assertEquals(CompactTraceReader.startOfDay(9),
        Azure2019TraceReader.newBuilder().build().read(f).get(FunctionId.of("f")).start());
  }

  @Test
  void read_folderWithGap_fails() throws IOException {
    day1(false);
    TraceTestFiles.write(dir.resolve("invocations_per_function_md.anon.d03.csv"), false,
        List.of(azure2019Header(), "o,a,f,http," + counts(m -> 0)));
    TraceFormatException e = assertThrows(TraceFormatException.class,
        () -> Azure2019TraceReader.newBuilder().build().read(dir));
    assertTrue(e.getMessage().contains("missing [d02]"), e.getMessage());
  }

  @Test
  void read_corruptedRow_namesFileLineAndColumn() throws IOException {
    Path f = TraceTestFiles.write(dir.resolve(D1), false, List.of(azure2019Header(),
        "o1,a1,fA,http," + counts(m -> 0),
        "o1,a1,fB,http," + counts(m -> m == 4 ? -3 : 0)));
    TraceFormatException e = assertThrows(TraceFormatException.class,
        () -> Azure2019TraceReader.newBuilder().build().read(f));
    assertEquals(D1 + ":3: column 9 ('-3'): not a non-negative integer", e.getMessage());
    // a filtered-out function's counts are not parsed, so the same file reads fine for fA
    assertEquals(Set.of(FunctionId.of("fA")),
        Azure2019TraceReader.newBuilder().functions(Set.of("fA")).build().read(f).keySet());
  }

  @Test
  void read_manifestMatches_passes() throws IOException {
    Path f = day1(false);
    Path g = day2(true);
    DayFileManifest m = DayFileManifest.of(List.of(entryFor(f, D1), entryFor(dir.resolve("plain2.csv"), D2, g)));
    Map<FunctionId, InvocationSeries> t = Azure2019TraceReader.newBuilder().manifest(m).build().read(dir);
    assertEquals(3, t.size());
  }

  @Test
  void read_manifestWrongSize_reportsExpectedAndActual() throws IOException {
    Path f = day1(false);
    long size = Files.size(f);
    DayFileManifest.Entry good = entryFor(f, D1);
    DayFileManifest m = DayFileManifest.of(List.of(new DayFileManifest.Entry(D1, size + 1, good.sha256(), -1, -1)));
    TraceVerificationException e = assertThrows(TraceVerificationException.class,
        () -> Azure2019TraceReader.newBuilder().manifest(m).build().read(f));
    assertEquals(D1 + ": size_bytes does not match the manifest: expected " + (size + 1) + ", actual " + size,
        e.getMessage());
  }

  @Test
  void read_manifestWrongSha_reportsExpectedAndActual() throws IOException {
    Path f = day1(true);
    DayFileManifest.Entry good = entryFor(dir.resolve("x.csv"), D1, f);
    String wrong = "0".repeat(64);
    DayFileManifest m = DayFileManifest.of(List.of(new DayFileManifest.Entry(D1, good.sizeBytes(), wrong, -1, -1)));
    TraceVerificationException e = assertThrows(TraceVerificationException.class,
        () -> Azure2019TraceReader.newBuilder().manifest(m).build().read(f));
    assertEquals("sha256", e.field());
    assertEquals(D1 + ".gz: sha256 does not match the manifest: expected " + wrong + ", actual " + good.sha256(),
        e.getMessage());
  }

  @Test
  void read_fileNotInManifest_fails() throws IOException {
    Path f = TraceTestFiles.write(dir.resolve("other.csv"), false, List.of(azure2019Header()));
    TraceVerificationException e = assertThrows(TraceVerificationException.class,
        () -> Azure2019TraceReader.newBuilder().manifest(DayFileManifest.azure2019()).build().read(f));
    assertEquals("listed", e.field());
  }

  @Test
  void azure2019Manifest_bundled_hasFourteenDays() {
    DayFileManifest m = DayFileManifest.azure2019();
    assertEquals(14, m.entries().size());
    DayFileManifest.Entry d1 = m.entry(D1 + ".gz").orElseThrow();
    assertEquals(145688809L, d1.sizeBytes());
    assertEquals("f9613ae91224d87b201ce8c7c618e80c94d6bf041992effb34c5aa710b3c20fa", d1.sha256());
    assertEquals(46412L, d1.rows());
    assertEquals(909783379L, d1.dayTotal());
  }

  @Test
  void builder_filterTwice_throws() {
    Azure2019TraceReader.Builder b = Azure2019TraceReader.newBuilder().functions(Set.of("x"));
    assertThrows(IllegalStateException.class, () -> b.filter(f -> true));
    assertThrows(IllegalArgumentException.class, () -> Azure2019TraceReader.newBuilder().functions(Set.of()));
  }

  /** The manifest entry of the uncompressed content of {@code content} (default: {@code file}). */
  private static DayFileManifest.Entry entryFor(Path file, String name, Path... content) throws IOException {
    Path src = content.length > 0 ? content[0] : file;
    byte[] bytes;
    try (var in = TraceInput.decompressed(Files.newInputStream(src))) {
      bytes = in.readAllBytes();
    }
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      return new DayFileManifest.Entry(name, bytes.length, sha, -1, -1);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
