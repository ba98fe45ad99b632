package dev.grounded.ui.settings;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.binder.Binder;
import dev.grounded.tenant.AssistantSettings;

/** When a conversation goes to a person, and when people are there to take it. */
final class HandoffTab extends Composite<VerticalLayout> {

    HandoffTab(Binder<AssistantSettings> binder) {
        HandoffField handoff = new HandoffField();
        Forms.bindCompound(binder, handoff, "handoff");
        BusinessHoursField hours = new BusinessHoursField();
        Forms.bindCompound(binder, hours, "hours");
        getContent().setPadding(false);
        getContent().add(new H3("Hand-off"), handoff, new H3("Business hours"), hours);
    }
}
