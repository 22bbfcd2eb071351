/**
 * A stateful fake OpenWhisk on the JDK's {@code com.sun.net.httpserver.HttpServer} (loopback,
 * ephemeral port) with a controllable clock, used by the adapter's integration tests.
 */
package dev.aquatope.openwhisk.fake;
