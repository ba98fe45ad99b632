package dev.grounded.ui.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveEvent.ContinueNavigationAction;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.grounded.channel.ChannelConnections;
import dev.grounded.llm.ChatProviders;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantSettingsService;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;

/**
 * How the tenant's assistant behaves and how WhatsApp reaches it. The assistant's settings are edited as one
 * document and saved together (validated first; nothing is saved while a field is wrong); connections are saved one
 * by one. Discarding or leaving with changes not saved asks first. Admins only: agents answer customers, they do not
 * change how the bot does.
 */
@Route("settings")
@PageTitle("Settings · Grounded")
@RolesAllowed("ADMIN")
public class SettingsView extends VerticalLayout implements BeforeLeaveObserver {

    private final TenantSettingsService settings;
    private final TenantId tenant;
    private final SettingsForm form;

    public SettingsView(
            TenantSettingsService settings,
            ChatProviders providers,
            LanguageDetector languages,
            ChannelConnections connections,
            CurrentTenant currentTenant) {
        this.settings = settings;
        this.tenant = currentTenant.id();
        this.form = new SettingsForm(providers, languages.supported());

        Button save = new Button("Save settings", VaadinIcon.CHECK.create(), click -> save());
        save.setId("settings-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button discard = new Button("Discard changes", click -> discard());
        discard.setId("settings-discard");
        HorizontalLayout actions = new HorizontalLayout(save, discard);
        actions.addClassName("settings-actions");

        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add("Assistant", form.assistantTab()).setId("settings-tab-assistant");
        tabs.add("Hand-off & hours", form.handoffTab()).setId("settings-tab-hours");
        tabs.add("Answers", form.answersTab()).setId("settings-tab-answers");
        tabs.add("AI providers", form.providersTab()).setId("settings-tab-providers");
        Tab whatsApp = tabs.add("WhatsApp", new ConnectionsPanel(connections, tenant));
        whatsApp.setId("settings-tab-whatsapp");
        // Numbers are saved one by one in their own dialogs; the settings' Save does not apply to them.
        tabs.addSelectedChangeListener(change -> actions.setVisible(change.getSelectedTab() != whatsApp));

        add(new H2("Settings"), new Paragraph("Changes apply to the next message a customer sends."), tabs, actions);
        form.show(settings.get(tenant));
    }

    private void discard() {
        if (!form.changed()) {
            form.show(settings.get(tenant));
            return;
        }
        Confirm.destructive(
                "Discard your changes?",
                "The settings go back to what was last saved.",
                "Discard",
                () -> form.show(settings.get(tenant)));
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (form.changed()) {
            ContinueNavigationAction leave = event.postpone();
            Confirm.destructive(
                    "Leave without saving?",
                    "Your changes to the settings are not saved and will be lost.",
                    "Leave",
                    leave::proceed);
        }
    }

    private void save() {
        try {
            AssistantSettings saved = settings.save(tenant, form.read());
            form.show(saved);
            Notification.show("Settings saved", 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ValidationException e) {
            Notifications.error("Not saved: " + Forms.firstError(e));
        } catch (IllegalArgumentException e) {
            Notifications.error("Not saved: " + e.getMessage());
        }
    }
}
