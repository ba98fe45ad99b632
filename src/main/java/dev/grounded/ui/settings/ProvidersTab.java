package dev.grounded.ui.settings;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.binder.Binder;
import dev.grounded.llm.ChatProviders;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.ui.NoProviderNotice;

/** Which of the installation's AI providers answer this tenant's customers, and in what order. */
final class ProvidersTab extends Composite<VerticalLayout> {

    ProvidersTab(Binder<AssistantSettings> binder, ChatProviders chatProviders) {
        // Bound even when there is nothing to choose from, so the tenant's earlier choice is saved back unchanged.
        ProvidersField providers = new ProvidersField(chatProviders);
        binder.forField(providers).bind("providers");
        getContent().setPadding(false);
        var none = NoProviderNotice.when(chatProviders, "settings-providers-empty");
        if (none.isPresent()) {
            getContent().add(none.get());
            return;
        }
        getContent()
                .add(
                        new Paragraph("The installation's providers, tried in this order for your customers: when one"
                                + " fails or is slow the next answers. Keys are the operator's and only their last"
                                + " characters are shown."),
                        providers);
    }
}
