package dev.grounded.channel.whatsapp;

import dev.grounded.conversation.CustomerErased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets an erased customer on every WhatsApp connection of the tenant: the contact (its number, profile name and
 * opt-out), its outbox messages and its inbox events with their sealed webhooks. Runs in the erasing transaction.
 */
@Component
class CustomerErasure {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);

    private final Contacts contacts;
    private final Inbox inbox;

    CustomerErasure(Contacts contacts, Inbox inbox) {
        this.contacts = contacts;
        this.inbox = inbox;
    }

    @EventListener
    void erased(CustomerErased erased) {
        int events = inbox.erase(erased.tenant(), erased.customerHash());
        int removed = contacts.erase(erased.tenant(), erased.customerHash());
        log.info(
                "Erased a customer of {} from WhatsApp: {} contacts, {} inbox events",
                erased.tenant(),
                removed,
                events);
    }
}
