package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.Provider;
import dev.grounded.channel.WhatsAppProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The providers' webhooks. A call is verified over its raw bytes, parsed, stored in the inbox and acknowledged at
 * once; the reply comes later from the inbox worker. A missing signature is a 401, a wrong one a 403, a body the
 * provider would not send a 400: in each case nothing is stored. In a readable batch, an event that is not (a message
 * without its sender) is stored as rejected with the reason and counted, and the others go on.
 */
@RestController
@SecurityRequirements
@Tag(name = "Webhooks", description = "Called by Meta, Twilio and WAHA; verified by their signatures, not an API key")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    private static final int MAX_BODY = 1 << 20;
    private static final List<String> SIGNATURE_HEADERS =
            List.of("X-Hub-Signature-256", "X-Twilio-Signature", "X-Webhook-Hmac", "X-Webhook-Hmac-Algorithm");
    private static final String TWIML_EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final ConnectionStore connections;
    private final WhatsAppProviders providers;
    private final Inbox inbox;
    private final Contacts contacts;
    private final ObjectProvider<InboxWorker> worker;
    private final WhatsAppProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    WebhookController(
            ConnectionStore connections,
            WhatsAppProviders providers,
            Inbox inbox,
            Contacts contacts,
            ObjectProvider<InboxWorker> worker,
            WhatsAppProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.meters = meters;
        this.connections = connections;
        this.providers = providers;
        this.inbox = inbox;
        this.contacts = contacts;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
    }

    /** Meta's subscription check: echo the challenge when the verify token is this connection's. */
    @GetMapping("/webhooks/meta/{connection}")
    ResponseEntity<String> verifyMeta(
            @PathVariable String connection,
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        Optional<Connection> found = connection(Provider.META, connection);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String expected = found.get().secret("verifyToken");
        if (!"subscribe".equals(mode)
                || token == null
                || expected.isEmpty()
                || !Signatures.equal(expected, token)
                || challenge == null) {
            log.warn("Meta verification for {} refused: wrong mode or verify token", found.get());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    @PostMapping({"/webhooks/{provider}/{connection}", "/webhooks/{provider}/{connection}/status"})
    ResponseEntity<String> receive(
            @PathVariable String provider, @PathVariable String connection, HttpServletRequest request)
            throws IOException {
        Provider kind;
        try {
            kind = Provider.of(provider);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.notFound().build();
        }
        Optional<Connection> found = connection(kind, connection);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        // Nobody is authenticated yet: the connection is found first and the body read only up to its cap, so an
        // anonymous caller can neither make the server hold a large body nor learn anything by sending one.
        if (request.getContentLengthLong() > MAX_BODY) {
            return tooLarge();
        }
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            return tooLarge();
        }
        WhatsAppProvider gateway = providers.get(kind);
        WebhookRequest webhook = new WebhookRequest(raw, headers(request), urls(request));
        switch (gateway.verify(found.get(), webhook)) {
            case MISSING -> {
                log.warn("Webhook for {} without a signature: refused", found.get());
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("Missing signature");
            }
            case INVALID -> {
                log.warn("Webhook for {} with a wrong signature: refused", found.get());
                return ResponseEntity.status(HttpStatus.FORBIDDEN).body("Invalid signature");
            }
            case VALID -> {}
        }
        List<InboundEvent> events;
        try {
            events = gateway.parse(found.get(), webhook);
        } catch (MalformedWebhookException e) {
            log.warn("Malformed webhook for {}: {}", found.get(), e.getMessage());
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
        }
        long rejected =
                events.stream().filter(InboundEvent.Rejected.class::isInstance).count();
        if (rejected > 0) {
            log.warn(
                    "Webhook for {}: {} of its {} events could not be read and were kept as FAILED with the reason",
                    found.get(),
                    rejected,
                    events.size());
            meters.counter("grounded.whatsapp.webhook.rejected", "provider", kind.code())
                    .increment(rejected);
        }
        if (!events.isEmpty()) {
            List<String> hashes = new ArrayList<>(events.size());
            for (InboundEvent event : events) {
                hashes.add(event.contact() == null ? null : contacts.hash(event.contact()));
            }
            if (inbox.store(found.get(), events, raw, hashes, clock.instant()) > 0) {
                worker.ifAvailable(InboxWorker::wake);
            }
        }
        return kind == Provider.TWILIO
                ? ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(TWIML_EMPTY)
                : ResponseEntity.ok().build();
    }

    private static ResponseEntity<String> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.TEXT_PLAIN)
                .body("The body exceeds " + MAX_BODY + " bytes");
    }

    private Optional<Connection> connection(Provider provider, String id) {
        try {
            return connections.findForWebhook(ConnectionId.parse(id)).filter(c -> c.provider() == provider);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : SIGNATURE_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return headers;
    }

    /** The URLs Twilio may have signed: the configured public one (behind a proxy) and the one this server saw. */
    private List<String> urls(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        List<String> urls = new ArrayList<>();
        if (!properties.publicUrl().isBlank()) {
            urls.add(properties.publicUrl().replaceAll("/+$", "") + request.getRequestURI() + query);
        }
        urls.add(request.getRequestURL() + query);
        return urls;
    }
}
