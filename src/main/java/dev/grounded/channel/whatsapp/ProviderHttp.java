package dev.grounded.channel.whatsapp;

import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.egress.EgressPolicy;
import dev.grounded.egress.EgressRefusedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** The HTTP client every provider calls through, and the one way their answers become sends or {@link SendException}s. */
@Component
public class ProviderHttp {

    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The most a provider's answer may be; anything longer is not a WhatsApp API's answer. */
    private static final int MAX_ANSWER = 4 * 1024 * 1024;
    /** A longer {@code Retry-After} is cut to this: a customer's reply that waits longer is as good as lost. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    /**
     * What a provider said when it refused.
     *
     * @param throttle how to wait when the error means "slow down" (whatever its HTTP status), else null
     */
    public record Error(String code, String message, SendException.Backoff throttle) {

        public static Error of(String code, String message) {
            return new Error(code, message, null);
        }
    }

    private final RestClient client;
    private final RestClient tenantAimed;

    ProviderHttp(WhatsAppProperties properties, EgressPolicy egress) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.timeout());
        this.client = RestClient.builder().requestFactory(factory).build();
        this.tenantAimed = egress.client(properties.timeout());
    }

    /** For the providers' own APIs, at the URLs the operator configures (Meta's Graph API, Twilio's REST API). */
    public RestClient client() {
        return client;
    }

    /** For a URL a tenant sets (a WAHA gateway): through the egress policy. */
    public RestClient tenantAimed() {
        return tenantAimed;
    }

    /**
     * Runs a call and returns the provider's JSON answer. A refusal becomes a {@link SendException}: retryable for
     * 429, 5xx, a throttling error code and network failures (after the provider's {@code Retry-After} when it gave
     * one), final for any other 4xx. A failure after the request may have reached the provider (no answer in time, the
     * connection closed or reset, an answer cut short) is an unknown outcome, not a failure: the message may be sent.
     */
    public static JsonNode exchange(
            String provider, Supplier<RestClient.RequestHeadersSpec<?>> request, Function<JsonNode, Error> errors) {
        try {
            return request.get().exchange((req, response) -> {
                byte[] bytes = response.getBody().readNBytes(MAX_ANSWER + 1);
                if (bytes.length > MAX_ANSWER) {
                    throw SendException.outcomeUnknown(
                            provider + " answered with more than " + MAX_ANSWER + " bytes; the answer was not read",
                            null);
                }
                int status = response.getStatusCode().value();
                JsonNode body = parse(bytes);
                if (status < 300) {
                    return body;
                }
                Error error = errors.apply(body);
                if (error.message() == null) {
                    // What an upstream said in its own words is logged, never passed on to whoever asked.
                    log.warn("{} answered HTTP {}: {}", provider, status, excerpt(bytes));
                }
                String message = error.message() != null ? error.message() : "no error message";
                String text = provider + " refused the message (HTTP " + status
                        + (error.code() == null ? "" : ", error " + error.code()) + "): "
                        + message;
                String code = error.code() != null ? error.code() : "http-" + status;
                boolean retryable = status == 429 || status >= 500 || error.throttle() != null;
                Duration retryAfter = retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
                if (retryable && (retryAfter != null || error.throttle() != null)) {
                    throw SendException.throttled(
                            text,
                            code,
                            error.throttle() != null ? error.throttle() : SendException.Backoff.DEFAULT,
                            retryAfter);
                }
                throw new SendException(text, code, retryable, null);
            });
        } catch (ResourceAccessException e) {
            if (EgressRefusedException.among(e)) {
                throw new SendException(
                        provider + " is refused by the egress policy: "
                                + e.getMostSpecificCause().getMessage(),
                        "egress",
                        false,
                        e);
            }
            // The I/O error's own message is often empty; its most specific cause names what happened.
            if (neverSent(e)) {
                throw new SendException(
                        provider + " could not be reached: " + e.getMostSpecificCause(), "network", true, e);
            }
            throw SendException.outcomeUnknown(
                    provider + " gave no answer after the request was sent: " + e.getMostSpecificCause(), e);
        }
    }

    /** Whether the failure came before the request could reach the provider: no connection was made. */
    private static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent, unreadable or already past. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds > 0 ? Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds())) : null;
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(
                        Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() || until.isZero()
                        ? null
                        : until.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** The start of an answer, on one line and without control characters, for the log. */
    static String excerpt(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 500), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}+", " ")
                .strip();
        return bytes.length > 500 ? text + "…" : text;
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }
}
