package dev.grounded.ui.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.grounded.conversation.ConversationInsights;
import dev.grounded.conversation.ConversationStats;
import dev.grounded.conversation.ConversationStats.Day;
import dev.grounded.conversation.ConversationStats.Gap;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.llm.ChatProviders;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantSettingsService;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.HandoffReasons;
import dev.grounded.ui.NoProviderNotice;
import dev.grounded.ui.knowledge.QuickReplyEditor;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.HtmlUtils;

/**
 * How the bot served the tenant's customers over the last days: messages per day, answer, quick-reply, handoff and
 * degraded rates, reply latency, handoffs by reason, and the questions the knowledge did not answer, each one a
 * click away from a quick reply that answers it next time.
 */
@Route("dashboard")
@PageTitle("Dashboard · Grounded")
@PermitAll
public class DashboardView extends VerticalLayout {

    static final int TOP_GAPS = 10;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter ASKED = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final ConversationInsights insights;
    private final TenantSettingsService settings;
    private final QuickReplyEditor quickReplyEditor;
    private final Clock clock;
    private final TenantId tenant;
    private final Select<Integer> period = new Select<>();
    private final Paragraph scope = new Paragraph();
    private final Div figures = new Div();
    private final Div daily = new Div();
    private final Div handoffs = new Div();
    private final Grid<Gap> gaps = new Grid<>(Gap.class, false);
    /** Questions answered by a quick reply added from this page. */
    private final Set<Gap> covered = new HashSet<>();

    private ZoneId zone;

    public DashboardView(
            ConversationInsights insights,
            TenantSettingsService settings,
            QuickReplyService quickReplies,
            Clock clock,
            CurrentTenant currentTenant,
            ChatProviders providers) {
        this.insights = insights;
        this.settings = settings;
        this.clock = clock;
        this.tenant = currentTenant.id();
        this.quickReplyEditor = new QuickReplyEditor(quickReplies, tenant);

        period.setId("dashboard-period");
        period.setAriaLabel("Period");
        period.setItems(7, 30, 90);
        period.setItemLabelGenerator(days -> "Last " + days + " days");
        period.setValue(7);
        period.addValueChangeListener(change -> refresh());
        Button reload = new Button(VaadinIcon.REFRESH.create(), click -> refresh());
        reload.setAriaLabel("Refresh");
        reload.setTooltipText("Refresh");
        reload.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY);
        period.setWidth("11em");
        H2 title = new H2("Dashboard");
        HorizontalLayout controls = new HorizontalLayout(period, reload);
        controls.setSpacing(false);
        controls.setAlignItems(Alignment.CENTER);
        HorizontalLayout header = new HorizontalLayout(title, controls);
        header.setWidthFull();
        header.setAlignItems(Alignment.CENTER);
        header.setWrap(true);
        header.expand(title);

        scope.setId("dashboard-scope");
        scope.addClassName("hint");
        figures.setId("dashboard-figures");
        figures.addClassName("kpis");
        daily.setId("dashboard-daily");
        handoffs.setId("dashboard-handoffs");
        configureGaps();

        add(header);
        NoProviderNotice.when(providers, "dashboard-no-provider").ifPresent(this::add);
        add(
                scope,
                figures,
                new H3("Messages per day"),
                daily,
                new H3("Handoffs by reason"),
                handoffs,
                new H3("Top unanswered questions"),
                new Paragraph("What customers asked that the knowledge did not answer: add a quick reply, or a"
                        + " document, so the bot answers it next time."),
                gaps);
        refresh();
    }

    private void configureGaps() {
        gaps.setId("dashboard-gaps");
        gaps.addComponentColumn(this::question).setHeader("Question").setFlexGrow(1);
        gaps.addComponentColumn(this::addQuickReply).setAutoWidth(true).setFlexGrow(0);
        gaps.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        gaps.setEmptyStateText("No unanswered questions in this period.");
        gaps.setAllRowsVisible(true);
    }

    /** The question as last asked, and how often and when: one column, so that a phone has room for it. */
    private Component question(Gap gap) {
        Span asked = new Span((gap.times() == 1 ? "Asked once" : "Asked " + gap.times() + " times") + " · last "
                + ASKED.format(gap.lastAsked().atZone(zone)));
        asked.addClassName("kpi-detail");
        Div cell = new Div(new Span(gap.question()), asked);
        cell.addClassName("gap");
        return cell;
    }

    private Component addQuickReply(Gap gap) {
        if (covered.contains(gap)) {
            Span added = new Span(VaadinIcon.CHECK.create(), new Span(" Quick reply added"));
            added.addClassName("added");
            return added;
        }
        Button add = new Button(
                "Add a quick reply",
                VaadinIcon.PLUS.create(),
                click -> quickReplyEditor.create(
                        new QuickReplyDraft(gap.question(), "", gap.language(), List.of()), saved -> {
                            covered.add(gap);
                            gaps.getDataProvider().refreshItem(gap);
                        }));
        add.addThemeVariants(ButtonVariant.LUMO_SMALL);
        add.setAriaLabel("Add a quick reply for " + gap.question());
        return add;
    }

    private void refresh() {
        zone = ZoneId.of(settings.get(tenant).hours().timezone());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        ConversationStats stats =
                insights.stats(tenant, zone, today.minusDays(period.getValue() - 1L), today, TOP_GAPS);
        scope.setText("Conversations with customers on WhatsApp and the API, " + DAY.format(stats.from()) + " to "
                + DAY.format(stats.to()) + " (" + zone.getId() + "). The Playground and evaluation runs are not"
                + " counted.");
        showFigures(stats);
        daily.removeAll();
        daily.add(
                stats.customerMessages() == 0
                        ? new Paragraph("No customer messages in this period.")
                        : new Html(dailyChart(stats.days())));
        handoffs.removeAll();
        handoffs.add(
                stats.handoffs().isEmpty()
                        ? new Paragraph("No handoffs in this period.")
                        : new Html(reasonChart(stats.handoffs(), stats.replies().total())));
        gaps.setItems(stats.gaps());
    }

    private void showFigures(ConversationStats stats) {
        ConversationStats.Replies replies = stats.replies();
        figures.removeAll();
        figures.add(
                figure(
                        "kpi-messages",
                        "Customer messages",
                        Long.toString(stats.customerMessages()),
                        replies.total() + " replies"),
                figure(
                        "kpi-answer-rate",
                        "Answer rate",
                        percent(replies.answerRate(), replies.total()),
                        "answered from the knowledge"),
                figure(
                        "kpi-quick-reply-rate",
                        "Quick replies",
                        percent(replies.quickReplyRate(), replies.total()),
                        replies.quickReplies() + " replies"),
                figure(
                        "kpi-handoff-rate",
                        "Handoffs",
                        percent(replies.handoffRate(), replies.total()),
                        replies.handedOff() + " to a person"),
                figure(
                        "kpi-degraded",
                        "Degraded",
                        percent(replies.degradedRate(), replies.total()),
                        replies.degraded() + " without an AI provider"),
                figure("kpi-latency", "Reply time p50 / p95", latency(stats.latency()), "from message to reply"),
                figure(
                        "kpi-to-person",
                        "Time to a person p50 / p95",
                        waits(stats.toPerson()),
                        stats.toPerson().handoffs() == 0
                                ? "no handoffs"
                                : stats.toPerson().answered() + " of "
                                        + stats.toPerson().handoffs()
                                        + (stats.toPerson().handoffs() == 1 ? " handoff" : " handoffs")
                                        + " answered by an agent"));
    }

    private static Component figure(String id, String label, String value, String detail) {
        Span name = new Span(label);
        name.addClassName("kpi-label");
        Span figure = new Span(value);
        figure.addClassName("kpi-value");
        Span more = new Span(detail);
        more.addClassName("kpi-detail");
        Div kpi = new Div(name, figure, more);
        kpi.setId(id);
        kpi.addClassName("kpi");
        return kpi;
    }

    private static String percent(double share, long of) {
        return of == 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** Both percentiles in one unit: milliseconds while the slower one is under a second. */
    private static String latency(ConversationStats.Latency latency) {
        if (latency.p50Ms() == null) {
            return "–";
        }
        if (latency.p95Ms() < 1000) {
            return latency.p50Ms() + " / " + latency.p95Ms() + " ms";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f s", latency.p50Ms() / 1000.0, latency.p95Ms() / 1000.0);
    }

    /** Both percentiles in one unit: seconds under two minutes, minutes under two hours, else hours. */
    static String waits(ConversationStats.ToPerson toPerson) {
        if (toPerson.p50Seconds() == null) {
            return "–";
        }
        long p95 = toPerson.p95Seconds();
        if (p95 < 120) {
            return toPerson.p50Seconds() + " / " + p95 + " s";
        }
        if (p95 < 7200) {
            return String.format(Locale.ROOT, "%.0f / %.0f min", toPerson.p50Seconds() / 60.0, p95 / 60.0);
        }
        return String.format(Locale.ROOT, "%.1f / %.1f h", toPerson.p50Seconds() / 3600.0, p95 / 3600.0);
    }

    /**
     * Customer messages per day as columns, each day's handoffs at its foot, a tooltip per day. The SVG holds only the
     * columns and stretches to any width; the labels around it are HTML, so they stay readable on a phone.
     */
    static String dailyChart(List<Day> days) {
        long max =
                Math.max(1, days.stream().mapToLong(Day::customerMessages).max().orElse(1));
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            Day day = days.get(i);
            double total = 100.0 * day.customerMessages() / max;
            double handedOff = 100.0 * Math.min(day.handoffs(), day.customerMessages()) / max;
            columns.append(String.format(
                    Locale.ROOT,
                    "<g><title>%s: %d customer messages, %d replies, %d handed over</title>"
                            + "<rect x='%.2f' y='%.2f' width='0.7' height='%.2f' fill='var(--lumo-primary-color)'/>"
                            + "<rect x='%.2f' y='%.2f' width='0.7' height='%.2f' fill='var(--lumo-error-color)'/>"
                            + "<rect x='%d' y='0' width='1' height='100' fill='transparent'/></g>",
                    DAY.format(day.date()),
                    day.customerMessages(),
                    day.replies(),
                    day.handoffs(),
                    i + 0.15,
                    100 - total,
                    total,
                    i + 0.15,
                    100 - handedOff,
                    handedOff,
                    i));
        }
        StringBuilder dates = new StringBuilder();
        int every = Math.max(1, (int) Math.ceil(days.size() / 6.0));
        for (int i = 0; i < days.size(); i += every) {
            dates.append(String.format(
                    Locale.ROOT,
                    "<span style='left: %.2f%%'>%s</span>",
                    100.0 * (i + 0.5) / days.size(),
                    DAY.format(days.get(i).date())));
        }
        return "<div class='daily-chart'><span class='chart-max'>" + max + "</span>"
                + "<svg role='img' aria-label='Customer messages per day' viewBox='0 0 " + days.size()
                + " 100' preserveAspectRatio='none'>" + columns + "</svg>"
                + "<div class='chart-dates'>" + dates + "</div>"
                + "<div class='chart-legend'><span class='key messages'></span> customer messages"
                + " <span class='key handoffs'></span> handed to a person</div></div>";
    }

    /** Each reason's handoffs as a bar, with its share of all replies. */
    static String reasonChart(Map<HandoffReason, Long> reasons, long replies) {
        long max = reasons.values().stream().mapToLong(Long::longValue).max().orElse(1);
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<HandoffReason, Long> reason : reasons.entrySet()) {
            rows.append(String.format(
                    Locale.ROOT,
                    "<span class='reason'>%s</span><span class='bar'><span style='width: %.1f%%'></span></span>"
                            + "<span class='count'>%d (%s of replies)</span>",
                    HtmlUtils.htmlEscape(HandoffReasons.describe(reason.getKey())),
                    Math.max(1, 100.0 * reason.getValue() / max),
                    reason.getValue(),
                    percent((double) reason.getValue() / Math.max(1, replies), replies)));
        }
        return "<div class='reason-chart'>" + rows + "</div>";
    }
}
