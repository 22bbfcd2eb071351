package dev.aquatope.openwhisk.prewarm;

import dev.aquatope.openwhisk.client.OpenWhiskException;
import dev.aquatope.openwhisk.client.OpenWhiskUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Single-attempt JSON calls to administrative endpoints, with OpenWhisk's error mapping. */
final class AdminHttp {
  private final HttpClient http;
  private final Duration timeout;

  AdminHttp(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  String get(AdminEndpoint endpoint, String query) {
    return send("GET", endpoint, query, null);
  }

  String post(AdminEndpoint endpoint, String query, String body) {
    return send("POST", endpoint, query, body);
  }

  private String send(String method, AdminEndpoint endpoint, String query, String body) {
    URI uri = query == null ? endpoint.uri() : URI.create(endpoint.uri() + "?" + query);
    String what = method + " " + uri.getRawPath();
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Authorization", endpoint.authorizationHeader()).header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new OpenWhiskUnavailableException(what + " on " + uri.getHost() + ":" + uri.getPort()
          + " got no response: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenWhiskUnavailableException(what + " was interrupted", e);
    }
    if (r.statusCode() < 200 || r.statusCode() >= 300) {
      String text = r.body() == null ? "" : r.body().strip();
      throw OpenWhiskException.forStatus(what, r.statusCode(),
          text.isEmpty() ? null : text.substring(0, Math.min(200, text.length())), null);
    }
    return r.body() == null ? "" : r.body();
  }
}
