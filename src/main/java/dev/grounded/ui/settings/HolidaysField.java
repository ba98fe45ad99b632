package dev.grounded.ui.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/** Days the business is closed whatever the weekly hours say, in date order, added one by one. */
final class HolidaysField extends CustomField<List<LocalDate>> {

    private final TreeSet<LocalDate> holidays = new TreeSet<>();
    private final DatePicker holiday = new DatePicker("Holiday");
    private final Div chips = new Div();

    HolidaysField() {
        holiday.setId("settings-holiday");
        chips.setId("settings-holidays");
        chips.addClassName("chips");
        Button add = new Button("Add holiday", VaadinIcon.PLUS.create(), click -> add());
        add.setId("settings-holiday-add");
        HorizontalLayout form = new HorizontalLayout(holiday, add);
        form.setAlignItems(Alignment.BASELINE);
        VerticalLayout layout = new VerticalLayout(form, chips);
        layout.setPadding(false);
        add(layout);
        showChips();
    }

    private void add() {
        if (holiday.getValue() == null) {
            holiday.setInvalid(true);
            holiday.setErrorMessage("Pick a date");
            return;
        }
        holiday.setInvalid(false);
        holidays.add(holiday.getValue());
        holiday.clear();
        showChips();
        updateValue();
    }

    private void showChips() {
        chips.removeAll();
        if (holidays.isEmpty()) {
            chips.add(new Span("No holidays"));
        }
        for (LocalDate date : holidays) {
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
                holidays.remove(date);
                showChips();
                updateValue();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.setAriaLabel("Remove holiday " + date);
            Span chip = new Span(new Span(date.toString()), remove);
            chip.addClassName("chip");
            chips.add(chip);
        }
    }

    @Override
    protected List<LocalDate> generateModelValue() {
        return List.copyOf(holidays);
    }

    @Override
    protected void setPresentationValue(List<LocalDate> dates) {
        holidays.clear();
        if (dates != null) {
            holidays.addAll(dates);
        }
        showChips();
    }
}
