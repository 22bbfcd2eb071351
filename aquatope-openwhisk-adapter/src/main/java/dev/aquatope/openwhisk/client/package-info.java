/**
 * A small typed OpenWhisk REST client on {@link java.net.http.HttpClient} and Jackson:
 * {@link dev.aquatope.openwhisk.client.OpenWhiskClient}, its configuration, retry policy and the
 * typed exceptions it throws. The API key never appears in logs, messages or {@code toString}.
 */
package dev.aquatope.openwhisk.client;
