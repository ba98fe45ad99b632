package dev.grounded.ui.settings;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import dev.grounded.tenant.AssistantSettings.Languages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The languages the assistant answers in: any the customer writes, or a main one and others. */
final class LanguagesField extends CustomField<Languages> {

    private static final String ANY = "";

    private final Select<String> main = new Select<>();
    private final MultiSelectComboBox<String> others = new MultiSelectComboBox<>("Also answers in");
    private boolean presenting;

    LanguagesField(List<String> supported) {
        List<String> choices = new ArrayList<>();
        choices.add(ANY);
        choices.addAll(supported);
        main.setId("settings-main-language");
        main.setLabel("Answers in");
        main.setItems(choices);
        main.setItemLabelGenerator(
                code -> code.equals(ANY) ? "The customer's language, whichever it is" : languageName(code));
        main.setHelperText("A customer writing in a language not chosen here is answered in this one.");
        others.setId("settings-other-languages");
        others.setItems(supported);
        others.setItemLabelGenerator(LanguagesField::languageName);
        main.addValueChangeListener(change -> {
            boolean any = isAny(change.getValue());
            others.setEnabled(!any);
            if (any) {
                others.clear();
            }
            changed();
        });
        others.addValueChangeListener(change -> changed());
        HorizontalLayout row = new HorizontalLayout(main, others);
        row.setWrap(true);
        add(row);
    }

    static String languageName(String code) {
        return Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH) + " (" + code + ")";
    }

    private static boolean isAny(String code) {
        return code == null || code.equals(ANY);
    }

    private void changed() {
        if (!presenting) {
            updateValue();
        }
    }

    @Override
    protected Languages generateModelValue() {
        if (isAny(main.getValue())) {
            return Languages.ANY;
        }
        List<String> answered = new ArrayList<>();
        answered.add(main.getValue());
        others.getValue().stream()
                .sorted()
                .filter(code -> !answered.contains(code))
                .forEach(answered::add);
        return new Languages(answered);
    }

    @Override
    protected void setPresentationValue(Languages languages) {
        List<String> answered = languages == null ? List.of() : languages.answered();
        presenting = true;
        try {
            main.setValue(answered.isEmpty() ? ANY : answered.getFirst());
            others.setValue(answered.isEmpty() ? List.of() : answered.subList(1, answered.size()));
        } finally {
            presenting = false;
        }
    }
}
