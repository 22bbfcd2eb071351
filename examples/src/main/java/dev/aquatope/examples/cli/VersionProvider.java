package dev.aquatope.examples.cli;

import picocli.CommandLine;

/** Reports the library version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = AquatopeCli.class.getPackage().getImplementationVersion();
    return new String[] {"aquatope " + (v == null ? "(development build)" : v)};
  }
}
