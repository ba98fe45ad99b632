package dev.grounded.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.ui.accounts.ApiKeysView;
import dev.grounded.ui.accounts.ChangePasswordDialog;
import dev.grounded.ui.accounts.TenantsView;
import dev.grounded.ui.accounts.UsersView;
import dev.grounded.ui.dashboard.DashboardView;
import dev.grounded.ui.evaluation.EvaluationsView;
import dev.grounded.ui.inbox.InboxView;
import dev.grounded.ui.knowledge.KnowledgeView;
import dev.grounded.ui.knowledge.QuickRepliesView;
import dev.grounded.ui.knowledge.RetrievalTestView;
import dev.grounded.ui.playground.PlaygroundView;
import dev.grounded.ui.settings.SettingsView;
import jakarta.annotation.security.PermitAll;

@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, UserAccountService users) {
        Span title = new Span("Grounded");
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Span user = new Span(authentication.getPrincipalName().orElse(""));
        HorizontalLayout header = new HorizontalLayout(title, user, logout);
        header.setAlignItems(Alignment.CENTER);
        header.setWidthFull();
        header.expand(title);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create()));
        nav.addItem(new SideNavItem("Inbox", InboxView.class, VaadinIcon.INBOX.create()));
        nav.addItem(new SideNavItem("Knowledge", KnowledgeView.class, VaadinIcon.BOOK.create()));
        nav.addItem(new SideNavItem("Quick replies", QuickRepliesView.class, VaadinIcon.COMMENTS.create()));
        nav.addItem(new SideNavItem("Retrieval test", RetrievalTestView.class, VaadinIcon.SEARCH.create()));
        nav.addItem(new SideNavItem("Playground", PlaygroundView.class, VaadinIcon.CHAT.create()));
        nav.addItem(new SideNavItem("Evaluations", EvaluationsView.class, VaadinIcon.CHART.create()));
        if (authentication.hasRole("ADMIN")) {
            nav.addItem(new SideNavItem("Settings", SettingsView.class, VaadinIcon.COG.create()));
            nav.addItem(new SideNavItem("Users", UsersView.class, VaadinIcon.USERS.create()));
            nav.addItem(new SideNavItem("API keys", ApiKeysView.class, VaadinIcon.KEY.create()));
        }
        if (authentication.hasRole("OPERATOR")) {
            nav.addItem(new SideNavItem("Tenants", TenantsView.class, VaadinIcon.BUILDING.create()));
        }
        Button password =
                new Button("Change password", VaadinIcon.LOCK.create(), click -> ChangePasswordDialog.open(users));
        password.setId("change-password");
        password.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        password.getStyle().set("margin", "var(--lumo-space-m)");
        addToDrawer(nav, password);
    }
}
