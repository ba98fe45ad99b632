package dev.grounded.ui.inbox;

import com.vaadin.flow.shared.Registration;
import dev.grounded.conversation.AgentReplied;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.HandoffRequested;
import dev.grounded.reply.ReplyGiven;
import dev.grounded.tenant.TenantId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the open inbox pages of a tenant that its conversations changed on this instance, after the change is
 * committed, so they can re-read it. (Changes on other instances reach a page through its poll.)
 */
@Component
@ConditionalOnWebApplication
class InboxUpdates {

    /**
     * @param conversation the conversation that started waiting for a person; null for any other change
     * @param customer the customer, masked, when a conversation started waiting for a person
     * @param handoff why it waits for a person, in words; null for any other change
     */
    record Change(ConversationId conversation, String customer, String handoff) {

        static final Change ANY = new Change(null, null, null);
    }

    private static final Logger log = LoggerFactory.getLogger(InboxUpdates.class);

    private final Map<TenantId, Set<Consumer<Change>>> listeners = new ConcurrentHashMap<>();
    private final ConversationService conversations;

    InboxUpdates(ConversationService conversations) {
        this.conversations = conversations;
    }

    Registration subscribe(TenantId tenant, Consumer<Change> listener) {
        listeners.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(tenant, (t, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(HandoffRequested handoff) {
        if (!listeners.containsKey(handoff.tenant())) {
            return;
        }
        String customer = conversations
                .find(handoff.tenant(), handoff.conversation())
                .map(Conversation::customer)
                .orElse(null);
        String reason = handoff.reason().code().replace('_', ' ')
                + (handoff.detail() == null ? "" : " (" + handoff.detail() + ")");
        publish(handoff.tenant(), new Change(handoff.conversation(), customer, reason));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ReplyGiven given) {
        publish(given.tenant(), Change.ANY);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AgentReplied replied) {
        publish(replied.tenant(), Change.ANY);
    }

    private void publish(TenantId tenant, Change change) {
        for (Consumer<Change> listener : listeners.getOrDefault(tenant, Set.of())) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.debug("An inbox page could not be told of a change: {}", e.toString());
            }
        }
    }
}
