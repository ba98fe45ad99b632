package dev.grounded.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.knowledge.QuickReply;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.tenant.TenantId;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** The tenant's documents with their ingestion status, and its quick replies. */
@Route("")
@PageTitle("Knowledge · Grounded")
@PermitAll
public class KnowledgeView extends VerticalLayout {

    private static final int POLL_MILLIS = 1500;

    private final KnowledgeService knowledge;
    private final QuickReplyService quickReplies;
    private final TenantId tenant;
    private final Grid<KnowledgeDocument> documents = new Grid<>(KnowledgeDocument.class, false);
    private final Grid<QuickReply> replies = new Grid<>(QuickReply.class, false);
    private Registration polling;

    public KnowledgeView(KnowledgeService knowledge, QuickReplyService quickReplies, CurrentTenant currentTenant) {
        this.knowledge = knowledge;
        this.quickReplies = quickReplies;
        this.tenant = currentTenant.id();
        setSizeFull();

        documents.setId("documents");
        documents.addColumn(KnowledgeDocument::title).setHeader("Document").setFlexGrow(3);
        documents.addComponentColumn(KnowledgeView::status).setHeader("Status").setFlexGrow(1);
        documents
                .addColumn(KnowledgeDocument::language)
                .setHeader("Language")
                .setFlexGrow(0)
                .setWidth("110px");
        documents
                .addColumn(d -> d.pages() > 0 ? Integer.toString(d.pages()) : "")
                .setHeader("Pages")
                .setFlexGrow(0)
                .setWidth("90px");
        documents
                .addColumn(KnowledgeDocument::chunkCount)
                .setHeader("Chunks")
                .setFlexGrow(0)
                .setWidth("100px");
        documents
                .addColumn(d -> d.reason() == null ? "" : d.reason())
                .setHeader("Problem")
                .setFlexGrow(3);
        documents.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        documents.setEmptyStateText("No documents yet.");
        documents.setAllRowsVisible(true);

        replies.setId("quick-replies");
        replies.addColumn(QuickReply::label).setHeader("Label").setFlexGrow(1);
        replies.addColumn(QuickReply::answer).setHeader("Answer").setFlexGrow(3);
        replies.addColumn(QuickReply::language)
                .setHeader("Language")
                .setFlexGrow(0)
                .setWidth("110px");
        replies.addColumn(QuickReply::hits).setHeader("Hits").setFlexGrow(0).setWidth("90px");
        replies.setEmptyStateText("No quick replies yet.");
        replies.setAllRowsVisible(true);

        add(new H2("Knowledge"), new H3("Documents"), documents, new H3("Quick replies"), replies);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // Poll while ingestion runs, so status and progress update without a reload.
        event.getUI().setPollInterval(POLL_MILLIS);
        polling = event.getUI().addPollListener(poll -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
            polling = null;
        }
    }

    private void refresh() {
        List<KnowledgeDocument> docs = knowledge.list(tenant);
        documents.setItems(docs);
        replies.setItems(quickReplies.list(tenant));
        if (docs.stream().allMatch(d -> d.status().finished())) {
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    private static Span status(KnowledgeDocument doc) {
        String text =
                switch (doc.status()) {
                    case READY -> "Ready";
                    case FAILED -> "Failed";
                    case REJECTED -> "Rejected";
                    case QUEUED -> "Queued";
                    case PARSING -> "Reading";
                    case EMBEDDING ->
                        doc.progressTotal() > 0
                                ? "Embedding " + doc.progressDone() + "/" + doc.progressTotal()
                                : "Embedding";
                };
        Span badge = new Span(text);
        badge.getElement()
                .getThemeList()
                .add("badge "
                        + switch (doc.status()) {
                            case READY -> "success";
                            case FAILED, REJECTED -> "error";
                            default -> "contrast";
                        });
        return badge;
    }
}
