/**
 * Apache OpenWhisk adapter: a typed REST client ({@code client}), the wire records it reads and
 * writes ({@code api}), the {@link dev.aquatope.core.spi.FaasPlatform} implementation
 * ({@code platform}) and prewarm control ({@code prewarm}).
 */
package dev.aquatope.openwhisk;
