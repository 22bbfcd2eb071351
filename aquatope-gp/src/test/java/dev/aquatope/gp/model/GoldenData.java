package dev.aquatope.gp.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads {@code golden/botorch-0.12.json} (BoTorch 0.12.0 / GPyTorch 1.13, float64) for the tests. */
public final class GoldenData {
  private static final JsonNode ROOT = load();

  private GoldenData() {}

  private static JsonNode load() {
    try (InputStream in = GoldenData.class.getResourceAsStream("/golden/botorch-0.12.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node at a dotted path, e.g. {@code "acqf.qNEI_cacheTrue_conTrue"}. */
  public static JsonNode node(String path) {
    JsonNode n = ROOT;
    for (String part : path.split("\\.")) {
      n = n.get(part);
      if (n == null) {
        throw new IllegalArgumentException("no golden value at " + path);
      }
    }
    return n;
  }

  /** A scalar. */
  public static double scalar(String path) {
    return node(path).asDouble();
  }

  /** A vector (flattening a leading singleton dimension). */
  public static double[] vector(String path) {
    JsonNode n = node(path);
    if (n.size() == 1 && n.get(0).isArray()) {
      n = n.get(0);
    }
    double[] v = new double[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = n.get(i).asDouble();
    }
    return v;
  }

  /** A matrix. */
  public static double[][] matrix(String path) {
    JsonNode n = node(path);
    double[][] m = new double[n.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new double[n.get(i).size()];
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = n.get(i).get(j).asDouble();
      }
    }
    return m;
  }

  /** A 3-d array. */
  public static double[][][] tensor3(String path) {
    JsonNode n = node(path);
    double[][][] t = new double[n.size()][][];
    for (int i = 0; i < t.length; i++) {
      JsonNode a = n.get(i);
      t[i] = new double[a.size()][];
      for (int j = 0; j < t[i].length; j++) {
        t[i][j] = new double[a.get(j).size()];
        for (int k = 0; k < t[i][j].length; k++) {
          t[i][j][k] = a.get(j).get(k).asDouble();
        }
      }
    }
    return t;
  }

  /** Training inputs of section 7.3. */
  public static double[][] trainX() {
    return matrix("data.train_X");
  }

  /** Objective outcome f. */
  public static double[] trainObjective() {
    return vector("data.train_Y_obj");
  }

  /** Constraint outcome c. */
  public static double[] trainConstraint() {
    return vector("data.train_Y_con");
  }
}
