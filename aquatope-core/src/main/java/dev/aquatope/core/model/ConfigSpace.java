package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search space of a workflow's resource configuration: an ordered list of
 * {@link Parameter}s (per-stage knobs), each on its own grid.
 *
 * <p>Optimizers work in the unit cube {@code [0, 1]^d}: {@link #encode} maps a configuration to
 * it, {@link #decode} rounds a point of the cube back to the nearest grid point. On grid points
 * {@code decode(encode(c)).equals(c)}.
 *
 * @param parameters the dimensions, in a fixed order
 */
public record ConfigSpace(List<Parameter> parameters) {
  /** Validates and copies the parameters. */
  public ConfigSpace {
    Checks.notNull("parameters", parameters);
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("parameters must not be empty");
    }
    Set<String> keys = new HashSet<>();
    for (Parameter p : parameters) {
      Checks.notNull("parameter", p);
      if (!keys.add(p.key())) {
        throw new IllegalArgumentException("duplicate parameter '" + p.key() + "'");
      }
    }
    parameters = List.copyOf(parameters);
  }

  /**
   * The same knobs for every stage of a workflow.
   *
   * @param workflow the workflow
   * @param knobs knobs given to each stage
   * @return the space with {@code stages * knobs} dimensions
   */
  public static ConfigSpace perStage(Workflow workflow, List<Knob> knobs) {
    List<Parameter> ps = new ArrayList<>();
    for (Stage s : workflow.stages()) {
      for (Knob k : knobs) {
        ps.add(new Parameter(s.name(), k));
      }
    }
    return new ConfigSpace(ps);
  }

  /** Number of dimensions. */
  public int dimension() {
    return parameters.size();
  }

  /** Number of grid points: the product of every knob's levels. */
  public BigInteger gridSize() {
    BigInteger n = BigInteger.ONE;
    for (Parameter p : parameters) {
      n = n.multiply(BigInteger.valueOf(p.knob().levels()));
    }
    return n;
  }

  /**
   * Maps a configuration to the unit cube.
   *
   * @param config a configuration with a value for every parameter
   * @return a fresh array of length {@link #dimension()}
   * @throws IllegalArgumentException if a parameter is missing or out of its range
   */
  public double[] encode(Configuration config) {
    double[] u = new double[parameters.size()];
    for (int i = 0; i < u.length; i++) {
      Parameter p = parameters.get(i);
      u[i] = p.knob().encode(config.get(p.key()));
    }
    return u;
  }

  /**
   * Rounds a point of the unit cube to the nearest grid configuration.
   *
   * @param u a point of {@code [0, 1]^d}; not modified
   * @return the configuration
   * @throws IllegalArgumentException if {@code u} has the wrong length or leaves the cube
   */
  public Configuration decode(double[] u) {
    checkLength(u.length);
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < u.length; i++) {
      Parameter p = parameters.get(i);
      values.put(p.key(), p.knob().decode(u[i]));
    }
    return new Configuration(values);
  }

  /**
   * Rounds a point of the unit cube to the nearest grid point, still in the unit cube.
   *
   * @param u a point of {@code [0, 1]^d}; not modified
   * @param out where the rounded point is written, may be {@code u}; modified
   */
  public void roundToGrid(double[] u, double[] out) {
    checkLength(u.length);
    for (int i = 0; i < u.length; i++) {
      Knob k = parameters.get(i).knob();
      int levels = k.levels();
      out[i] = levels == 1 ? 0.5 : (double) k.decodeIndex(u[i]) / (levels - 1);
    }
  }

  /** The grid-level indices of a configuration. */
  public int[] toIndices(Configuration config) {
    int[] idx = new int[parameters.size()];
    for (int i = 0; i < idx.length; i++) {
      Parameter p = parameters.get(i);
      idx[i] = p.knob().indexOf(config.get(p.key()));
    }
    return idx;
  }

  /** The configuration at the given grid-level indices. */
  public Configuration fromIndices(int[] indices) {
    checkLength(indices.length);
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < indices.length; i++) {
      Parameter p = parameters.get(i);
      values.put(p.key(), p.knob().valueAt(indices[i]));
    }
    return new Configuration(values);
  }

  /** The configuration with every knob at its maximum (the most generous setting). */
  public Configuration maxConfiguration() {
    int[] idx = new int[parameters.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = parameters.get(i).knob().levels() - 1;
    }
    return fromIndices(idx);
  }

  private void checkLength(int length) {
    if (length != parameters.size()) {
      throw new IllegalArgumentException("point must have " + parameters.size() + " coordinates, had " + length);
    }
  }
}
