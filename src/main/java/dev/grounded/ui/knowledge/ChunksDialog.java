package dev.grounded.ui.knowledge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.grounded.knowledge.DocumentChunk;
import dev.grounded.knowledge.DocumentChunks;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.Notifications;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A document's passages as the bot reads them: each can be switched off (the bot no longer uses it), edited (embedded
 * again on save) or reverted to the file's text.
 */
final class ChunksDialog {

    private final DocumentChunks chunks;
    private final TenantId tenant;
    private final String user;
    private final KnowledgeDocument doc;
    private final boolean editable;
    private final Dialog dialog = new Dialog();
    private final Grid<DocumentChunk> grid = new Grid<>(DocumentChunk.class, false);

    private ChunksDialog(DocumentChunks chunks, TenantId tenant, String user, KnowledgeDocument doc, boolean editable) {
        this.editable = editable;
        this.chunks = chunks;
        this.tenant = tenant;
        this.user = user;
        this.doc = doc;
    }

    /** @param editable whether the user may edit passages (manages the knowledge), or only read them */
    static void open(DocumentChunks chunks, TenantId tenant, String user, KnowledgeDocument doc, boolean editable) {
        new ChunksDialog(chunks, tenant, user, doc, editable).show();
    }

    private void show() {
        grid.setId("chunks");
        grid.addColumn(c -> c.index() + 1).setHeader("#").setFlexGrow(0).setWidth("64px");
        grid.addColumn(c -> c.section() == null ? "" : c.section())
                .setHeader("Section")
                .setFlexGrow(1);
        grid.addColumn(c -> c.page() == null ? "" : c.page().toString())
                .setHeader("Page")
                .setFlexGrow(0)
                .setWidth("76px");
        grid.addComponentColumn(ChunksDialog::text).setHeader("Text").setFlexGrow(4);
        grid.addComponentColumn(this::used).setHeader("Used").setFlexGrow(0).setWidth("84px");
        grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(0).setWidth("110px");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(
                doc.status().finished() ? "This document has no indexed text." : "Not indexed yet: still reading.");
        grid.setHeight("60vh");

        Paragraph help = new Paragraph("Switch a passage off to keep the bot from using it, or edit it to correct it:"
                + " it is embedded again when you save. Changes stay when the document is re-indexed or replaced,"
                + " for the passages the new version still holds word for word.");
        help.addClassName("hint");
        dialog.add(new VerticalLayout(help, grid));
        dialog.setWidth("min(1100px, 95vw)");
        Button close = new Button("Close", click -> dialog.close());
        close.setId("chunks-close");
        dialog.getFooter().add(close);
        refresh();
        dialog.open();
    }

    private void refresh() {
        List<DocumentChunk> all = chunks.list(tenant, doc.id());
        grid.setItems(all);
        long off = all.stream().filter(c -> !c.enabled()).count();
        long edited = all.stream().filter(DocumentChunk::edited).count();
        StringBuilder title =
                new StringBuilder(doc.title()).append(" · ").append(all.size()).append(" chunks");
        if (off > 0) {
            title.append(", ").append(off).append(" off");
        }
        if (edited > 0) {
            title.append(", ").append(edited).append(" edited");
        }
        dialog.setHeaderTitle(title.toString());
    }

    private static Component text(DocumentChunk chunk) {
        Div cell = new Div();
        cell.addClassName("chunk-text");
        if (!chunk.enabled()) {
            cell.addClassName("off");
            cell.add(badge("Off", "contrast"));
        }
        if (chunk.edited()) {
            Span edited = badge("Edited", "success");
            edited.getElement().setAttribute("title", "Edited by " + chunk.curatedBy());
            cell.add(edited);
        }
        cell.add(new Span(chunk.text()));
        return cell;
    }

    private Component used(DocumentChunk chunk) {
        Checkbox used = new Checkbox(chunk.enabled());
        used.addClassName("chunk-enabled");
        used.setAriaLabel("Use passage " + (chunk.index() + 1));
        used.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                apply(
                        () -> chunks.enable(tenant, doc.id(), chunk.index(), change.getValue(), user),
                        "Passage " + (chunk.index() + 1) + (change.getValue() ? " is used again" : " is off"));
            }
        });
        return used;
    }

    private Component actions(DocumentChunk chunk) {
        Button edit = new Button(VaadinIcon.EDIT.create(), click -> edit(chunk));
        edit.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY);
        edit.addClassName("chunk-edit");
        edit.setAriaLabel("Edit passage " + (chunk.index() + 1));
        edit.setTooltipText("Edit");
        HorizontalLayout actions = new HorizontalLayout(edit);
        edit.setVisible(editable);
        if (editable && (chunk.edited() || !chunk.enabled())) {
            Button revert = new Button(VaadinIcon.ARROW_BACKWARD.create(), click -> confirmRevert(chunk));
            revert.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY);
            revert.addClassName("chunk-revert");
            revert.setAriaLabel("Revert passage " + (chunk.index() + 1) + " to the file's text");
            revert.setTooltipText("Revert to the file's text");
            actions.add(revert);
        }
        return actions;
    }

    private void edit(DocumentChunk chunk) {
        TextArea text = new TextArea("Passage " + (chunk.index() + 1));
        text.setId("chunk-text");
        text.setWidthFull();
        text.setMinHeight("12em");
        text.setValue(chunk.text());
        text.setHelperText("The bot answers from this text. It is embedded again when you save.");
        Paragraph error = new Paragraph();
        error.setId("chunk-error");
        error.addClassName("error-text");
        error.setVisible(false);
        VerticalLayout content = new VerticalLayout(text, error);
        content.setPadding(false);
        if (chunk.edited()) {
            Paragraph original = new Paragraph(chunk.originalText());
            original.addClassName("chunk-original");
            content.add(new Details("The file's text", original));
        }
        Dialog editor = new Dialog(content);
        editor.setHeaderTitle("Edit passage " + (chunk.index() + 1) + " of " + doc.title());
        editor.setWidth("min(820px, 95vw)");
        Button save = new Button("Save", click -> {
            try {
                if (apply(
                        () -> chunks.edit(tenant, doc.id(), chunk.index(), text.getValue(), user),
                        "Passage " + (chunk.index() + 1) + " saved and embedded again")) {
                    editor.close();
                }
            } catch (IllegalArgumentException e) {
                error.setText(e.getMessage());
                error.setVisible(true);
            }
        });
        save.setId("chunk-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        editor.getFooter().add(new Button("Cancel", click -> editor.close()), save);
        editor.open();
        text.focus();
    }

    private void confirmRevert(DocumentChunk chunk) {
        Confirm.ask(
                "Revert passage " + (chunk.index() + 1) + "?",
                "It goes back to the file's text and the bot uses it again.",
                "Revert",
                () -> apply(
                        () -> chunks.revert(tenant, doc.id(), chunk.index()),
                        "Passage " + (chunk.index() + 1) + " is the file's text again"));
    }

    /**
     * Runs a change and shows how it went; a document being read again, or a passage gone with a new version, is
     * said in words. An invalid text is left to the caller, which shows it by the field.
     *
     * @return whether the change was made
     */
    private boolean apply(Supplier<Optional<DocumentChunk>> change, String done) {
        try {
            if (change.get().isEmpty()) {
                Notifications.error("This passage is gone: the document changed meanwhile.");
                refresh();
                return false;
            }
            Notification.show(done, 3000, Notification.Position.BOTTOM_START);
            refresh();
            return true;
        } catch (IllegalStateException e) {
            Notifications.error(e.getMessage());
            refresh();
            return false;
        }
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge small " + theme);
        return badge;
    }
}
