package dev.grounded.ui.inbox;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.conversation.InboxItem;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.HandoffReasons;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The tenant's conversations by state, with counts per state and unread messages per conversation. */
final class ConversationList extends Composite<Grid<InboxItem>> {

    private final ConversationService conversations;
    private final TenantId tenant;
    private final Map<Tab, ConversationState> tabStates = new LinkedHashMap<>();
    private final Map<ConversationState, Tab> stateTabs = new EnumMap<>(ConversationState.class);
    private final Tabs tabs = new Tabs();

    ConversationList(ConversationService conversations, TenantId tenant, Consumer<ConversationId> opened) {
        this.conversations = conversations;
        this.tenant = tenant;
        for (ConversationState state : List.of(
                ConversationState.NEEDS_HUMAN,
                ConversationState.WITH_AGENT,
                ConversationState.BOT,
                ConversationState.CLOSED)) {
            Tab tab = new Tab(InboxLabels.state(state));
            tab.setId("inbox-tab-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            tabStates.put(tab, state);
            stateTabs.put(state, tab);
            tabs.add(tab);
        }
        Tab all = new Tab("All");
        all.setId("inbox-tab-all");
        tabs.add(all);
        tabs.addSelectedChangeListener(change -> refresh());

        Grid<InboxItem> list = getContent();
        list.setId("inbox-list");
        list.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        list.addComponentColumn(ConversationList::summary)
                .setHeader("Conversation")
                .setFlexGrow(1);
        list.addComponentColumn(ConversationList::unread)
                .setHeader("Unread")
                .setAutoWidth(true)
                .setFlexGrow(0);
        list.setEmptyStateText("No conversations here.");
        list.addItemClickListener(click -> {
            // A live update may have replaced the rows under the click: then it names no item.
            if (click.getItem() != null) {
                opened.accept(click.getItem().conversation().id());
            }
        });
        list.addClassName("inbox-list");
    }

    /** The tabs choosing the state shown; they sit above the list and the conversation both. */
    Tabs states() {
        return tabs;
    }

    void refresh() {
        Map<ConversationState, Integer> counts = conversations.countByState(tenant);
        stateTabs.forEach(
                (state, tab) -> tab.setLabel(InboxLabels.state(state) + " (" + counts.getOrDefault(state, 0) + ")"));
        ConversationState state = tabStates.get(tabs.getSelectedTab());
        getContent().setItems(conversations.inbox(tenant, state, 200));
    }

    private static Div summary(InboxItem item) {
        Conversation conversation = item.conversation();
        Span who = new Span(InboxLabels.customer(conversation.customer()));
        who.getStyle().set("font-weight", "600");
        Span state = new Span(InboxLabels.state(conversation.state()));
        state.getElement().getThemeList().add("badge small" + badgeTheme(conversation.state()));
        Span when = new Span(InboxLabels.time(conversation.lastActivityAt()));
        when.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        HorizontalLayout top = new HorizontalLayout(who, state, when);
        top.setAlignItems(Alignment.BASELINE);
        top.setSpacing(true);
        // A narrow list puts the time under the name rather than cutting it off.
        top.setWrap(true);
        Div preview = new Div(item.lastMessage() == null ? "" : item.lastMessage());
        preview.addClassName("inbox-preview");
        Div summary = new Div(top, preview);
        summary.addClassName("inbox-item");
        if (conversation.handoffReason() != null && conversation.state() != ConversationState.BOT) {
            Span reason = new Span(HandoffReasons.describe(conversation.handoffReason()));
            reason.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-error-text-color)");
            summary.add(reason);
        }
        return summary;
    }

    private static String badgeTheme(ConversationState state) {
        return switch (state) {
            case NEEDS_HUMAN -> " error";
            case WITH_AGENT -> " success";
            case BOT -> "";
            case CLOSED -> " contrast";
        };
    }

    private static Span unread(InboxItem item) {
        Span count = new Span(item.unread() == 0 ? "" : Integer.toString(item.unread()));
        if (item.unread() > 0) {
            count.getElement().getThemeList().add("badge pill primary");
            count.addClassName("unread");
            count.getElement()
                    .setAttribute(
                            "title",
                            item.unread() + " unread from "
                                    + Optional.ofNullable(item.conversation().customer())
                                            .orElse("anonymous"));
        }
        return count;
    }
}
