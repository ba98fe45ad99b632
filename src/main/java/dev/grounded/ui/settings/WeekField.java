package dev.grounded.ui.settings;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.data.binder.HasValidator;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import dev.grounded.tenant.BusinessHours.Period;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The weekly opening hours: each day closed, or open in one period or two (a lunch break). */
final class WeekField extends CustomField<List<Period>> implements HasValidator<List<Period>> {

    private final List<Day> days = new ArrayList<>();
    private boolean presenting;

    WeekField() {
        VerticalLayout week = new VerticalLayout();
        week.setPadding(false);
        week.setSpacing(false);
        week.setId("settings-week");
        for (DayOfWeek day : DayOfWeek.values()) {
            Day row = new Day(day, this::changed);
            days.add(row);
            week.add(row.layout);
        }
        add(week);
    }

    private void changed() {
        if (!presenting) {
            updateValue();
        }
    }

    @Override
    protected List<Period> generateModelValue() {
        List<Period> weekly = new ArrayList<>();
        for (Day day : days) {
            if (day.problem().isPresent()) {
                return null;
            }
            weekly.addAll(day.periods());
        }
        return weekly;
    }

    @Override
    protected void setPresentationValue(List<Period> weekly) {
        presenting = true;
        try {
            for (Day day : days) {
                day.show(
                        weekly == null
                                ? List.of()
                                : weekly.stream()
                                        .filter(p -> p.day() == day.day)
                                        .toList());
            }
        } finally {
            presenting = false;
        }
    }

    /** Every day is checked so each marks its own times; the first problem is the week's. */
    @Override
    public Validator<List<Period>> getDefaultValidator() {
        return (value, context) -> {
            List<String> problems =
                    days.stream().map(Day::check).flatMap(Optional::stream).toList();
            return problems.isEmpty() ? ValidationResult.ok() : ValidationResult.error(problems.getFirst());
        };
    }

    /** One weekday: closed, or open in one period or two. An end of 00:00 is midnight. */
    private static final class Day {

        private final DayOfWeek day;
        private final String name;
        private final Checkbox open;
        private final TimePicker from = picker("Opens");
        private final TimePicker to = picker("Closes");
        private final TimePicker from2 = picker("Opens again");
        private final TimePicker to2 = picker("Closes");
        private final HorizontalLayout layout;

        Day(DayOfWeek day, Runnable changed) {
            this.day = day;
            this.name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            String id = "settings-hours-" + day.name().toLowerCase(Locale.ROOT);
            open = new Checkbox(name);
            open.setId(id + "-open");
            open.addClassName("day-name");
            from.setId(id + "-from");
            to.setId(id + "-to");
            from2.setId(id + "-from2");
            to2.setId(id + "-to2");
            open.addValueChangeListener(change -> {
                enable(change.getValue());
                changed.run();
            });
            for (TimePicker picker : List.of(from, to, from2, to2)) {
                picker.addValueChangeListener(change -> changed.run());
            }
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

        void show(List<Period> periods) {
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

        private boolean secondPeriod() {
            return from2.getValue() != null || to2.getValue() != null;
        }

        List<Period> periods() {
            if (!open.getValue()) {
                return List.of();
            }
            List<Period> periods = new ArrayList<>();
            periods.add(new Period(day, from.getValue(), to.getValue()));
            if (secondPeriod()) {
                periods.add(new Period(day, from2.getValue(), to2.getValue()));
            }
            return periods;
        }

        /** What is wrong with this day's times, with the picker at fault marked; empty when nothing is. */
        Optional<String> check() {
            for (TimePicker picker : List.of(from, to, from2, to2)) {
                picker.setInvalid(false);
            }
            Optional<Problem> problem = problem();
            problem.ifPresent(found -> {
                found.picker().setErrorMessage(found.message());
                found.picker().setInvalid(true);
            });
            return problem.map(Problem::message);
        }

        Optional<Problem> problem() {
            if (!open.getValue()) {
                return Optional.empty();
            }
            return problem(from, to).or(() -> secondPeriod() ? problem(from2, to2) : Optional.empty());
        }

        private Optional<Problem> problem(TimePicker start, TimePicker end) {
            if (start.getValue() == null) {
                return Optional.of(new Problem(start, name + ": when do you open?"));
            }
            if (end.getValue() == null) {
                return Optional.of(new Problem(end, name + ": when do you close?"));
            }
            if (!start.getValue().isBefore(end.getValue()) && !end.getValue().equals(LocalTime.MIDNIGHT)) {
                return Optional.of(new Problem(end, name + ": closing must come after opening (00:00 means midnight)"));
            }
            return Optional.empty();
        }

        private record Problem(TimePicker picker, String message) {}
    }
}
