package dev.grounded.channel.whatsapp;

import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.channel.whatsapp.InboundEvent.BusinessMessage;
import dev.grounded.channel.whatsapp.InboundEvent.CustomerMessage;
import dev.grounded.channel.whatsapp.InboundEvent.DeliveryStatus;
import dev.grounded.channel.whatsapp.InboundEvent.SessionStatus;
import dev.grounded.conversation.Channel;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.conversation.Delivery;
import dev.grounded.reply.Question;
import dev.grounded.reply.Reply;
import dev.grounded.reply.ReplyService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one inbox event leads to. A customer's message, in order: the contact (their window reopens), STOP or START,
 * silence for an opted-out contact or one over the rate limit, a polite "text only" for what the bot cannot read,
 * and otherwise the reply engine's answer, formatted for WhatsApp and split to fit. Nothing is sent from here: the
 * messages to send are returned, to be queued in the same transaction that marks the event done.
 */
@Component
class InboxProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
    /** Deliveries that arrive before the send was recorded wait this long per attempt for it. */
    private static final Duration STATUS_WAIT = Duration.ofSeconds(2);

    private static final int STATUS_ATTEMPTS = 6;
    private static final Duration MAX_STATUS_WAIT = Duration.ofSeconds(10);
    /**
     * A status naming one of our messages that is still being sent waits longer: if the sender died, the message is
     * claimed again when its lease runs out, and the status is what tells whether it went.
     */
    private static final int REFERENCED_STATUS_ATTEMPTS = 40;

    /** A delivery status for a message sent from here: {@code delivery} is how far it got. */
    record StatusUpdate(Outbox.Sent sent, DeliveryStatus status, Delivery delivery) {}

    /**
     * @param status DONE or IGNORED
     * @param retryIn set when the event must wait and be tried again
     * @param language the contact's language as this message showed it, to store with the outcome (else null)
     */
    record Result(
            Inbox.Status status,
            String why,
            Contact contact,
            UUID conversationId,
            UUID messageId,
            List<OutboundMessage> messages,
            StatusUpdate delivery,
            Duration retryIn,
            String language) {

        static Result done(String why) {
            return new Result(Inbox.Status.DONE, why, null, null, null, List.of(), null, null, null);
        }

        static Result ignored(String why) {
            return new Result(Inbox.Status.IGNORED, why, null, null, null, List.of(), null, null, null);
        }

        static Result retry(String why, Duration in) {
            return new Result(Inbox.Status.PENDING, why, null, null, null, List.of(), null, in, null);
        }

        static Result send(Contact contact, UUID conversationId, UUID messageId, List<OutboundMessage> messages) {
            return new Result(Inbox.Status.DONE, null, contact, conversationId, messageId, messages, null, null, null);
        }

        /** The same outcome, with the contact's language learnt from the message when it changed. */
        Result withLanguage(Contact contact, String language) {
            if (language == null || language.equals(contact.language())) {
                return this;
            }
            return new Result(status, why, contact, conversationId, messageId, messages, delivery, retryIn, language);
        }
    }

    private final ConnectionStore connections;
    private final Contacts contacts;
    private final Outbox outbox;
    private final Inbox inbox;
    private final ReplyService replies;
    private final ConversationService conversations;
    private final ChannelMessages messages;
    private final WhatsAppProviders providers;
    private final WhatsAppProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    InboxProcessor(
            ConnectionStore connections,
            Contacts contacts,
            Outbox outbox,
            Inbox inbox,
            ReplyService replies,
            ConversationService conversations,
            ChannelMessages messages,
            WhatsAppProviders providers,
            WhatsAppProperties properties,
            JsonMapper json,
            Clock clock) {
        this.connections = connections;
        this.contacts = contacts;
        this.outbox = outbox;
        this.inbox = inbox;
        this.replies = replies;
        this.conversations = conversations;
        this.messages = messages;
        this.providers = providers;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    Result process(Inbox.Claimed claimed) {
        Optional<Connection> connection = connections.find(claimed.connection());
        if (connection.isEmpty()) {
            return Result.ignored("the connection was deleted");
        }
        return switch (claimed.event()) {
            case CustomerMessage message -> customer(claimed, connection.get(), message);
            case BusinessMessage message -> business(claimed, connection.get(), message);
            case DeliveryStatus status -> status(claimed, connection.get(), status);
            case SessionStatus status -> {
                Instant at = status.at() != null ? status.at() : clock.instant();
                yield connections.sessionStatus(connection.get().id(), status.status(), at)
                        ? Result.done("session " + status.status())
                        : Result.ignored("session " + status.status() + " at " + at + ": a later status is known");
            }
            case InboundEvent.Rejected rejected -> Result.ignored("rejected: " + rejected.reason());
        };
    }

    private Result customer(Inbox.Claimed claimed, Connection connection, CustomerMessage message) {
        if (message.kind() == InboundEvent.Kind.SYSTEM) {
            return Result.ignored("a notice from WhatsApp, not the customer: " + message.text());
        }
        Instant now = clock.instant();
        // 1. The contact; their message reopens the 24-hour window.
        Contact contact = contacts.inbound(connection, message.from(), message.profileName(), message.sentAt(), now);

        // 2. STOP and START, confirmed once.
        Optional<OptOutKeywords.Command> command = OptOutKeywords.of(message.text());
        if (command.isPresent() && contacts.optOut(contact, command.get().optOut(), now)) {
            log.info("{} of {} opted {}", contact, connection, command.get().optOut() ? "out" : "back in");
            return Result.send(
                    contact,
                    null,
                    null,
                    List.of(new OutboundMessage.Text(messages.get(
                            command.get().optOut() ? "opted-out" : "opted-in",
                            command.get().language()))));
        }
        if (contact.optedOut() || (command.isPresent() && command.get().optOut())) {
            return Result.ignored("the contact opted out");
        }

        // 3. The rate limit: the messages beyond it are kept in the inbox, not answered.
        int recent = inbox.recentMessages(claimed, properties.rateWindow());
        if (recent > properties.rateLimit()) {
            log.info("{} sent {} messages within {}: not answered", contact, recent, properties.rateWindow());
            return Result.ignored("rate limit: " + recent + " messages within " + properties.rateWindow());
        }
        if (message.kind() == InboundEvent.Kind.REACTION) {
            return Result.ignored("a reaction");
        }

        // 4. What the bot cannot read is kept for the agents, and the customer is asked to write.
        if (message.text() == null || message.text().isBlank()) {
            Conversation conversation = conversations.open(connection.tenant(), null, message.from(), Channel.WHATSAPP);
            conversations.recordCustomer(
                    connection.tenant(),
                    conversation.id(),
                    "[" + message.kind().code() + "]",
                    contact.language(),
                    attachment(message));
            if (conversation.state() == ConversationState.WITH_AGENT) {
                return Result.done("media for the agent");
            }
            return Result.send(
                    contact,
                    conversation.id().value(),
                    null,
                    List.of(new OutboundMessage.Text(messages.get("unsupported", contact.language()))));
        }

        // 5. The reply engine answers (or stays silent while an agent owns the conversation).
        Question question = new Question(message.text(), null, message.from(), Channel.WHATSAPP, contact.language());
        Reply reply = replies.ask(
                connection.tenant(), message.media() == null ? question : question.withAttachment(attachment(message)));
        if (reply.answer() == null || reply.answer().isBlank()) {
            return Result.done("silent: "
                            + (reply.handoff() == null
                                    ? "no answer"
                                    : reply.handoff().detail()))
                    .withLanguage(contact, reply.language());
        }
        return Result.send(
                        contact,
                        UUID.fromString(reply.conversationId()),
                        reply.messageId(),
                        providers.texts(connection.provider(), reply.answer()))
                .withLanguage(contact, reply.language());
    }

    private String attachment(CustomerMessage message) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("kind", message.kind().code());
        if (message.media() != null) {
            InboundEvent.Media media = message.media();
            putIfPresent(attachment, "mimeType", media.mimeType());
            putIfPresent(attachment, "fileName", media.fileName());
            putIfPresent(attachment, "providerId", media.providerId());
            putIfPresent(attachment, "url", media.url());
            putIfPresent(attachment, "sha256", media.sha256());
        }
        return json.writeValueAsString(attachment);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * A message from the business's own number (WAHA). Ours, echoed back, is known by the id WAHA returned when we sent
     * it; while a send of the same text to this customer is still unrecorded (WAHA echoes before it answers us), the
     * event waits for it. Anything else was typed on the phone: a person has the conversation now.
     */
    private Result business(Inbox.Claimed claimed, Connection connection, BusinessMessage message) {
        Optional<Contact> contact = contacts.find(connection.id(), contacts.hash(message.to()));
        if (outbox.byProviderId(connection.id(), message.id()).isPresent()) {
            return Result.ignored("our own message");
        }
        if (contact.isPresent() && !message.fromPhone()) {
            Optional<Outbox.Pending> unrecorded =
                    outbox.unrecorded(contact.get().id(), message.text());
            if (unrecorded.isPresent()) {
                if (unrecorded.get().unknown()) {
                    // The echo is WAHA telling us that a send it did not answer for went out.
                    String note = "Outcome unknown at first; confirmed by WAHA's echo of it: not sent again";
                    Optional<Outbox.Sent> confirmed =
                            outbox.confirm(connection.id(), unrecorded.get().id(), message.id(), note, clock.instant());
                    if (confirmed.isPresent()) {
                        if (confirmed.get().messageId() != null) {
                            conversations.updateDelivery(
                                    confirmed.get().tenant(), confirmed.get().messageId(), Delivery.SENT, note);
                        }
                        return Result.ignored("our own message, confirmed by its echo");
                    }
                    // Claimed this moment to be checked: the echo is tried again once the check let go of it.
                }
                if (claimed.attempt() < REFERENCED_STATUS_ATTEMPTS) {
                    return Result.retry("our send of this text is not recorded yet", statusWait(claimed));
                }
            }
            if (message.throughApi()) {
                return Result.ignored("sent through WAHA's API, not typed on the phone");
            }
        }
        Conversation conversation = conversations.open(connection.tenant(), null, message.to(), Channel.WHATSAPP);
        conversations.recordAgentMessage(
                connection.tenant(),
                conversation.id(),
                "phone",
                message.text() == null ? "[sent from the business phone]" : message.text());
        log.info("Conversation {} of {} taken over from the business phone", conversation.id(), connection.tenant());
        return Result.done("taken over from the business phone");
    }

    /**
     * A delivery status. A status for a message not recorded as sent yet waits for it, unless it names our id for
     * the message (Meta, Twilio) and that message's sending is in doubt: then it is the provider telling us it went,
     * and the message is recorded as sent rather than sent again. A status for a second copy of a message is noted on
     * it: it was sent twice.
     */
    private Result status(Inbox.Claimed claimed, Connection connection, DeliveryStatus status) {
        Optional<Outbox.Sent> sent = outbox.byProviderId(connection.id(), status.providerMessageId());
        UUID reference = reference(status);
        if (sent.isEmpty() && reference != null) {
            String provider = connection.provider().label();
            sent = outbox.confirm(
                    connection.id(),
                    reference,
                    status.providerMessageId(),
                    "Outcome unknown at first; confirmed by " + provider + "'s status: not sent again",
                    clock.instant());
            Optional<Outbox.State> state = outbox.state(connection.id(), reference);
            if (sent.isEmpty() && state.isPresent()) {
                if (state.get().status() == Outbox.Status.SENT) {
                    String note = "Sent twice: " + provider + " reported a copy " + status.providerMessageId()
                            + " besides " + state.get().providerMessageId();
                    log.warn("Outbox message {} of {}: {}", reference, connection.tenant(), note);
                    outbox.note(connection.id(), reference, note);
                    return Result.ignored("a status for a second copy of a message");
                }
                if (claimed.attempt() < REFERENCED_STATUS_ATTEMPTS) {
                    return Result.retry(
                            "outbox message " + reference + " is " + state.get().status(), statusWait(claimed));
                }
            }
        }
        if (sent.isEmpty()) {
            if (claimed.attempt() < STATUS_ATTEMPTS) {
                return Result.retry("no sent message " + status.providerMessageId() + " yet", statusWait(claimed));
            }
            return Result.ignored("a status for a message not sent from here");
        }
        Optional<Delivery> delivery = Delivery.of(status.status());
        if (delivery.isEmpty()) {
            return Result.ignored("a delivery status this does not follow: " + status.status());
        }
        return new Result(
                Inbox.Status.DONE,
                null,
                null,
                null,
                null,
                List.of(),
                new StatusUpdate(sent.get(), status, delivery.get()),
                null,
                null);
    }

    private static Duration statusWait(Inbox.Claimed claimed) {
        Duration wait = STATUS_WAIT.multipliedBy(claimed.attempt());
        return wait.compareTo(MAX_STATUS_WAIT) > 0 ? MAX_STATUS_WAIT : wait;
    }

    private static UUID reference(DeliveryStatus status) {
        try {
            return status.reference() == null ? null : UUID.fromString(status.reference());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
