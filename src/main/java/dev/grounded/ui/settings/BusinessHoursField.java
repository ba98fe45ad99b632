package dev.grounded.ui.settings;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.grounded.tenant.BusinessHours;
import java.time.ZoneId;
import java.util.TreeSet;

/** When people are there to take over: time zone, the week, holidays and what a customer is told when closed. */
final class BusinessHoursField extends RecordField<BusinessHours> {

    BusinessHoursField() {
        super(BusinessHours.class);
        ComboBox<String> timezone = new ComboBox<>("Time zone");
        timezone.setId("settings-timezone");
        timezone.setItems(new TreeSet<>(ZoneId.getAvailableZoneIds()));
        forField(timezone)
                .asRequired("Choose the time zone of your business hours")
                .bind("timezone");

        WeekField week = new WeekField();
        forField(week).withValidationStatusHandler(status -> {}).bind("weekly");

        HolidaysField holidays = new HolidaysField();
        forField(holidays).bind("holidays");

        TextArea afterHours = new TextArea("After-hours message");
        afterHours.setId("settings-after-hours");
        afterHours.setWidthFull();
        afterHours.setMaxLength(1000);
        afterHours.setHelperText("Told to a customer who asks for a person while you are closed; empty for the"
                + " built-in message with your next opening time.");
        forField(afterHours).withConverter(Forms::strip, Forms::nullToEmpty).bind("afterHoursMessage");

        VerticalLayout layout = new VerticalLayout(
                new Paragraph("Outside these hours a customer asking for a person is told when you open, and the"
                        + " conversation waits in the inbox. No open day at all means always open."),
                timezone,
                week,
                holidays,
                afterHours);
        layout.setPadding(false);
        add(layout);
    }
}
