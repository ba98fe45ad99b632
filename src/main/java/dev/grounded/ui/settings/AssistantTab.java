package dev.grounded.ui.settings;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.binder.Binder;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.AssistantSettings.Persona;
import dev.grounded.tenant.AssistantSettings.Strictness;
import java.util.List;

/** Who the assistant is: the business in its words, voice, strictness, temperature, languages, extra instructions. */
final class AssistantTab extends Composite<FormLayout> {

    AssistantTab(Binder<AssistantSettings> binder, List<String> supportedLanguages) {
        TextArea businessProfile = new TextArea("Business profile");
        businessProfile.setId("settings-business-profile");
        businessProfile.setMaxLength(4000);
        businessProfile.setHelperText("What the business is and does, in its own words; the assistant is told this.");
        binder.forField(businessProfile)
                .withConverter(Forms::strip, Forms::nullToEmpty)
                .bind("businessProfile");

        Select<Persona> persona = new Select<>();
        persona.setId("settings-persona");
        persona.setLabel("Persona");
        persona.setItems(Persona.values());
        persona.setItemLabelGenerator(p -> switch (p) {
            case PROFESSIONAL -> "Professional";
            case FRIENDLY -> "Friendly";
            case CASUAL -> "Casual";
        });
        binder.forField(persona).asRequired("Choose a persona").bind("persona");

        Select<Strictness> strictness = new Select<>();
        strictness.setId("settings-strictness");
        strictness.setLabel("Strictness");
        strictness.setItems(Strictness.values());
        strictness.setItemLabelGenerator(s -> switch (s) {
            case RELAXED -> "Relaxed: answers more, on less evidence";
            case BALANCED -> "Balanced";
            case STRICT -> "Strict: says \"not covered\" sooner";
        });
        binder.forField(strictness).asRequired("Choose how strict").bind("strictness");

        NumberField temperature = new NumberField("Temperature");
        temperature.setId("settings-temperature");
        temperature.setMin(0);
        temperature.setMax(1.5);
        temperature.setStep(0.1);
        temperature.setStepButtonsVisible(true);
        temperature.setHelperText("0 says the same thing the same way; higher varies the wording.");
        String temperatureRange = "Temperature must be a number from 0 to 1.5, in steps of 0.1";
        Forms.explain(temperature, temperatureRange);
        binder.forField(temperature).asRequired(temperatureRange).bind("temperature");

        LanguagesField languages = new LanguagesField(supportedLanguages);
        binder.forField(languages).bind("languages");

        TextArea systemPrompt = new TextArea("Extra instructions");
        systemPrompt.setId("settings-system-prompt");
        systemPrompt.setMaxLength(4000);
        systemPrompt.setHelperText(
                "Added to Grounded's own rules, never replacing them: it still answers only from your knowledge.");
        binder.forField(systemPrompt)
                .withConverter(Forms::strip, Forms::nullToEmpty)
                .bind("systemPrompt");

        FormLayout layout = getContent();
        layout.add(businessProfile, persona, strictness, temperature, languages, systemPrompt);
        layout.setColspan(businessProfile, 2);
        layout.setColspan(languages, 2);
        layout.setColspan(systemPrompt, 2);
    }
}
