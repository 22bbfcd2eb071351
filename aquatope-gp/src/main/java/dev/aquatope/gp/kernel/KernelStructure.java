package dev.aquatope.gp.kernel;

import dev.aquatope.core.util.Checks;
import java.util.Arrays;

/**
 * How the input dimensions are grouped into the components of an {@link AdditiveKernel}: each
 * dimension belongs to exactly one group (e.g. the knobs of one workflow stage), and optionally a
 * global component over every dimension captures interactions between groups.
 *
 * @param groups the group of each input dimension, in {@code [0, G)}; every group in that range
 *     has at least one dimension. Copied.
 * @param global whether a global component over all dimensions is added
 */
public record KernelStructure(int[] groups, boolean global) {

  /** Validates every field and copies the array. */
  public KernelStructure {
    Checks.notNull("groups", groups);
    if (groups.length == 0) {
      throw new IllegalArgumentException("groups must not be empty");
    }
    groups = groups.clone();
    int max = -1;
    for (int i = 0; i < groups.length; i++) {
      if (groups[i] < 0) {
        throw new IllegalArgumentException("groups[" + i + "] must be >= 0, was " + groups[i]);
      }
      max = Math.max(max, groups[i]);
    }
    boolean[] seen = new boolean[max + 1];
    for (int g : groups) {
      seen[g] = true;
    }
    for (int g = 0; g <= max; g++) {
      if (!seen[g]) {
        throw new IllegalArgumentException("groups must number the groups 0.." + max + " without gaps; group " + g
            + " has no dimension in " + Arrays.toString(groups));
      }
    }
  }

  /**
   * The group of each dimension (a copy).
   *
   * @return the groups
   */
  @Override
  public int[] groups() {
    return groups.clone();
  }

  /**
   * Input dimension.
   *
   * @return the number of dimensions
   */
  public int dimension() {
    return groups.length;
  }

  /**
   * Number of groups G.
   *
   * @return G
   */
  public int groupCount() {
    int max = 0;
    for (int g : groups) {
      max = Math.max(max, g);
    }
    return max + 1;
  }

  /**
   * Number of additive components: the groups, plus one for the global component.
   *
   * @return {@code G} or {@code G + 1}
   */
  public int componentCount() {
    return groupCount() + (global ? 1 : 0);
  }

  /**
   * The dimensions of each group.
   *
   * @return {@code G} arrays of dimension indices, ascending
   */
  public int[][] dimensionsByGroup() {
    int gc = groupCount();
    int[] sizes = new int[gc];
    for (int g : groups) {
      sizes[g]++;
    }
    int[][] out = new int[gc][];
    for (int g = 0; g < gc; g++) {
      out[g] = new int[sizes[g]];
    }
    int[] fill = new int[gc];
    for (int d = 0; d < groups.length; d++) {
      out[groups[d]][fill[groups[d]]++] = d;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KernelStructure s && Arrays.equals(groups, s.groups) && global == s.global;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(groups) * 31 + Boolean.hashCode(global);
  }

  @Override
  public String toString() {
    return "KernelStructure[groups=" + Arrays.toString(groups) + ", global=" + global + "]";
  }
}
