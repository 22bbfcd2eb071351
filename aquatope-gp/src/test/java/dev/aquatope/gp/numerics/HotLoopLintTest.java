package dev.aquatope.gp.numerics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE rule 10: the hot packages (acquisition, numerics) use index loops, never for-each (which
 * allocates iterators over collections and hides the index arithmetic the kernels rely on).
 */
class HotLoopLintTest {
  private static final Pattern FOR_EACH = Pattern.compile("for\\s*\\([^;()]*\\s:\\s");

  @Test
  void hotPackages_useIndexLoopsOnly() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String pkg : new String[] {"acquisition", "numerics"}) {
      Path dir = Path.of("src/main/java/dev/aquatope/gp", pkg);
      assertTrue(Files.isDirectory(dir), "run from the module directory: " + dir.toAbsolutePath());
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          List<String> lines = Files.readAllLines(p);
          for (int i = 0; i < lines.size(); i++) {
            if (FOR_EACH.matcher(lines.get(i)).find()) {
              offenders.add(p.getFileName() + ":" + (i + 1));
            }
          }
        }
      }
    }
    assertTrue(offenders.isEmpty(), "for-each loops in hot packages: " + offenders);
  }
}
