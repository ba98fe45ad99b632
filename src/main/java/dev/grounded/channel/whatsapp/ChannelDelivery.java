package dev.grounded.channel.whatsapp;

import dev.grounded.conversation.AgentReplied;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.CustomerUnreachableException;
import dev.grounded.conversation.Delivery;
import dev.grounded.reply.ParkedQuestionAnswered;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers what people and late answers write into a WhatsApp conversation: an agent's reply (queued in the same
 * transaction that stores it, or refused with the reason when the customer cannot be written to) and the answer to a
 * question parked while every LLM was down.
 */
@Component
class ChannelDelivery {

    private static final Logger log = LoggerFactory.getLogger(ChannelDelivery.class);

    private final Reachability reachability;
    private final Outbox outbox;
    private final ConversationService conversations;
    private final ObjectProvider<OutboxWorker> sender;
    private final WhatsAppProviders providers;
    private final Clock clock;

    ChannelDelivery(
            Reachability reachability,
            Outbox outbox,
            ConversationService conversations,
            ObjectProvider<OutboxWorker> sender,
            WhatsAppProviders providers,
            Clock clock) {
        this.reachability = reachability;
        this.outbox = outbox;
        this.conversations = conversations;
        this.sender = sender;
        this.providers = providers;
        this.clock = clock;
    }

    @EventListener
    void agentReplied(AgentReplied event) {
        Optional<Reachability.Route> route = reachability.route(event.tenant(), event.conversation(), clock.instant());
        if (route.isEmpty()) {
            return;
        }
        if (route.get().blocked() != null) {
            throw new CustomerUnreachableException(route.get().blocked());
        }
        queue(route.get(), event.conversation().value(), event.messageId(), event.text());
    }

    @EventListener
    void parkedQuestionAnswered(ParkedQuestionAnswered event) {
        if (event.reply().answer() == null) {
            return;
        }
        Optional<Reachability.Route> route = reachability.route(event.tenant(), event.conversation(), clock.instant());
        if (route.isEmpty()) {
            return;
        }
        if (route.get().blocked() != null) {
            log.info(
                    "The late answer in conversation {} of {} is not sent: {}",
                    event.conversation(),
                    event.tenant(),
                    route.get().blocked());
            if (event.reply().messageId() != null) {
                conversations.updateDelivery(
                        event.tenant(),
                        event.reply().messageId(),
                        Delivery.FAILED,
                        route.get().blocked());
            }
            return;
        }
        queue(
                route.get(),
                event.conversation().value(),
                event.reply().messageId(),
                event.reply().answer());
    }

    private void queue(Reachability.Route route, UUID conversation, UUID messageId, String text) {
        for (OutboundMessage part : providers.texts(route.connection().provider(), text)) {
            outbox.enqueue(route.contact(), conversation, messageId, part, clock.instant());
        }
        if (messageId != null) {
            conversations.updateDelivery(route.contact().tenant(), messageId, Delivery.QUEUED, null);
        }
        sender.ifAvailable(OutboxWorker::wake);
    }
}
