package dev.grounded.channel.whatsapp;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Locale;

/**
 * One thing a webhook told us, the same whichever provider told it. A webhook body may hold several (Meta batches).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InboundEvent.CustomerMessage.class, name = "message"),
    @JsonSubTypes.Type(value = InboundEvent.BusinessMessage.class, name = "business-message"),
    @JsonSubTypes.Type(value = InboundEvent.DeliveryStatus.class, name = "status"),
    @JsonSubTypes.Type(value = InboundEvent.SessionStatus.class, name = "session"),
    @JsonSubTypes.Type(value = InboundEvent.Rejected.class, name = "rejected")
})
public sealed interface InboundEvent {

    /** What makes a redelivery of this event recognisable: the provider's id for it. */
    String dedupeKey();

    /** The customer it concerns (their number or WhatsApp id as the provider wrote it), or null. */
    String contact();

    enum Kind {
        TEXT,
        BUTTON,
        LIST,
        LOCATION,
        CONTACTS,
        IMAGE,
        DOCUMENT,
        AUDIO,
        VOICE,
        VIDEO,
        STICKER,
        REACTION,
        /** A notice from WhatsApp, not the customer (a changed number, a security code change): never answered. */
        SYSTEM,
        UNSUPPORTED;

        /** The kind of media a MIME type is, for providers that send only the type (Twilio, WAHA). */
        public static Kind ofMimeType(String mime) {
            String type = mime == null ? "" : mime.toLowerCase(Locale.ROOT);
            if (type.equals("image/webp")) {
                return STICKER;
            }
            if (type.startsWith("image/")) {
                return IMAGE;
            }
            if (type.startsWith("audio/ogg")) {
                return VOICE;
            }
            if (type.startsWith("audio/")) {
                return AUDIO;
            }
            if (type.startsWith("video/")) {
                return VIDEO;
            }
            return DOCUMENT;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Media sent by the customer, recorded with its metadata (the file itself stays with the provider).
     *
     * @param providerId Meta's media id, or null
     * @param url where the provider serves it (Twilio, WAHA), or null
     */
    record Media(String mimeType, String providerId, String url, String fileName, String sha256) {}

    /**
     * A customer's message.
     *
     * @param text what the bot reads: the body, a button's or list row's title, a caption, a location or contact as
     *     text; null when there is nothing to read
     * @param payload a button's or list row's id, if any
     */
    record CustomerMessage(
            String id,
            String from,
            String profileName,
            Instant sentAt,
            Kind kind,
            String text,
            String payload,
            Media media)
            implements InboundEvent {

        @Override
        public String dedupeKey() {
            return "message:" + id;
        }

        @Override
        public String contact() {
            return from;
        }
    }

    /**
     * A message from the business's own number (WAHA {@code fromMe}): typed on the phone by a person, who has taken
     * the chat, or one of ours echoed back.
     *
     * @param source WAHA's {@code source}: {@code app} (the phone) or {@code api} (sent through WAHA), or null
     */
    record BusinessMessage(String id, String to, String text, Instant sentAt, String source) implements InboundEvent {

        public boolean fromPhone() {
            return "app".equals(source);
        }

        public boolean throughApi() {
            return "api".equals(source);
        }

        @Override
        public String dedupeKey() {
            return "message:" + id;
        }

        @Override
        public String contact() {
            return to;
        }
    }

    /**
     * How far a message we sent got.
     *
     * @param status sent, delivered, read or failed
     * @param reference our id for the message as the provider echoed it (Meta's {@code biz_opaque_callback_data},
     *     Twilio's status callback URL), or null
     */
    record DeliveryStatus(
            String providerMessageId,
            String status,
            String errorCode,
            String errorMessage,
            Instant at,
            String recipient,
            String reference)
            implements InboundEvent {

        @Override
        public String dedupeKey() {
            return "status:" + providerMessageId + ":" + status;
        }

        @Override
        public String contact() {
            return null;
        }
    }

    /** A WAHA session's status changed (STARTING, SCAN_QR_CODE, WORKING, FAILED, STOPPED). */
    record SessionStatus(String eventId, String status, Instant at) implements InboundEvent {

        @Override
        public String dedupeKey() {
            return "session:" + eventId;
        }

        @Override
        public String contact() {
            return null;
        }
    }

    /**
     * One event of a batch we could not read: kept with the reason (the batch's valid events go on), never answered.
     *
     * @param key the provider's id for it when it had one, else a digest of its JSON, so a redelivery is recognised
     */
    record Rejected(String key, String reason) implements InboundEvent {

        /** A rejected part of a webhook body, known by its id or, lacking one, by its bytes. */
        public static Rejected of(String id, String json, String reason) {
            if (id != null) {
                return new Rejected(id, reason);
            }
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return new Rejected("sha256:" + java.util.HexFormat.of().formatHex(digest), reason);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String dedupeKey() {
            return "rejected:" + key;
        }

        @Override
        public String contact() {
            return null;
        }
    }
}
