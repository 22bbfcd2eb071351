package dev.aquatope.nn.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The binary format of a saved forecaster, big-endian ({@link DataOutputStream}):
 *
 * <pre>{@code
 * int    magic   0x41514E4E ("AQNN")
 * int    version 2 (version 1 files, saved before the hybrid's residual noise model, are refused)
 * UTF    kind    forecaster name, e.g. "hybrid-bnn"
 * int    n, byte[n]  JSON metadata (UTF-8): configuration, normalization, noise estimate, summary
 * int    arrays
 * arrays times:
 *   UTF    name    "<network>/<weight>", e.g. "encoder/enc0_Wx"
 *   int    rank, long[rank] shape
 *   int    count,  float[count] values in row-major (C) order
 * }</pre>
 *
 * <p>Plain floats rather than DL4J's {@code ModelSerializer} zip, because the networks are
 * SameDiff graphs rebuilt from the configuration and only their weights need storing.
 */
final class ModelFile {
  static final int MAGIC = 0x41514E4E;
  static final int VERSION = 2;

  private ModelFile() {}

  /** What a file holds. */
  record Contents(String kind, byte[] json, Map<String, INDArray> arrays) {}

  static void write(OutputStream out, String kind, byte[] json, Map<String, INDArray> arrays) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(MAGIC);
    d.writeInt(VERSION);
    d.writeUTF(kind);
    d.writeInt(json.length);
    d.write(json);
    d.writeInt(arrays.size());
    for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
      d.writeUTF(e.getKey());
      long[] shape = e.getValue().shape();
      d.writeInt(shape.length);
      for (long s : shape) {
        d.writeLong(s);
      }
      float[] v = e.getValue().castTo(DataType.FLOAT).dup('c').data().asFloat();
      d.writeInt(v.length);
      for (float f : v) {
        d.writeFloat(f);
      }
    }
    d.flush();
  }

  static Contents read(InputStream in, String expectedKind) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int magic = d.readInt();
    if (magic != MAGIC) {
      throw new IOException("not an Aquatope NN model (magic 0x" + Integer.toHexString(magic) + ")");
    }
    int version = d.readInt();
    if (version != VERSION) {
      throw new IOException("unsupported model format version " + version + ", expected " + VERSION);
    }
    String kind = d.readUTF();
    if (!kind.equals(expectedKind)) {
      throw new IOException("model is a '" + kind + "' forecaster, expected '" + expectedKind + "'");
    }
    int n = d.readInt();
    if (n < 0 || n > (64 << 20)) {
      throw new IOException("bad metadata length " + n);
    }
    byte[] json = d.readNBytes(n);
    if (json.length != n) {
      throw new IOException("truncated model metadata");
    }
    int count = d.readInt();
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    for (int a = 0; a < count; a++) {
      String name = d.readUTF();
      int rank = d.readInt();
      if (rank < 0 || rank > 8) {
        throw new IOException("bad rank " + rank + " of '" + name + "'");
      }
      long[] shape = new long[rank];
      long size = 1;
      for (int i = 0; i < rank; i++) {
        shape[i] = d.readLong();
        size *= shape[i];
      }
      int len = d.readInt();
      if (len != size) {
        throw new IOException("'" + name + "' has " + len + " values for shape " + java.util.Arrays.toString(shape));
      }
      float[] v = new float[len];
      for (int i = 0; i < len; i++) {
        v[i] = d.readFloat();
      }
      arrays.put(name, Nd4j.create(v, shape, DataType.FLOAT));
    }
    return new Contents(kind, json, arrays);
  }

  /** The arrays whose names start with {@code prefix + "/"}, with the prefix removed. */
  static Map<String, INDArray> part(Map<String, INDArray> arrays, String prefix) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    arrays.forEach((k, v) -> {
      if (k.startsWith(prefix + "/")) {
        out.put(k.substring(prefix.length() + 1), v);
      }
    });
    return out;
  }

  /** Adds {@code part}'s arrays under {@code prefix + "/"}. */
  static void putPart(Map<String, INDArray> arrays, String prefix, Map<String, INDArray> part) {
    part.forEach((k, v) -> arrays.put(prefix + "/" + k, v));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
