package dev.grounded.ui.settings;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.timepicker.TimePicker;
import dev.grounded.llm.ChatProvider;
import dev.grounded.llm.ChatProviders;
import dev.grounded.llm.ProviderPreference;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.AssistantSettings.Handoff;
import dev.grounded.tenant.AssistantSettings.IndustryPack;
import dev.grounded.tenant.AssistantSettings.Languages;
import dev.grounded.tenant.AssistantSettings.Persona;
import dev.grounded.tenant.AssistantSettings.Providers;
import dev.grounded.tenant.AssistantSettings.Retrieval;
import dev.grounded.tenant.AssistantSettings.Strictness;
import dev.grounded.tenant.BusinessHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** The fields of a tenant's {@link AssistantSettings}, laid out in tabs; reads them back as one settings document. */
class AssistantForm {

    private static final String NONE = "";

    private final ChatProviders chatProviders;
    private AssistantSettings shown = AssistantSettings.defaults();
    /** The form's own reading of what {@link #show} put in it: what "changed" is measured against. */
    private AssistantSettings baseline;

    private final TextArea businessProfile = new TextArea("Business profile");
    private final Select<Persona> persona = new Select<>();
    private final TextArea systemPrompt = new TextArea("Extra instructions");
    private final NumberField temperature = new NumberField("Temperature");
    private final Select<Strictness> strictness = new Select<>();
    private final Select<String> mainLanguage = new Select<>();
    private final MultiSelectComboBox<String> otherLanguages = new MultiSelectComboBox<>("Also answers in");

    private final TextArea keywords = new TextArea("Hand-off phrases");
    private final CheckboxGroup<IndustryPack> industryPacks = new CheckboxGroup<>("Industry packs");
    private final ComboBox<String> timezone = new ComboBox<>("Time zone");
    private final List<DayRow> days = new ArrayList<>();
    private final TreeSet<LocalDate> holidays = new TreeSet<>();
    private final Div holidayList = new Div();
    private final DatePicker holiday = new DatePicker("Holiday");
    private final TextArea afterHours = new TextArea("After-hours message");

    private final IntegerField topK = new IntegerField("Passages per answer");
    private final NumberField minConfidence = new NumberField("Minimum confidence");
    private final NumberField quickReplyThreshold = new NumberField("Quick reply match");
    private final NumberField keywordWeight = new NumberField("Keyword weight");
    private final NumberField denseWeight = new NumberField("Meaning weight");

    private final Grid<ChatProvider> providerGrid = new Grid<>();
    private final Select<String> pinned = new Select<>();
    private List<String> providerOrder = List.of();

    AssistantForm(ChatProviders chatProviders, List<String> supportedLanguages) {
        this.chatProviders = chatProviders;

        businessProfile.setId("settings-business-profile");
        businessProfile.setMaxLength(4000);
        businessProfile.setHelperText("What the business is and does, in its own words; the assistant is told this.");
        persona.setId("settings-persona");
        persona.setLabel("Persona");
        persona.setItems(Persona.values());
        persona.setItemLabelGenerator(p -> switch (p) {
            case PROFESSIONAL -> "Professional";
            case FRIENDLY -> "Friendly";
            case CASUAL -> "Casual";
        });
        systemPrompt.setId("settings-system-prompt");
        systemPrompt.setMaxLength(4000);
        systemPrompt.setHelperText(
                "Added to Grounded's own rules, never replacing them: it still answers only from" + " your knowledge.");
        temperature.setId("settings-temperature");
        temperature.setMin(0);
        temperature.setMax(1.5);
        temperature.setStep(0.1);
        temperature.setStepButtonsVisible(true);
        temperature.setHelperText("0 says the same thing the same way; higher varies the wording.");
        strictness.setId("settings-strictness");
        strictness.setLabel("Strictness");
        strictness.setItems(Strictness.values());
        strictness.setItemLabelGenerator(s -> switch (s) {
            case RELAXED -> "Relaxed: answers more, on less evidence";
            case BALANCED -> "Balanced";
            case STRICT -> "Strict: says \"not covered\" sooner";
        });
        mainLanguage.setId("settings-main-language");
        mainLanguage.setLabel("Answers in");
        mainLanguage.setItems(withNone(supportedLanguages));
        mainLanguage.setItemLabelGenerator(
                code -> code.equals(NONE) ? "The customer's language, whichever it is" : languageName(code));
        mainLanguage.setHelperText("A customer writing in a language not chosen here is answered in this one.");
        otherLanguages.setId("settings-other-languages");
        otherLanguages.setItems(supportedLanguages);
        otherLanguages.setItemLabelGenerator(AssistantForm::languageName);
        mainLanguage.addValueChangeListener(change -> {
            boolean any = change.getValue() == null || change.getValue().equals(NONE);
            otherLanguages.setEnabled(!any);
            if (any) {
                otherLanguages.clear();
            }
        });

        keywords.setId("settings-handoff-keywords");
        keywords.setHelperText("One per line, in any language: a customer writing one is handed to a person.");
        industryPacks.setId("settings-industry-packs");
        industryPacks.setItems(IndustryPack.values());
        industryPacks.setItemLabelGenerator(p -> switch (p) {
            case HEALTHCARE -> "Healthcare: symptoms, emergencies";
            case LEGAL -> "Legal: claims, lawyers";
            case FINANCIAL -> "Financial: fraud, disputes";
        });
        timezone.setId("settings-timezone");
        timezone.setItems(new TreeSet<>(ZoneId.getAvailableZoneIds()));
        timezone.setRequired(true);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.add(new DayRow(day));
        }
        holiday.setId("settings-holiday");
        holidayList.setId("settings-holidays");
        holidayList.addClassName("chips");
        afterHours.setId("settings-after-hours");
        afterHours.setWidthFull();
        afterHours.setMaxLength(1000);
        afterHours.setHelperText("Told to a customer who asks for a person while you are closed; empty for the"
                + " built-in message with your next opening time.");

        topK.setId("settings-top-k");
        topK.setMin(1);
        topK.setMax(20);
        topK.setStepButtonsVisible(true);
        for (NumberField field : List.of(minConfidence, quickReplyThreshold)) {
            field.setMin(0);
            field.setMax(1);
            field.setStep(0.01);
            field.setPlaceholder("installation default");
            field.setClearButtonVisible(true);
        }
        for (NumberField field : List.of(keywordWeight, denseWeight)) {
            field.setMin(0);
            field.setMax(10);
            field.setStep(0.1);
            field.setPlaceholder("installation default");
            field.setClearButtonVisible(true);
        }
        minConfidence.setId("settings-min-confidence");
        minConfidence.setHelperText("Similarity the best passage needs before the assistant answers at all.");
        quickReplyThreshold.setId("settings-quick-reply-threshold");
        quickReplyThreshold.setHelperText("Similarity at which a quick reply is sent as it is, without the AI.");
        keywordWeight.setId("settings-keyword-weight");
        denseWeight.setId("settings-dense-weight");

        providerGrid.setId("settings-providers");
        providerGrid.addColumn(ChatProvider::name).setHeader("Provider").setAutoWidth(true);
        providerGrid
                .addColumn(p -> p.type() + " · " + p.model())
                .setHeader("Model")
                .setFlexGrow(1);
        providerGrid.addColumn(ChatProvider::keyHint).setHeader("API key").setAutoWidth(true);
        providerGrid.addComponentColumn(this::moveButtons).setAutoWidth(true).setFlexGrow(0);
        providerGrid.setAllRowsVisible(true);
        pinned.setId("settings-pinned");
        pinned.setLabel("Failover");
        pinned.setMinWidth("16em");
        pinned.setItems(withNone(chatProviders.names()));
        pinned.setItemLabelGenerator(name -> name.equals(NONE) ? "Try them in this order" : "Only " + name);
    }

    Component assistantTab() {
        FormLayout layout = new FormLayout(
                businessProfile, persona, strictness, temperature, mainLanguage, otherLanguages, systemPrompt);
        layout.setColspan(businessProfile, 2);
        layout.setColspan(systemPrompt, 2);
        return layout;
    }

    Component hoursTab() {
        Button addHoliday = new Button("Add holiday", VaadinIcon.PLUS.create(), click -> addHoliday());
        addHoliday.setId("settings-holiday-add");
        HorizontalLayout holidayForm = new HorizontalLayout(holiday, addHoliday);
        holidayForm.setAlignItems(Alignment.BASELINE);
        VerticalLayout week = new VerticalLayout();
        week.setPadding(false);
        week.setSpacing(false);
        week.setId("settings-week");
        days.forEach(row -> week.add(row.layout));
        FormLayout handoff = new FormLayout(keywords, industryPacks);
        VerticalLayout tab = new VerticalLayout(
                new H3("Hand-off"),
                handoff,
                new H3("Business hours"),
                new Paragraph("Outside these hours a customer asking for a person is told when you open, and the"
                        + " conversation waits in the inbox. No open day at all means always open."),
                timezone,
                week,
                holidayForm,
                holidayList,
                afterHours);
        tab.setPadding(false);
        return tab;
    }

    Component answersTab() {
        FormLayout layout = new FormLayout(topK, minConfidence, quickReplyThreshold, keywordWeight, denseWeight);
        VerticalLayout tab = new VerticalLayout(
                new Paragraph("How the assistant finds passages in your knowledge. Leave a field empty for the"
                        + " installation's default; check a change in Retrieval test and Evaluations."),
                layout);
        tab.setPadding(false);
        return tab;
    }

    Component providersTab() {
        if (chatProviders.isEmpty()) {
            Paragraph none = new Paragraph("No AI provider is configured for this installation: answers are quoted"
                    + " from your knowledge, and a question it cannot quote goes to a person. The operator adds"
                    + " providers with their API keys (GROUNDED_OPENAI_API_KEY and the like).");
            none.setId("settings-providers-empty");
            return none;
        }
        VerticalLayout tab = new VerticalLayout(
                new Paragraph("The installation's providers, tried in this order for your customers: when one"
                        + " fails or is slow the next answers. Keys are the operator's and only their last"
                        + " characters are shown."),
                providerGrid,
                pinned);
        tab.setPadding(false);
        return tab;
    }

    void show(AssistantSettings settings) {
        shown = settings;
        businessProfile.setValue(nullToEmpty(settings.businessProfile()));
        persona.setValue(settings.persona());
        systemPrompt.setValue(nullToEmpty(settings.systemPrompt()));
        temperature.setValue(settings.temperature());
        strictness.setValue(settings.strictness());
        List<String> answered = settings.languages().answered();
        mainLanguage.setValue(answered.isEmpty() ? NONE : answered.getFirst());
        otherLanguages.setValue(answered.isEmpty() ? List.of() : answered.subList(1, answered.size()));

        keywords.setValue(String.join("\n", settings.handoff().keywords()));
        industryPacks.setValue(new HashSet<>(settings.handoff().industryPacks()));
        BusinessHours hours = settings.hours();
        timezone.setValue(hours.timezone());
        for (DayRow row : days) {
            row.show(hours.weekly().stream().filter(p -> p.day() == row.day).toList());
        }
        holidays.clear();
        holidays.addAll(hours.holidays());
        showHolidays();
        afterHours.setValue(nullToEmpty(hours.afterHoursMessage()));

        topK.setValue(settings.retrieval().topK());
        minConfidence.setValue(settings.retrieval().minConfidence());
        quickReplyThreshold.setValue(settings.quickReplyThreshold());
        keywordWeight.setValue(settings.retrieval().keywordWeight());
        denseWeight.setValue(settings.retrieval().denseWeight());

        providerOrder = chatProviders
                .chain(new ProviderPreference(settings.providers().order(), null))
                .stream()
                .map(ChatProvider::name)
                .toList();
        showProviders();
        String pin = settings.providers().pinned();
        pinned.setValue(pin != null && chatProviders.find(pin).isPresent() ? pin : NONE);
        baseline = readIfValid();
    }

    /** Whether the form holds anything not saved yet: a changed value, or one that cannot be read. */
    boolean changed() {
        return baseline != null && !baseline.equals(readIfValid());
    }

    private AssistantSettings readIfValid() {
        try {
            return read();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The settings as the form shows them.
     *
     * @throws IllegalArgumentException for a field that cannot hold its value, with the field marked
     */
    AssistantSettings read() {
        if (temperature.getValue() == null || temperature.isInvalid()) {
            throw invalid(temperature, "Temperature must be a number from 0 to 1.5");
        }
        if (topK.getValue() == null || topK.isInvalid()) {
            throw invalid(topK, "Passages per answer must be a whole number from 1 to 20");
        }
        for (NumberField field : List.of(minConfidence, quickReplyThreshold, keywordWeight, denseWeight)) {
            if (field.isInvalid()) {
                throw invalid(field, field.getLabel() + " is out of range");
            }
        }
        if (timezone.getValue() == null) {
            throw invalid(timezone, "Choose the time zone of your business hours");
        }
        List<BusinessHours.Period> weekly = new ArrayList<>();
        for (DayRow row : days) {
            weekly.addAll(row.read());
        }
        String pin = pinned.getValue() == null || pinned.getValue().equals(NONE) ? null : pinned.getValue();
        return new AssistantSettings(
                persona.getValue(),
                businessProfile.getValue().strip(),
                systemPrompt.getValue().strip(),
                temperature.getValue(),
                strictness.getValue(),
                quickReplyThreshold.getValue(),
                new Retrieval(
                        topK.getValue(), keywordWeight.getValue(), denseWeight.getValue(), minConfidence.getValue()),
                new Providers(
                        chatProviders.isEmpty() ? shown.providers().order() : providerOrder,
                        chatProviders.isEmpty() ? shown.providers().pinned() : pin),
                new Handoff(
                        Arrays.stream(keywords.getValue().split("\\R"))
                                .map(String::strip)
                                .filter(k -> !k.isEmpty())
                                .distinct()
                                .toList(),
                        industryPacks.getValue().stream().sorted().toList()),
                new BusinessHours(
                        timezone.getValue(),
                        weekly,
                        List.copyOf(holidays),
                        afterHours.getValue().strip()),
                languages());
    }

    private Languages languages() {
        if (mainLanguage.getValue() == null || mainLanguage.getValue().equals(NONE)) {
            return Languages.ANY;
        }
        List<String> answered = new ArrayList<>();
        answered.add(mainLanguage.getValue());
        otherLanguages.getValue().stream()
                .sorted()
                .filter(code -> !answered.contains(code))
                .forEach(answered::add);
        return new Languages(answered);
    }

    private void addHoliday() {
        if (holiday.getValue() == null) {
            holiday.setInvalid(true);
            holiday.setErrorMessage("Pick a date");
            return;
        }
        holiday.setInvalid(false);
        holidays.add(holiday.getValue());
        holiday.clear();
        showHolidays();
    }

    private void showHolidays() {
        holidayList.removeAll();
        if (holidays.isEmpty()) {
            holidayList.add(new Span("No holidays"));
        }
        for (LocalDate date : holidays) {
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
                holidays.remove(date);
                showHolidays();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.setAriaLabel("Remove holiday " + date);
            Span chip = new Span(new Span(date.toString()), remove);
            chip.addClassName("chip");
            holidayList.add(chip);
        }
    }

    private void showProviders() {
        providerGrid.setItems(providerOrder.stream()
                .map(chatProviders::find)
                .flatMap(Optional::stream)
                .toList());
    }

    private Component moveButtons(ChatProvider provider) {
        int index = providerOrder.indexOf(provider.name());
        Button up = new Button(VaadinIcon.ARROW_UP.create(), click -> move(index, -1));
        up.setAriaLabel("Try " + provider.name() + " earlier");
        up.setEnabled(index > 0);
        Button down = new Button(VaadinIcon.ARROW_DOWN.create(), click -> move(index, 1));
        down.setAriaLabel("Try " + provider.name() + " later");
        down.setEnabled(index < providerOrder.size() - 1);
        for (Button button : List.of(up, down)) {
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        return new HorizontalLayout(up, down);
    }

    private void move(int index, int by) {
        List<String> order = new ArrayList<>(providerOrder);
        order.add(index + by, order.remove(index));
        providerOrder = List.copyOf(order);
        showProviders();
    }

    private static IllegalArgumentException invalid(com.vaadin.flow.component.HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
        return new IllegalArgumentException(message);
    }

    private static List<String> withNone(List<String> names) {
        List<String> items = new ArrayList<>();
        items.add(NONE);
        items.addAll(names);
        return items;
    }

    static String languageName(String code) {
        return Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH) + " (" + code + ")";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /** One weekday: closed, or open in one period, or two (a lunch break). An end of 00:00 is midnight. */
    private static final class DayRow {

        private final DayOfWeek day;
        private final Checkbox open;
        private final TimePicker from = picker("Opens");
        private final TimePicker to = picker("Closes");
        private final TimePicker from2 = picker("Opens again");
        private final TimePicker to2 = picker("Closes");
        private final HorizontalLayout layout;

        DayRow(DayOfWeek day) {
            this.day = day;
            String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            String id = "settings-hours-" + day.name().toLowerCase(Locale.ROOT);
            open = new Checkbox(name);
            open.setId(id + "-open");
            open.addClassName("day-name");
            from.setId(id + "-from");
            to.setId(id + "-to");
            from2.setId(id + "-from2");
            to2.setId(id + "-to2");
            open.addValueChangeListener(change -> enable(change.getValue()));
            layout = new HorizontalLayout(open, from, to, from2, to2);
            layout.setAlignItems(Alignment.BASELINE);
            layout.setWrap(true);
            layout.addClassName("day-row");
        }

        private static TimePicker picker(String label) {
            TimePicker picker = new TimePicker(label);
            picker.setStep(Duration.ofMinutes(15));
            picker.setWidth("8.5em");
            picker.setClearButtonVisible(true);
            return picker;
        }

        void show(List<BusinessHours.Period> periods) {
            open.setValue(!periods.isEmpty());
            from.setValue(
                    periods.isEmpty() ? LocalTime.of(9, 0) : periods.get(0).from());
            to.setValue(periods.isEmpty() ? LocalTime.of(18, 0) : periods.get(0).to());
            from2.setValue(periods.size() > 1 ? periods.get(1).from() : null);
            to2.setValue(periods.size() > 1 ? periods.get(1).to() : null);
            enable(open.getValue());
        }

        private void enable(boolean isOpen) {
            for (TimePicker picker : List.of(from, to, from2, to2)) {
                picker.setEnabled(isOpen);
                picker.setInvalid(false);
            }
        }

        List<BusinessHours.Period> read() {
            if (!open.getValue()) {
                return List.of();
            }
            List<BusinessHours.Period> periods = new ArrayList<>();
            periods.add(period(from, to));
            if (from2.getValue() != null || to2.getValue() != null) {
                periods.add(period(from2, to2));
            }
            return periods;
        }

        private BusinessHours.Period period(TimePicker start, TimePicker end) {
            String dayName = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            if (start.getValue() == null) {
                throw invalid(start, dayName + ": when do you open?");
            }
            if (end.getValue() == null) {
                throw invalid(end, dayName + ": when do you close?");
            }
            if (!start.getValue().isBefore(end.getValue()) && !end.getValue().equals(LocalTime.MIDNIGHT)) {
                throw invalid(end, dayName + ": closing must come after opening (00:00 means midnight)");
            }
            start.setInvalid(false);
            end.setInvalid(false);
            return new BusinessHours.Period(day, start.getValue(), end.getValue());
        }
    }
}
