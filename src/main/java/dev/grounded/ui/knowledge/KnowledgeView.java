package dev.grounded.ui.knowledge;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.grounded.knowledge.DocumentChunks;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.knowledge.KnowledgeProperties;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.knowledge.UnsupportedDocumentException;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.Notifications;
import dev.grounded.ui.PollWhileBusy;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * The tenant's documents: upload (several at once, by drag and drop), live ingestion status, a document's chunks,
 * replace, delete and re-index.
 */
@Route("")
@PageTitle("Knowledge · Grounded")
@PermitAll
public class KnowledgeView extends VerticalLayout {

    private static final int POLL_MILLIS = 1500;
    private static final String[] ACCEPTED = {
        ".pdf", ".docx", ".doc", ".odt", ".rtf", ".pptx", ".xlsx", ".csv", ".html", ".htm", ".md", ".txt"
    };

    private final KnowledgeService knowledge;
    private final DocumentChunks chunks;
    private final boolean manages;
    private final TenantId tenant;
    private final String user;
    private final int maxFileSize;
    private final Grid<KnowledgeDocument> documents = new Grid<>(KnowledgeDocument.class, false);
    private final PollWhileBusy polling = new PollWhileBusy(this, POLL_MILLIS, this::refresh);

    public KnowledgeView(
            KnowledgeService knowledge,
            DocumentChunks chunks,
            KnowledgeProperties properties,
            CurrentTenant currentTenant) {
        this.knowledge = knowledge;
        this.chunks = chunks;
        this.tenant = currentTenant.id();
        this.user = currentTenant.username();
        this.manages = currentTenant.may(Permission.MANAGE_KNOWLEDGE);
        this.maxFileSize =
                (int) Math.min(Integer.MAX_VALUE, properties.maxUploadSize().toBytes());
        setSizeFull();

        Upload upload = new Upload(storing(
                (fileName, content) ->
                        knowledge.upload(tenant, fileName, content).title() + ": queued for reading",
                () -> {}));
        upload.setId("upload");
        upload.setWidthFull();
        upload.setAcceptedFileTypes(ACCEPTED);
        upload.setMaxFileSize(maxFileSize);
        upload.setDropLabel(new Span("Drop PDF, Word and other documents here (several at once), up to "
                + properties.maxUploadSize().toMegabytes() + " MB each"));
        upload.addFileRejectedListener(Notifications::rejected);

        Button reindex = new Button("Re-index all", VaadinIcon.REFRESH.create(), click -> confirmReindex());
        reindex.setId("reindex");
        HorizontalLayout heading = new HorizontalLayout(new H3("Documents"), reindex);
        heading.setWidthFull();
        heading.setAlignItems(Alignment.BASELINE);
        heading.expand(heading.getComponentAt(0));

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
                .addComponentColumn(KnowledgeView::problem)
                .setHeader("Problem")
                .setFlexGrow(3);
        documents.addComponentColumn(this::actions).setHeader("").setFlexGrow(0).setWidth("180px");
        documents.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        documents.setEmptyStateText("No documents yet: drop some above.");
        documents.setAllRowsVisible(true);

        upload.setVisible(manages);
        reindex.setVisible(manages);
        add(new H2("Knowledge"), upload, heading, documents);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        polling.attach(event.getUI());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        polling.detach(event.getUI());
    }

    /** Stores one uploaded file and says what became of it; refuses it with {@link UnsupportedDocumentException}. */
    @FunctionalInterface
    private interface FileStore {
        String store(String fileName, byte[] content);
    }

    /**
     * Receives and stores each file on its upload's own request, outside the session lock, so the page stays live
     * while a big file arrives and is stored; only the outcome is shown under the lock. A file Grounded cannot read
     * fails alone, with its reason.
     */
    private UploadHandler storing(FileStore store, Runnable stored) {
        return event -> {
            // One byte past the limit is enough to refuse the file by its size without holding all of it.
            byte[] content =
                    event.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxFileSize + 1L));
            Runnable outcome = outcome(store, event.getFileName(), content, stored);
            event.getUI().access(() -> {
                outcome.run();
                refresh();
            });
        };
    }

    private static Runnable outcome(FileStore store, String fileName, byte[] content, Runnable stored) {
        try {
            String message = store.store(fileName, content);
            return () -> {
                Notification.show(message);
                stored.run();
            };
        } catch (UnsupportedDocumentException e) {
            return () -> Notifications.error(e.getMessage());
        }
    }

    private void refresh() {
        List<KnowledgeDocument> docs = knowledge.list(tenant);
        documents.setItems(docs);
        // Poll only while something is being ingested, so status and progress update without a reload.
        boolean busy = docs.stream().anyMatch(d -> !d.status().finished());
        polling.busy(busy);
    }

    /** Why a document failed, or what of a ready one the bot does not use. */
    private static Component problem(KnowledgeDocument doc) {
        if (doc.reason() != null) {
            Span reason = new Span(doc.reason());
            reason.addClassName("doc-reason");
            return reason;
        }
        Span notice = new Span(doc.notice() == null ? "" : doc.notice());
        notice.addClassName("doc-notice");
        return notice;
    }

    private Component actions(KnowledgeDocument doc) {
        Button chunks = iconButton(VaadinIcon.LIST, "Chunks of " + doc.title(), click -> showChunks(doc));
        Button replace = iconButton(VaadinIcon.UPLOAD, "Replace " + doc.title(), click -> replace(doc));
        Button delete = iconButton(VaadinIcon.TRASH, "Delete " + doc.title(), click -> confirmDelete(doc));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        replace.setVisible(manages);
        delete.setVisible(manages);
        return new HorizontalLayout(chunks, replace, delete);
    }

    private static Button iconButton(VaadinIcon icon, String label, ComponentEventListener<ClickEvent<Button>> click) {
        Button button = new Button(icon.create(), click);
        button.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY);
        button.setAriaLabel(label);
        button.setTooltipText(label);
        return button;
    }

    private void showChunks(KnowledgeDocument doc) {
        ChunksDialog.open(chunks, tenant, user, doc, manages);
    }

    private void replace(KnowledgeDocument doc) {
        Dialog dialog = new Dialog();
        Upload upload = new Upload(storing(
                (fileName, content) -> {
                    knowledge.replace(tenant, doc.id(), fileName, content);
                    return doc.title() + ": the new version is being read; the old one answers until then";
                },
                dialog::close));
        upload.setId("replace-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(ACCEPTED);
        upload.setMaxFileSize(maxFileSize);
        upload.addFileRejectedListener(Notifications::rejected);
        dialog.setHeaderTitle("Replace " + doc.title());
        dialog.add(
                new Paragraph("Upload the new version. The current one keeps answering until the new one is ready."),
                upload);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()));
        dialog.open();
    }

    private void confirmDelete(KnowledgeDocument doc) {
        Confirm.destructive(
                "Delete " + doc.title() + "?",
                "Its chunks leave the knowledge at once: the bot will no longer answer from it.",
                "Delete",
                () -> {
                    knowledge.delete(tenant, doc.id());
                    Notification.show(doc.title() + " deleted");
                    refresh();
                });
    }

    private void confirmReindex() {
        Confirm.ask(
                "Re-index all knowledge?",
                "Every document is read and embedded again with the current embedding model; the current chunks"
                        + " keep answering until each document's new ones are ready.",
                "Re-index",
                () -> {
                    var queued = knowledge.reindexAll(tenant);
                    Notification.show("Re-indexing " + queued.documents() + " documents and " + queued.quickReplies()
                            + " quick replies");
                    refresh();
                });
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
