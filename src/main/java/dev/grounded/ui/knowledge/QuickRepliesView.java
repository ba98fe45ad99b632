package dev.grounded.ui.knowledge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.grid.editor.Editor;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.grounded.knowledge.QuickReply;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.Notifications;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The tenant's quick replies: search, edit in the grid, add, delete, import from CSV or JSON, export as CSV, and how
 * often each one answered.
 */
@Route("quick-replies")
@PageTitle("Quick replies · Grounded")
@PermitAll
public class QuickRepliesView extends VerticalLayout {

    private final QuickReplyService quickReplies;
    private final TenantId tenant;
    private final boolean manages;
    private final QuickReplyEditor quickReplyEditor;
    private final Grid<QuickReply> grid = new Grid<>(QuickReply.class, false);
    private final TextField search = new TextField();
    private final Upload importFile;
    private GridListDataView<QuickReply> rows;

    public QuickRepliesView(QuickReplyService quickReplies, CurrentTenant currentTenant) {
        this.quickReplies = quickReplies;
        this.tenant = currentTenant.id();
        this.manages = currentTenant.may(Permission.MANAGE_KNOWLEDGE);
        this.quickReplyEditor = new QuickReplyEditor(quickReplies, tenant);
        setSizeFull();

        search.setId("quick-reply-search");
        search.setPlaceholder("Search labels, answers and keywords");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(change -> rows.refreshAll());

        Button add = new Button("Add quick reply", VaadinIcon.PLUS.create(), click -> create());
        add.setId("quick-reply-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        importFile = new Upload(UploadHandler.inMemory((file, content) -> importFile(file.fileName(), content)));
        importFile.setId("quick-reply-import");
        importFile.setMaxFiles(1);
        importFile.setAcceptedFileTypes(".csv", ".json");
        importFile.setUploadButton(new Button("Import CSV or JSON", VaadinIcon.UPLOAD.create()));
        importFile.setDropAllowed(false);
        importFile.addFileRejectedListener(Notifications::rejected);

        Anchor export = new Anchor(
                DownloadHandler.fromInputStream(download -> {
                    byte[] csv = quickReplies.exportCsv(tenant).getBytes(StandardCharsets.UTF_8);
                    return new DownloadResponse(
                            new ByteArrayInputStream(csv), "quick-replies.csv", "text/csv", csv.length);
                }),
                "");
        export.setId("quick-reply-export");
        export.add(new Button("Export CSV", VaadinIcon.DOWNLOAD.create()));

        boolean manages = currentTenant.may(Permission.MANAGE_KNOWLEDGE);
        add.setVisible(manages);
        importFile.setVisible(manages);
        HorizontalLayout toolbar = new HorizontalLayout(search, add, importFile, export);
        toolbar.setWidthFull();
        toolbar.setAlignItems(Alignment.START);
        toolbar.setWrap(true);
        toolbar.expand(search);

        configureGrid();
        add(new H2("Quick replies"), toolbar, grid);
        expand(grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("quick-replies");
        TextField label = new TextField();
        label.setWidthFull();
        label.setMaxLength(QuickReplyDraft.MAX_LABEL);
        TextArea answer = new TextArea();
        answer.setWidthFull();
        answer.setMaxLength(QuickReplyDraft.MAX_ANSWER);
        TextField language = new TextField();
        language.setWidthFull();
        TextField keywords = new TextField();
        keywords.setWidthFull();

        Binder<QuickReply> binder = new Binder<>(QuickReply.class);
        binder.forField(label).bind(QuickReply::label, null);
        binder.forField(answer).bind(QuickReply::answer, null);
        binder.forField(language).bind(r -> r.language() == null ? "" : r.language(), null);
        binder.forField(keywords).bind(r -> String.join(", ", r.keywords()), null);
        Editor<QuickReply> editor = grid.getEditor();
        editor.setBinder(binder);

        grid.addColumn(QuickReply::label).setHeader("Label").setFlexGrow(1).setEditorComponent(label);
        grid.addColumn(QuickReply::answer).setHeader("Answer").setFlexGrow(3).setEditorComponent(answer);
        grid.addColumn(QuickReply::language)
                .setHeader("Language")
                .setFlexGrow(0)
                .setWidth("120px")
                .setEditorComponent(language);
        grid.addColumn(r -> String.join(", ", r.keywords()))
                .setHeader("Keywords")
                .setFlexGrow(1)
                .setEditorComponent(keywords);
        grid.addColumn(QuickReply::hits)
                .setHeader("Hits")
                .setFlexGrow(0)
                .setWidth("90px")
                .setSortable(true);

        Button save = new Button("Save", click -> {
            QuickReply editing = editor.getItem();
            QuickReplyDraft draft = new QuickReplyDraft(
                    label.getValue(),
                    answer.getValue(),
                    language.getValue(),
                    QuickReplyEditor.split(keywords.getValue()));
            if (quickReplyEditor.save(editing, draft) != null) {
                editor.cancel();
                refresh();
            }
        });
        save.setId("quick-reply-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        Button cancel = new Button("Cancel", click -> editor.cancel());
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        grid.addComponentColumn(this::actions)
                .setFlexGrow(0)
                .setWidth("190px")
                .setEditorComponent(new HorizontalLayout(save, cancel));

        grid.addItemDoubleClickListener(click -> {
            if (manages && !editor.isOpen()) {
                editor.editItem(click.getItem());
            }
        });
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No quick replies yet: add one or import a file.");
        grid.setSizeFull();
    }

    private Component actions(QuickReply reply) {
        Button edit = new Button(VaadinIcon.EDIT.create(), click -> {
            if (!grid.getEditor().isOpen()) {
                grid.getEditor().editItem(reply);
            }
        });
        edit.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY);
        edit.setAriaLabel("Edit " + reply.label());
        edit.setTooltipText("Edit");
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> confirmDelete(reply));
        delete.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + reply.label());
        delete.setTooltipText("Delete");
        edit.setVisible(manages);
        delete.setVisible(manages);
        return new HorizontalLayout(edit, delete);
    }

    private void refresh() {
        rows = grid.setItems(quickReplies.list(tenant));
        rows.setFilter(this::matches);
    }

    private boolean matches(QuickReply reply) {
        String term = search.getValue().strip().toLowerCase(Locale.ROOT);
        if (term.isEmpty()) {
            return true;
        }
        return reply.label().toLowerCase(Locale.ROOT).contains(term)
                || reply.answer().toLowerCase(Locale.ROOT).contains(term)
                || reply.keywords().stream()
                        .anyMatch(k -> k.toLowerCase(Locale.ROOT).contains(term));
    }

    private void create() {
        quickReplyEditor.create(new QuickReplyDraft("", "", null, List.of()), saved -> refresh());
    }

    private void importFile(String fileName, byte[] content) {
        // One file at a time; cleared, so the next import can start.
        importFile.clearFileList();
        try {
            var result = quickReplies.importFile(tenant, fileName, content);
            Notification.show(fileName + ": " + result.created() + " added, " + result.updated() + " updated");
            refresh();
        } catch (IllegalArgumentException e) {
            Notifications.error(fileName + ": " + e.getMessage() + " Nothing was imported.");
        }
    }

    private void confirmDelete(QuickReply reply) {
        Confirm.destructive(
                "Delete \"" + reply.label() + "\"?", "The bot stops using this answer at once.", "Delete", () -> {
                    quickReplies.delete(tenant, reply.id());
                    Notification.show("Deleted " + reply.label());
                    refresh();
                });
    }
}
