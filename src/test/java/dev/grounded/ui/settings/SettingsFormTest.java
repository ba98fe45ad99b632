package dev.grounded.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.data.binder.ValidationException;
import dev.grounded.llm.ChatProvider;
import dev.grounded.llm.ChatProviders;
import dev.grounded.llm.ProviderType;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.BusinessHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The settings form gives back what it was shown, in the tenant's provider order, and refuses what cannot be. */
class SettingsFormTest {

    private static final ChatProviders PROVIDERS = new ChatProviders(List.of(
            new ChatProvider("openai", ProviderType.OPENAI, "gpt-4o-mini", null, Duration.ofSeconds(5), "••••abcd"),
            new ChatProvider(
                    "gemini", ProviderType.OPENAI_COMPATIBLE, "gemini-2.0-flash", null, Duration.ofSeconds(5), "")));

    @Test
    void readsBackWhatItShowsWithTheTenantsProviderFirst() throws Exception {
        AssistantSettings defaults = AssistantSettings.defaults();
        AssistantSettings settings = new AssistantSettings(
                AssistantSettings.Persona.CASUAL,
                "A dental clinic in Lisbon.",
                "Always mention the emergency line.",
                0.7,
                AssistantSettings.Strictness.STRICT,
                0.9,
                new AssistantSettings.Retrieval(8, 0.5, 1.0, 0.6),
                new AssistantSettings.Providers(List.of("gemini"), null),
                new AssistantSettings.Handoff(List.of("dor forte"), List.of(AssistantSettings.IndustryPack.HEALTHCARE)),
                new BusinessHours(
                        "Europe/Lisbon",
                        List.of(
                                new BusinessHours.Period(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)),
                                new BusinessHours.Period(DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.MIDNIGHT)),
                        List.of(LocalDate.of(2026, 12, 25)),
                        "We open at nine."),
                new AssistantSettings.Languages(List.of("pt", "en")));
        var form = new SettingsForm(PROVIDERS, List.of("de", "en", "es", "pt"));

        form.show(settings);

        assertThat(form.read())
                .isEqualTo(new AssistantSettings(
                        settings.persona(),
                        settings.businessProfile(),
                        settings.systemPrompt(),
                        settings.temperature(),
                        settings.strictness(),
                        settings.quickReplyThreshold(),
                        settings.retrieval(),
                        new AssistantSettings.Providers(List.of("gemini", "openai"), null),
                        settings.handoff(),
                        settings.hours(),
                        settings.languages()));
        assertThat(form.changed()).isFalse();
        assertThat(defaults.languages().answerIn("fr")).isEqualTo("fr");
        assertThat(settings.languages().answerIn("fr")).isEqualTo("pt");
        assertThat(settings.languages().answerIn("en")).isEqualTo("en");
    }

    @Test
    void aPinnedProviderStaysPinnedAndOneNoLongerConfiguredIsDropped() throws Exception {
        var form = new SettingsForm(PROVIDERS, List.of("en"));
        AssistantSettings d = AssistantSettings.defaults();

        form.show(withProviders(d, new AssistantSettings.Providers(List.of(), "gemini")));
        assertThat(form.read().providers())
                .isEqualTo(new AssistantSettings.Providers(List.of("openai", "gemini"), "gemini"));

        form.show(withProviders(d, new AssistantSettings.Providers(List.of("mistral"), "mistral")));
        assertThat(form.read().providers())
                .isEqualTo(new AssistantSettings.Providers(List.of("openai", "gemini"), null));
    }

    @Test
    void hoursThatCannotBeAreRefusedNamingTheDayAndCountAsAChange() throws Exception {
        var form = new SettingsForm(PROVIDERS, List.of("en"));
        form.show(AssistantSettings.defaults());
        Checkbox tuesday = find(form.handoffTab(), "settings-hours-tuesday-open");
        TimePicker closes = find(form.handoffTab(), "settings-hours-tuesday-to");

        tuesday.setValue(true);
        closes.setValue(LocalTime.of(8, 0));

        assertThatThrownBy(form::read)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(Forms.firstError(e))
                        .isEqualTo("Tuesday: closing must come after opening (00:00 means midnight)"));
        assertThat(closes.isInvalid()).isTrue();
        assertThat(form.changed()).isTrue();

        closes.setValue(LocalTime.of(17, 0));
        assertThat(form.read().hours().weekly())
                .containsExactly(new BusinessHours.Period(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertThat(closes.isInvalid()).isFalse();
    }

    @Test
    void aNumberOutOfRangeIsRefusedWithItsRangeAndAnEmptyOneIsTheInstallationDefault() throws Exception {
        var form = new SettingsForm(PROVIDERS, List.of("en"));
        form.show(AssistantSettings.defaults());
        NumberField temperature = find(form.assistantTab(), "settings-temperature");
        NumberField minConfidence = find(form.answersTab(), "settings-min-confidence");

        temperature.setValue(2.0);
        assertThatThrownBy(form::read)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(Forms.firstError(e))
                        .isEqualTo("Temperature must be a number from 0 to 1.5, in steps of 0.1"));

        temperature.setValue(0.4);
        minConfidence.setValue(0.55);
        assertThat(form.read().temperature()).isEqualTo(0.4);
        assertThat(form.read().retrieval().minConfidence()).isEqualTo(0.55);
        minConfidence.clear();
        assertThat(form.read().retrieval().minConfidence()).isNull();
        assertThat(form.changed()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static <C extends Component> C find(Component root, String id) {
        return (C) Stream.concat(Stream.of(root), root.getChildren().flatMap(SettingsFormTest::descendants))
                .filter(c -> c.getId().filter(id::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no component " + id));
    }

    private static Stream<Component> descendants(Component component) {
        return Stream.concat(Stream.of(component), component.getChildren().flatMap(SettingsFormTest::descendants));
    }

    private static AssistantSettings withProviders(AssistantSettings d, AssistantSettings.Providers providers) {
        return new AssistantSettings(
                d.persona(),
                d.businessProfile(),
                d.systemPrompt(),
                d.temperature(),
                d.strictness(),
                d.quickReplyThreshold(),
                d.retrieval(),
                providers,
                d.handoff(),
                d.hours(),
                d.languages());
    }
}
