package dev.grounded.ui.settings;

import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import dev.grounded.llm.ChatProviders;
import dev.grounded.tenant.AssistantSettings;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's {@link AssistantSettings} as four small forms, one per tab, over one {@link Binder}: each tab binds its
 * part of the record, a nested record is one field. Read back whole, or not at all while a field is wrong.
 */
final class SettingsForm {

    private final Binder<AssistantSettings> binder = new Binder<>(AssistantSettings.class);
    private final AssistantTab assistant;
    private final HandoffTab handoff;
    private final AnswersTab answers;
    private final ProvidersTab providers;
    /** The form's own reading of what {@link #show} put in it: what "changed" is measured against. */
    private AssistantSettings baseline;

    SettingsForm(ChatProviders chatProviders, List<String> supportedLanguages) {
        assistant = new AssistantTab(binder, supportedLanguages);
        handoff = new HandoffTab(binder);
        answers = new AnswersTab(binder);
        providers = new ProvidersTab(binder, chatProviders);
    }

    AssistantTab assistantTab() {
        return assistant;
    }

    HandoffTab handoffTab() {
        return handoff;
    }

    AnswersTab answersTab() {
        return answers;
    }

    ProvidersTab providersTab() {
        return providers;
    }

    void show(AssistantSettings settings) {
        binder.readRecord(settings);
        baseline = readIfValid().orElse(null);
    }

    /**
     * The settings as the form shows them.
     *
     * @throws ValidationException naming what is wrong, with the fields at fault marked
     */
    AssistantSettings read() throws ValidationException {
        return binder.writeRecord();
    }

    /** Whether the form holds anything not saved yet: a changed value, or one that cannot be read. */
    boolean changed() {
        return baseline != null && !readIfValid().equals(Optional.of(baseline));
    }

    private Optional<AssistantSettings> readIfValid() {
        try {
            return Optional.of(binder.writeRecord());
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }
}
