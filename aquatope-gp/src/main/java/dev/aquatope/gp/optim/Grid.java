package dev.aquatope.gp.optim;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.util.Checks;

/**
 * The discrete grid of a {@link ConfigSpace} seen from the unit cube: conversions between level
 * indices ({@link GridPoint}), unit-cube coordinates and {@link Configuration}s.
 *
 * <p>The unit-cube coordinate of level {@code i} of a knob with {@code L} levels is
 * {@code i / (L - 1)} (0.5 when {@code L = 1}), exactly what {@link ConfigSpace#encode} and
 * {@link ConfigSpace#roundToGrid} produce, so that models trained on encoded observations and
 * candidates scored here share coordinates.
 */
public final class Grid {
  private final ConfigSpace space;
  private final int[] levels;

  /**
   * Wraps a space.
   *
   * @param space the configuration space
   * @throws IllegalArgumentException if {@code space} is null
   */
  public Grid(ConfigSpace space) {
    this.space = Checks.notNull("space", space);
    this.levels = new int[space.dimension()];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = space.parameters().get(i).knob().levels();
    }
  }

  /**
   * The wrapped space.
   *
   * @return the space
   */
  public ConfigSpace space() {
    return space;
  }

  /**
   * The number of dimensions.
   *
   * @return the space's dimension
   */
  public int dimension() {
    return levels.length;
  }

  /**
   * The number of levels of dimension {@code i}.
   *
   * @param i the dimension
   * @return its number of levels, {@code >= 1}
   */
  public int levels(int i) {
    return levels[i];
  }

  /**
   * The unit-cube coordinates of a grid point.
   *
   * @param p the point
   * @return a fresh array of length {@link #dimension()}
   */
  public double[] toUnit(GridPoint p) {
    double[] u = new double[levels.length];
    toUnit(p, u);
    return u;
  }

  /**
   * Writes the unit-cube coordinates of a grid point into {@code out}.
   *
   * @param p the point
   * @param out the destination of length {@link #dimension()}; modified
   */
  public void toUnit(GridPoint p, double[] out) {
    for (int i = 0; i < levels.length; i++) {
      out[i] = levels[i] == 1 ? 0.5 : (double) p.level(i) / (levels[i] - 1);
    }
  }

  /**
   * The grid point nearest to a point of the unit cube.
   *
   * @param u a point of {@code [0, 1]^d}; not modified
   * @return the nearest grid point
   * @throws IllegalArgumentException if {@code u} has the wrong length or leaves the cube
   */
  public GridPoint nearest(double[] u) {
    if (u.length != levels.length) {
      throw new IllegalArgumentException("point must have " + levels.length + " coordinates, had " + u.length);
    }
    int[] idx = new int[levels.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = space.parameters().get(i).knob().decodeIndex(u[i]);
    }
    return new GridPoint(idx);
  }

  /**
   * The grid point of a configuration.
   *
   * @param c a configuration of the space
   * @return its grid point
   * @throws IllegalArgumentException if a parameter is missing or off range
   */
  public GridPoint pointOf(Configuration c) {
    return new GridPoint(space.toIndices(c));
  }

  /**
   * The configuration of a grid point.
   *
   * @param p the point
   * @return the configuration
   */
  public Configuration configurationOf(GridPoint p) {
    return space.fromIndices(p.levels());
  }

  /**
   * Whether the grid point lies on the grid (each index below its dimension's level count).
   *
   * @param p the point
   * @return true if every index is in range and the dimension matches
   */
  public boolean contains(GridPoint p) {
    if (p.dimension() != levels.length) {
      return false;
    }
    for (int i = 0; i < levels.length; i++) {
      if (p.level(i) >= levels[i]) {
        return false;
      }
    }
    return true;
  }
}
