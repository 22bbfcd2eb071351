package dev.aquatope.core.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes small trace files for the reader tests. */
final class TraceTestFiles {
  private TraceTestFiles() {}

  /** {@code 1,2,...,1440}. */
  static String minuteHeader() {
    StringBuilder sb = new StringBuilder();
    for (int m = 1; m <= 1440; m++) {
      sb.append(m == 1 ? "" : ",").append(m);
    }
    return sb.toString();
  }

  /** 1440 comma-separated counts: {@code value(m)} for minute index m. */
  static String counts(java.util.function.IntUnaryOperator value) {
    StringBuilder sb = new StringBuilder();
    for (int m = 0; m < 1440; m++) {
      sb.append(m == 0 ? "" : ",").append(value.applyAsInt(m));
    }
    return sb.toString();
  }

  static String compactHeader() {
    return "HashFunction,Day," + minuteHeader();
  }

  static String azure2019Header() {
    return "HashOwner,HashApp,HashFunction,Trigger," + minuteHeader();
  }

  /** Writes lines (joined with '\n'), gzip-compressed if {@code gzip}. */
  static Path write(Path file, boolean gzip, List<String> lines) throws IOException {
    byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(bytes);
    }
    return file;
  }
}
