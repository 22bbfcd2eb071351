package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * OpenWhisk's error response {@code {"error": "<message>", "code": "<transaction id>"}}.
 *
 * @param error the message, may be {@code null}
 * @param code the transaction id, may be {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(String error, String code) {}
