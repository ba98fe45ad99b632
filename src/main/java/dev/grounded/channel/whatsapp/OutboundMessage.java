package dev.grounded.channel.whatsapp;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What the outbox sends: free-form text, or an approved template (the only thing allowed outside the window). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OutboundMessage.Text.class, name = "text"),
    @JsonSubTypes.Type(value = OutboundMessage.Template.class, name = "template")
})
public sealed interface OutboundMessage {

    /** What the conversation shows for it. */
    String preview();

    record Text(String body) implements OutboundMessage {

        @Override
        public String preview() {
            return body;
        }
    }

    /**
     * @param providerRef Twilio's Content SID of the approved template
     */
    record Template(String name, String language, List<String> parameters, String body, String providerRef)
            implements OutboundMessage {

        @Override
        public String preview() {
            String text = body == null || body.isBlank() ? "[template " + name + "]" : body;
            for (int i = 0; i < parameters.size(); i++) {
                text = text.replace("{{" + (i + 1) + "}}", parameters.get(i));
            }
            return text;
        }
    }
}
