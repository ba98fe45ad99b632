package dev.grounded.channel.whatsapp;

import dev.grounded.channel.Provider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The provider behind each kind of connection, and answers cut to what it sends. */
@Component
public class WhatsAppProviders {

    private final Map<Provider, WhatsAppProvider> providers = new EnumMap<>(Provider.class);

    WhatsAppProviders(List<WhatsAppProvider> providers) {
        providers.forEach(p -> this.providers.put(p.provider(), p));
    }

    public WhatsAppProvider get(Provider provider) {
        return providers.get(provider);
    }

    /** A Markdown answer as WhatsApp text messages within the provider's length limit. */
    public List<OutboundMessage> texts(Provider provider, String markdown) {
        List<OutboundMessage> parts = new ArrayList<>();
        for (String part :
                WhatsAppText.split(WhatsAppText.format(markdown), get(provider).maxTextLength())) {
            parts.add(new OutboundMessage.Text(part));
        }
        return parts;
    }
}
