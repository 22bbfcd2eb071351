package dev.aquatope.gp.sampling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * {@code torch.quasirandom.SobolEngine} bit-exact (scramble=true/false, seed), Joe-Kuo 21201 dims.
 *
 * <p>Direction numbers come from the bundled {@code new-joe-kuo-6.21201} file (see the NOTICE
 * next to it), read lazily up to the requested dimension, with 30 bits per coordinate as in torch.
 * Scrambling is torch's linear matrix scrambling plus a random digital shift, with the bits drawn
 * from MT19937 ({@link MersenneTwister}, {@code nextInt() & 1}) in torch's order: D x 30 shift
 * bits, then D x 30 x 30 lower-triangular matrix bits. The first point is {@code shift / 2^30} in
 * double precision, which is what torch gives when its default dtype is float64 (as in BoTorch
 * code run with {@code torch.set_default_dtype(torch.float64)}, and in the golden values); under
 * a float32 default dtype torch would round that one point to float32. torch seeds MT19937 with the seed's low 32 bits; this
 * class uses the low 31 bits (Commons Math's {@code setSeed(int)} is only identical to
 * {@code init_genrand} for non-negative ints), so the stream equals torch's for
 * {@code 0 <= seed < 2^31} and is a different but deterministic stream otherwise.
 *
 * <p>An engine keeps its position: successive {@link #draw} calls continue the sequence. It is
 * not thread-safe.
 */
public final class SobolEngine {
  /** Largest supported dimension. */
  public static final int MAX_DIMENSION = 21201;
  /** Bits per coordinate (torch's MAXBIT). */
  public static final int MAX_BIT = 30;
  private static final String RESOURCE = "new-joe-kuo-6.21201.gz";
  private static final double RECIPD = 1.0 / (1 << MAX_BIT);

  private final int dimension;
  private final int[][] directions; // [dim][bit], already scrambled when requested
  private final int[] quasi;
  private long generated;

  /**
   * Creates an engine.
   *
   * @param dimension number of coordinates, in [1, 21201]
   * @param scramble whether to apply linear matrix scrambling and a digital shift
   * @param seed seed of the scrambling bits (ignored when {@code scramble} is false)
   * @throws IllegalArgumentException if the dimension is out of range
   */
  public SobolEngine(int dimension, boolean scramble, long seed) {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException("dimension must be in [1, " + MAX_DIMENSION + "], was "
          + dimension);
    }
    this.dimension = dimension;
    this.directions = loadDirections(dimension);
    this.quasi = new int[dimension];
    if (scramble) {
      scramble(seed);
    }
  }

  /**
   * Number of coordinates per point.
   *
   * @return the dimension
   */
  public int dimension() {
    return dimension;
  }

  /**
   * Draws the next {@code n} points of the sequence.
   *
   * @param n number of points, {@code >= 0}
   * @return n x dimension points in [0, 1)
   * @throws IllegalArgumentException if n is negative
   */
  public double[][] draw(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    double[][] out = new double[n][dimension];
    for (int p = 0; p < n; p++) {
      if (generated == 0) {
        for (int d = 0; d < dimension; d++) {
          out[p][d] = quasi[d] * RECIPD;
        }
      } else {
        int c = Long.numberOfTrailingZeros(~(generated - 1));
        if (c >= MAX_BIT) {
          throw new IllegalStateException("Sobol sequence exhausted after 2^30 points");
        }
        for (int d = 0; d < dimension; d++) {
          quasi[d] ^= directions[d][c];
          out[p][d] = quasi[d] * RECIPD;
        }
      }
      generated++;
    }
    return out;
  }

  private void scramble(long seed) {
    MersenneTwister rng = new MersenneTwister((int) (seed & 0x7fffffffL));
    for (int d = 0; d < dimension; d++) {
      int shift = 0;
      for (int k = 0; k < MAX_BIT; k++) {
        shift |= (rng.nextInt() & 1) << k;
      }
      quasi[d] = shift;
    }
    int[] rows = new int[MAX_BIT];
    for (int d = 0; d < dimension; d++) {
      for (int r = 0; r < MAX_BIT; r++) {
        int row = 0;
        for (int c = 0; c < MAX_BIT; c++) {
          int bit = rng.nextInt() & 1;
          if (c < r && bit == 1) {
            row |= 1 << (MAX_BIT - 1 - c);
          }
        }
        row |= 1 << (MAX_BIT - 1 - r); // unit diagonal
        rows[r] = row;
      }
      int[] v = directions[d];
      for (int j = 0; j < MAX_BIT; j++) {
        int scrambled = 0;
        for (int p = 0; p < MAX_BIT; p++) {
          if ((Integer.bitCount(rows[p] & v[j]) & 1) == 1) {
            scrambled |= 1 << (MAX_BIT - 1 - p);
          }
        }
        v[j] = scrambled;
      }
    }
  }

  /**
   * The unscrambled direction numbers of the first {@value #PRELOADED} dimensions, parsed once on
   * first use and never modified afterwards (a constant table, not mutable state).
   */
  private static final class Preloaded {
    static final int[][] TABLE = readDirections(PRELOADED);
  }

  /** Number of dimensions kept parsed in memory; larger engines re-read the resource. */
  private static final int PRELOADED = 1024;

  /** Fresh copy of V[d][j] for the first {@code dimension} dimensions. */
  private static int[][] loadDirections(int dimension) {
    if (dimension > PRELOADED) {
      return readDirections(dimension);
    }
    int[][] v = new int[dimension][];
    for (int d = 0; d < dimension; d++) {
      v[d] = Preloaded.TABLE[d].clone();
    }
    return v;
  }

  /** Direction numbers V[d][j] = m_{d,j} << (29 - j), reading only the needed lines. */
  private static int[][] readDirections(int dimension) {
    int[][] v = new int[dimension][MAX_BIT];
    for (int j = 0; j < MAX_BIT; j++) {
      v[0][j] = 1 << (MAX_BIT - 1 - j);
    }
    if (dimension == 1) {
      return v;
    }
    try (InputStream raw = SobolEngine.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
          StandardCharsets.US_ASCII));
      reader.readLine(); // header
      for (int d = 1; d < dimension; d++) {
        String line = reader.readLine();
        if (line == null) {
          throw new IllegalStateException("direction file ends at dimension " + d);
        }
        String[] tok = line.trim().split("\\s+");
        int s = Integer.parseInt(tok[1]);
        int a = Integer.parseInt(tok[2]);
        long[] m = new long[MAX_BIT];
        for (int j = 0; j < s && j < MAX_BIT; j++) {
          m[j] = Long.parseLong(tok[3 + j]);
        }
        int poly = (1 << s) | (a << 1) | 1;
        for (int j = s; j < MAX_BIT; j++) {
          long newv = m[j - s];
          long pow2 = 1;
          for (int k = 0; k < s; k++) {
            pow2 <<= 1;
            if (((poly >> (s - 1 - k)) & 1) == 1) {
              newv ^= pow2 * m[j - k - 1];
            }
          }
          m[j] = newv;
        }
        for (int j = 0; j < MAX_BIT; j++) {
          v[d][j] = (int) (m[j] << (MAX_BIT - 1 - j));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return v;
  }
}
