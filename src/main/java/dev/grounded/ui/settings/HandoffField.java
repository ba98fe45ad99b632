package dev.grounded.ui.settings;

import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.grounded.tenant.AssistantSettings.Handoff;
import dev.grounded.tenant.AssistantSettings.IndustryPack;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/** When a conversation goes to a person: the tenant's own phrases and the industry packs it chose. */
final class HandoffField extends RecordField<Handoff> {

    HandoffField() {
        super(Handoff.class);
        TextArea keywords = new TextArea("Hand-off phrases");
        keywords.setId("settings-handoff-keywords");
        keywords.setHelperText("One per line, in any language: a customer writing one is handed to a person.");
        forField(keywords)
                .withConverter(HandoffField::phrases, phrases -> String.join("\n", phrases))
                .bind("keywords");

        CheckboxGroup<IndustryPack> industryPacks = new CheckboxGroup<>("Industry packs");
        industryPacks.setId("settings-industry-packs");
        industryPacks.setItems(IndustryPack.values());
        industryPacks.setItemLabelGenerator(p -> switch (p) {
            case HEALTHCARE -> "Healthcare: symptoms, emergencies";
            case LEGAL -> "Legal: claims, lawyers";
            case FINANCIAL -> "Financial: fraud, disputes";
        });
        forField(industryPacks)
                .withConverter(
                        chosen -> chosen.stream().sorted().toList(), (List<IndustryPack> packs) -> new HashSet<>(packs))
                .bind("industryPacks");

        add(new FormLayout(keywords, industryPacks));
    }

    private static List<String> phrases(String lines) {
        return Arrays.stream(Forms.nullToEmpty(lines).split("\\R"))
                .map(String::strip)
                .filter(phrase -> !phrase.isEmpty())
                .distinct()
                .toList();
    }
}
