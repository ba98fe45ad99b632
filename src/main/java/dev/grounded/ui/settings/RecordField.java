package dev.grounded.ui.settings;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.HasValidator;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;

/**
 * A field whose value is one nested settings record, edited by inner fields over their own {@link Binder}. It is
 * valid when they all are; the first inner error is its error, and the inner fields show theirs.
 */
abstract class RecordField<T extends Record> extends CustomField<T> implements HasValidator<T> {

    private final Binder<T> binder;
    private boolean presenting;

    RecordField(Class<T> type) {
        this.binder = new Binder<>(type);
    }

    /** Starts the binding of an inner field; a change the user makes to it changes this field's value. */
    <V> Binder.BindingBuilder<T, V> forField(HasValue<?, V> field) {
        field.addValueChangeListener(change -> {
            // While a record is being shown the inner fields change one by one; the value is the whole record.
            if (!presenting) {
                updateValue();
            }
        });
        return binder.forField(field);
    }

    @Override
    protected T generateModelValue() {
        try {
            return binder.writeRecord();
        } catch (ValidationException e) {
            return null;
        }
    }

    @Override
    protected void setPresentationValue(T value) {
        if (value == null) {
            return;
        }
        presenting = true;
        try {
            binder.readRecord(value);
        } finally {
            presenting = false;
        }
    }

    @Override
    public Validator<T> getDefaultValidator() {
        return (value, context) ->
                Forms.firstError(binder.validate()).map(ValidationResult::error).orElseGet(ValidationResult::ok);
    }
}
