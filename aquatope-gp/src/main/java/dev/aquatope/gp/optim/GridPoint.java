package dev.aquatope.gp.optim;

import dev.aquatope.core.util.Checks;
import java.util.Arrays;

/**
 * A point of a configuration grid given by its level indices, one per dimension.
 *
 * <p>Immutable (the array is copied in and out), with value equality, so that it can key sets
 * of excluded (observed or pending) points.
 */
public final class GridPoint {
  private final int[] levels;
  private final int hash;

  /**
   * Creates a grid point.
   *
   * @param levels the level index of every dimension; copied
   * @throws IllegalArgumentException if {@code levels} is null or holds a negative index
   */
  public GridPoint(int[] levels) {
    Checks.notNull("levels", levels);
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] < 0) {
        throw new IllegalArgumentException("levels[" + i + "] must be >= 0, was " + levels[i]);
      }
    }
    this.levels = levels.clone();
    this.hash = Arrays.hashCode(this.levels);
  }

  /**
   * The level indices.
   *
   * @return a fresh copy
   */
  public int[] levels() {
    return levels.clone();
  }

  /**
   * The level index of dimension {@code i}.
   *
   * @param i the dimension
   * @return its level index
   */
  public int level(int i) {
    return levels[i];
  }

  /**
   * The number of dimensions.
   *
   * @return the length of {@link #levels()}
   */
  public int dimension() {
    return levels.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GridPoint g && hash == g.hash && Arrays.equals(levels, g.levels);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.toString(levels);
  }
}
