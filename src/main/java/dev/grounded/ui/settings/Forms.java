package dev.grounded.ui.settings;

import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.BinderValidationStatus;
import com.vaadin.flow.data.binder.BindingValidationStatus;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.binder.ValidationResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the settings forms share: the words for the first thing wrong, and bindings of compound fields. */
final class Forms {

    private Forms() {}

    static Optional<String> firstError(BinderValidationStatus<?> status) {
        return firstError(status.getFieldValidationErrors(), status.getBeanValidationErrors());
    }

    static String firstError(ValidationException e) {
        return firstError(e.getFieldValidationErrors(), e.getBeanValidationErrors())
                .orElse("a field is not valid");
    }

    private static Optional<String> firstError(
            List<BindingValidationStatus<?>> fields, List<ValidationResult> records) {
        return Stream.concat(
                        fields.stream().filter(BindingValidationStatus::isError).map(Forms::message),
                        records.stream()
                                .filter(ValidationResult::isError)
                                .map(result -> orGeneric(result.getErrorMessage())))
                .findFirst();
    }

    /** A field's own message; its label when the field's built-in check (a number it cannot read) gave none. */
    private static String message(BindingValidationStatus<?> status) {
        String message = status.getMessage().orElse("");
        if (message.isBlank() && status.getField() instanceof HasLabel labelled && labelled.getLabel() != null) {
            return labelled.getLabel() + " is not valid";
        }
        return orGeneric(message);
    }

    private static String orGeneric(String message) {
        return message == null || message.isBlank() ? "a field is not valid" : message;
    }

    /**
     * Binds a field that edits a whole nested record. Its inner fields show what is wrong with them, so the
     * compound field is not marked as well: the message would show twice.
     */
    static <B, V> void bindCompound(Binder<B> binder, HasValue<?, V> field, String component) {
        binder.forField(field).withValidationStatusHandler(status -> {}).bind(component);
    }

    /** The field's own checks (a number it cannot read, out of range, between steps) say this. */
    static void explain(NumberField field, String message) {
        field.setI18n(new NumberField.NumberFieldI18n()
                .setBadInputErrorMessage(message)
                .setMinErrorMessage(message)
                .setMaxErrorMessage(message)
                .setStepErrorMessage(message));
    }

    static void explain(IntegerField field, String message) {
        field.setI18n(new IntegerField.IntegerFieldI18n()
                .setBadInputErrorMessage(message)
                .setMinErrorMessage(message)
                .setMaxErrorMessage(message)
                .setStepErrorMessage(message));
    }

    static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
