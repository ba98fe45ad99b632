package dev.grounded.ui.settings;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import dev.grounded.tenant.AssistantSettings.Retrieval;

/** How passages are found: how many, how sure, and how the keyword and meaning searches are weighed. */
final class RetrievalField extends RecordField<Retrieval> {

    RetrievalField() {
        super(Retrieval.class);
        IntegerField topK = new IntegerField("Passages per answer");
        topK.setId("settings-top-k");
        topK.setMin(1);
        topK.setMax(20);
        topK.setStepButtonsVisible(true);
        String topKRange = "Passages per answer must be a whole number from 1 to 20";
        Forms.explain(topK, topKRange);
        forField(topK).asRequired(topKRange).bind("topK");

        NumberField minConfidence = optional("Minimum confidence", 1);
        minConfidence.setId("settings-min-confidence");
        minConfidence.setHelperText("Similarity the best passage needs before the assistant answers at all.");
        Forms.explain(minConfidence, "Minimum confidence must be from 0 to 1");
        forField(minConfidence).bind("minConfidence");

        NumberField keywordWeight = optional("Keyword weight", 10);
        keywordWeight.setId("settings-keyword-weight");
        Forms.explain(keywordWeight, "Keyword weight must be from 0 to 10");
        forField(keywordWeight).bind("keywordWeight");

        NumberField denseWeight = optional("Meaning weight", 10);
        denseWeight.setId("settings-dense-weight");
        Forms.explain(denseWeight, "Meaning weight must be from 0 to 10");
        forField(denseWeight).bind("denseWeight");

        add(new FormLayout(topK, minConfidence, keywordWeight, denseWeight));
    }

    /** A number the tenant may leave empty for the installation's default; any precision, as the API takes. */
    static NumberField optional(String label, double max) {
        NumberField field = new NumberField(label);
        field.setMin(0);
        field.setMax(max);
        field.setPlaceholder("installation default");
        field.setClearButtonVisible(true);
        return field;
    }
}
