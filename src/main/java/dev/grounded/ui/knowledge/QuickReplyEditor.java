package dev.grounded.ui.knowledge;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.grounded.knowledge.QuickReply;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.Notifications;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;

/** Saving a quick reply from the console, and the dialog for a new one (the Quick replies page, the dashboard). */
public final class QuickReplyEditor {

    private final QuickReplyService quickReplies;
    private final TenantId tenant;

    public QuickReplyEditor(QuickReplyService quickReplies, TenantId tenant) {
        this.quickReplies = quickReplies;
        this.tenant = tenant;
    }

    /**
     * Opens the dialog for a new quick reply, filled in with {@code start}; {@code saved} runs once it is stored.
     */
    public void create(QuickReplyDraft start, Consumer<QuickReply> saved) {
        TextField label = new TextField("Label");
        label.setId("new-quick-reply-label");
        label.setRequired(true);
        label.setMaxLength(QuickReplyDraft.MAX_LABEL);
        label.setValue(truncate(start.label(), QuickReplyDraft.MAX_LABEL));
        TextArea answer = new TextArea("Answer");
        answer.setId("new-quick-reply-answer");
        answer.setRequired(true);
        answer.setMaxLength(QuickReplyDraft.MAX_ANSWER);
        answer.setValue(start.answer());
        TextField language = new TextField("Language");
        language.setId("new-quick-reply-language");
        language.setHelperText("ISO code such as en or es; empty to detect it");
        language.setValue(start.language() == null ? "" : start.language());
        TextField keywords = new TextField("Keywords");
        keywords.setId("new-quick-reply-keywords");
        keywords.setHelperText("Comma-separated words customers use for it");
        keywords.setValue(String.join(", ", start.keywords()));
        FormLayout form = new FormLayout(label, language, answer, keywords);
        form.setColspan(answer, 2);

        Dialog dialog = new Dialog(form);
        dialog.setHeaderTitle("New quick reply");
        dialog.setWidth("min(720px, 95vw)");
        Button save = new Button("Save", click -> {
            var draft = new QuickReplyDraft(
                    label.getValue(), answer.getValue(), language.getValue(), split(keywords.getValue()));
            QuickReply created = save(null, draft);
            if (created != null) {
                dialog.close();
                saved.accept(created);
            }
        });
        save.setId("new-quick-reply-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
        (label.isEmpty() ? label : answer).focus();
    }

    /**
     * Creates ({@code existing} null) or changes a quick reply.
     *
     * @return the stored quick reply, or null when it was not saved: the reason is shown and the input stays
     */
    QuickReply save(QuickReply existing, QuickReplyDraft draft) {
        List<String> problems = draft.problems();
        if (!problems.isEmpty()) {
            Notifications.error(String.join("; ", problems));
            return null;
        }
        try {
            QuickReply stored = existing == null
                    ? quickReplies.create(tenant, draft)
                    : quickReplies.update(tenant, existing.id(), draft).orElse(null);
            if (stored == null) {
                Notifications.error("\"" + draft.label() + "\" was deleted meanwhile.");
                return null;
            }
            Notification.show("Saved " + draft.label());
            return stored;
        } catch (DuplicateKeyException e) {
            Notifications.error("There is already a quick reply labelled \"" + draft.label() + "\".");
            return null;
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
            return null;
        }
    }

    static List<String> split(String keywords) {
        return Arrays.stream(keywords.split("[,;]"))
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .toList();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
