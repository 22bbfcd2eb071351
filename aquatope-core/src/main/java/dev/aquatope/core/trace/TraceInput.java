package dev.aquatope.core.trace;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** Opening trace streams: gzip detection by magic bytes, and size/SHA-256 of what was read. */
final class TraceInput {
  private TraceInput() {}

  /**
   * Wraps {@code in} so that gzip-compressed data (magic bytes {@code 1f 8b}) is decompressed.
   *
   * @param in the raw stream
   * @return a stream of the uncompressed bytes
   * @throws IOException if the stream cannot be read
   */
  static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream b = in instanceof BufferedInputStream bb ? bb : new BufferedInputStream(in, 1 << 16);
    b.mark(2);
    int b0 = b.read();
    int b1 = b.read();
    b.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(b, 1 << 16);
    }
    return b;
  }

  /** A UTF-8 line reader over (possibly gzip-compressed) {@code in}. */
  static BufferedReader reader(InputStream in) throws IOException {
    return new BufferedReader(new InputStreamReader(decompressed(in), StandardCharsets.UTF_8), 1 << 16);
  }

  /** A stream that counts the bytes and hashes them with SHA-256 while they are read. */
  static final class Fingerprinting extends FilterInputStream {
    private final MessageDigest digest;
    private long count;

    Fingerprinting(InputStream in) {
      super(null);
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        // every Java platform must provide SHA-256
        throw new IllegalStateException("SHA-256 is not available", e);
      }
      this.in = new DigestInputStream(in, digest);
    }

    @Override
    public int read() throws IOException {
      int r = super.read();
      if (r >= 0) {
        count++;
      }
      return r;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int r = super.read(b, off, len);
      if (r > 0) {
        count += r;
      }
      return r;
    }

    @Override
    public long skip(long n) throws IOException {
      // skipping would bypass the digest: read instead
      byte[] buf = new byte[(int) Math.min(n, 8192)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    /** Reads the rest of the stream, so that size and digest cover all of it. */
    void drain() throws IOException {
      byte[] buf = new byte[1 << 16];
      while (read(buf, 0, buf.length) >= 0) {
        // keep reading
      }
    }

    long bytesRead() {
      return count;
    }

    String sha256Hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
