package dev.grounded.ui.settings;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.binder.Binder;
import dev.grounded.tenant.AssistantSettings;

/** How the assistant finds passages, and when a quick reply is the answer as it is. */
final class AnswersTab extends Composite<VerticalLayout> {

    AnswersTab(Binder<AssistantSettings> binder) {
        RetrievalField retrieval = new RetrievalField();
        Forms.bindCompound(binder, retrieval, "retrieval");

        NumberField quickReplyThreshold = RetrievalField.optional("Quick reply match", 1);
        quickReplyThreshold.setId("settings-quick-reply-threshold");
        quickReplyThreshold.setHelperText("Similarity at which a quick reply is sent as it is, without the AI.");
        Forms.explain(quickReplyThreshold, "Quick reply match must be from 0 to 1");
        binder.forField(quickReplyThreshold).bind("quickReplyThreshold");

        getContent().setPadding(false);
        getContent()
                .add(
                        new Paragraph("How the assistant finds passages in your knowledge. Leave a field empty for the"
                                + " installation's default; check a change in Retrieval test and Evaluations."),
                        retrieval,
                        quickReplyThreshold);
    }
}
