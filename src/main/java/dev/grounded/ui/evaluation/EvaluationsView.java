package dev.grounded.ui.evaluation;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.grounded.evaluation.CaseResult;
import dev.grounded.evaluation.EvalCase;
import dev.grounded.evaluation.EvalDataset;
import dev.grounded.evaluation.EvaluationDatasets;
import dev.grounded.evaluation.EvaluationDatasets.DatasetSummary;
import dev.grounded.evaluation.EvaluationRuns;
import dev.grounded.evaluation.EvaluationRuns.Comparison;
import dev.grounded.evaluation.EvaluationRuns.RunSummary;
import dev.grounded.evaluation.EvaluationRuns.StoredRun;
import dev.grounded.evaluation.MetricNames;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.Notifications;
import dev.grounded.ui.PollWhileBusy;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.web.util.HtmlUtils;

/**
 * QA's evaluations: datasets uploaded and read case by case, runs started and followed with a progress bar, a run's
 * metrics as a chart with its per-case table, and two runs compared.
 */
@Route("evaluations")
@PageTitle("Evaluations · Grounded")
@PermitAll
public class EvaluationsView extends VerticalLayout {

    private static final int POLL_MILLIS = 1_000;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(Locale.UK);

    private final EvaluationDatasets datasets;
    private final EvaluationRuns runs;
    private final TenantId tenant;
    private final boolean evaluates;
    private final Grid<DatasetSummary> datasetGrid = new Grid<>();
    private final Grid<RunSummary> runGrid = new Grid<>();
    private final Select<RunSummary> base = new Select<>();
    private final Select<RunSummary> candidate = new Select<>();
    private final VerticalLayout detail = new VerticalLayout();
    private final PollWhileBusy polling = new PollWhileBusy(this, POLL_MILLIS, this::refresh);

    public EvaluationsView(EvaluationDatasets datasets, EvaluationRuns runs, CurrentTenant currentTenant) {
        this.datasets = datasets;
        this.runs = runs;
        this.tenant = currentTenant.id();
        this.evaluates = currentTenant.may(Permission.RUN_EVALUATIONS);

        Upload upload = new Upload(UploadHandler.inMemory((file, content) -> store(file.fileName(), content)));
        upload.setId("dataset-upload");
        upload.setVisible(evaluates);
        upload.setAcceptedFileTypes(".csv", ".jsonl", ".json", ".ndjson");
        upload.setMaxFileSize(10 * 1024 * 1024);
        upload.addFileRejectedListener(Notifications::rejected);
        upload.setDropLabel(new Span("Drop a dataset here: CSV with columns "
                + String.join(", ", EvalDataset.CSV_COLUMNS) + ", or JSON lines with the same fields"));

        datasetGrid.setId("datasets");
        datasetGrid.addColumn(DatasetSummary::name).setHeader("Dataset").setFlexGrow(2);
        datasetGrid.addColumn(DatasetSummary::cases).setHeader("Cases").setAutoWidth(true);
        datasetGrid
                .addColumn(d -> d.version().substring(0, Math.min(8, d.version().length())))
                .setHeader("Version")
                .setAutoWidth(true);
        datasetGrid.addColumn(d -> time(d.updatedAt())).setHeader("Updated").setAutoWidth(true);
        datasetGrid.addComponentColumn(this::datasetActions).setAutoWidth(true).setFlexGrow(0);
        datasetGrid.setEmptyStateText("No datasets yet: upload one above.");
        datasetGrid.setAllRowsVisible(true);
        datasetGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);

        runGrid.setId("runs");
        runGrid.addColumn(RunSummary::dataset).setHeader("Dataset").setFlexGrow(2);
        runGrid.addComponentColumn(EvaluationsView::progress)
                .setHeader("Status")
                .setFlexGrow(2);
        runGrid.addColumn(r -> time(r.createdAt())).setHeader("Started").setAutoWidth(true);
        runGrid.addColumn(r -> headline(r.metrics())).setHeader("Answer rate").setAutoWidth(true);
        runGrid.setEmptyStateText("No runs yet: start one from a dataset.");
        runGrid.setAllRowsVisible(true);
        // A phone's narrow columns wrap their text rather than cut it.
        runGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        runGrid.addItemClickListener(click -> showRun(click.getItem()));

        base.setId("compare-base");
        base.setLabel("Compare");
        candidate.setId("compare-candidate");
        candidate.setLabel("with");
        for (Select<RunSummary> select : List.of(base, candidate)) {
            select.setItemLabelGenerator(r -> r.dataset() + " · " + time(r.createdAt()));
            select.setEmptySelectionAllowed(false);
            // A run is named by its dataset and time: wide enough for both, the row's width on a phone.
            select.setWidth("22em");
            select.getStyle().set("max-width", "100%");
        }
        Button compare = new Button("Compare", click -> compare());
        compare.setId("compare");
        HorizontalLayout comparing = new HorizontalLayout(base, candidate, compare);
        comparing.setAlignItems(Alignment.BASELINE);
        comparing.setWrap(true);

        detail.setId("run-detail");
        detail.setPadding(false);

        add(new H2("Evaluations"), upload, new H3("Datasets"), datasetGrid, new H3("Runs"), runGrid, comparing, detail);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        polling.attach(event.getUI());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        polling.detach(event.getUI());
    }

    private void store(String fileName, byte[] content) {
        try {
            DatasetSummary saved = datasets.save(tenant, EvalDataset.parse(fileName, content));
            Notification.show(saved.name() + ": " + saved.cases() + " cases");
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        datasetGrid.setItems(datasets.list(tenant));
        List<RunSummary> all = runs.list(tenant);
        runGrid.setItems(all);
        List<RunSummary> done = all.stream()
                .filter(r -> r.status() == EvaluationRuns.Status.DONE)
                .toList();
        RunSummary chosenBase = base.getValue();
        RunSummary chosenCandidate = candidate.getValue();
        base.setItems(done);
        candidate.setItems(done);
        reselect(base, chosenBase, done);
        reselect(candidate, chosenCandidate, done);
        // Poll only while a run is under way, so its progress moves without a reload.
        boolean busy = all.stream().anyMatch(r -> !r.status().finished());
        polling.busy(busy);
    }

    private static void reselect(Select<RunSummary> select, RunSummary previous, List<RunSummary> items) {
        if (previous != null) {
            items.stream().filter(r -> r.id().equals(previous.id())).findFirst().ifPresent(select::setValue);
        }
    }

    private Component datasetActions(DatasetSummary dataset) {
        Button cases = new Button(VaadinIcon.LIST.create(), click -> showCases(dataset));
        cases.setAriaLabel("Cases of " + dataset.name());
        cases.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button run = new Button("Run", VaadinIcon.PLAY.create(), click -> {
            try {
                runs.start(tenant, dataset.name());
                Notification.show("Run of " + dataset.name() + " started");
            } catch (IllegalArgumentException | IllegalStateException e) {
                Notifications.error(e.getMessage());
            }
            refresh();
        });
        run.setAriaLabel("Run " + dataset.name());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        run.setVisible(evaluates);
        Button delete = new Button(
                VaadinIcon.TRASH.create(),
                click -> Confirm.destructive(
                        "Delete the dataset " + dataset.name() + "?",
                        "Its cases are deleted; its runs and their reports stay.",
                        "Delete",
                        () -> {
                            try {
                                datasets.delete(tenant, dataset.name());
                                Notification.show("Dataset " + dataset.name() + " deleted");
                            } catch (IllegalArgumentException | IllegalStateException e) {
                                Notifications.error(e.getMessage());
                            }
                            refresh();
                        }));
        delete.setAriaLabel("Delete " + dataset.name());
        delete.setTooltipText("Delete");
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setVisible(evaluates);
        HorizontalLayout actions = new HorizontalLayout(cases, run, delete);
        actions.setSpacing(false);
        actions.setAlignItems(Alignment.CENTER);
        return actions;
    }

    private void showCases(DatasetSummary summary) {
        Optional<EvalDataset> dataset = datasets.find(tenant, summary.name());
        if (dataset.isEmpty()) {
            Notifications.error("The dataset " + summary.name() + " was deleted");
            refresh();
            return;
        }
        Grid<EvalCase> cases = new Grid<>();
        cases.setId("dataset-cases");
        cases.addColumn(EvalCase::id).setHeader("Case").setAutoWidth(true);
        cases.addColumn(EvalCase::question).setHeader("Question").setFlexGrow(3);
        cases.addColumn(EvalCase::expect).setHeader("Expect").setAutoWidth(true);
        cases.addColumn(c -> String.join(", ", c.expectedSources()))
                .setHeader("Sources")
                .setFlexGrow(2);
        cases.addColumn(c -> String.join(", ", c.tags())).setHeader("Tags").setAutoWidth(true);
        cases.setItems(dataset.get().cases());
        cases.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        Dialog dialog = new Dialog(cases);
        dialog.setHeaderTitle(summary.name() + " · " + summary.cases() + " cases");
        dialog.setWidth("min(1000px, 95vw)");
        dialog.setHeight("80vh");
        Button close = new Button("Close", click -> dialog.close());
        close.setId("dataset-cases-close");
        dialog.getFooter().add(close);
        dialog.open();
    }

    private static Component progress(RunSummary run) {
        Span label = new Span(status(run));
        if (run.status().finished()) {
            return label;
        }
        ProgressBar bar = new ProgressBar(0, Math.max(1, run.casesTotal()), run.casesDone());
        bar.setWidth("8rem");
        HorizontalLayout cell = new HorizontalLayout(bar, label);
        cell.setAlignItems(Alignment.CENTER);
        return cell;
    }

    private static String status(RunSummary run) {
        return switch (run.status()) {
            case QUEUED -> "Queued";
            case RUNNING -> "Running " + run.casesDone() + "/" + run.casesTotal();
            case DONE -> "Done · " + run.casesTotal() + " cases";
            case FAILED -> "Failed: " + run.error();
            case CANCELLED -> "Cancelled";
        };
    }

    /** The share of answerable questions answered, the one figure a list of runs can show. */
    private static String headline(Map<String, Double> metrics) {
        if (metrics == null || metrics.get("answer_rate") == null) {
            return "";
        }
        return percent(metrics.get("answer_rate"));
    }

    private void showRun(RunSummary summary) {
        detail.removeAll();
        Optional<StoredRun> found = runs.find(tenant, summary.id());
        if (found.isEmpty()) {
            return;
        }
        StoredRun run = found.get();
        detail.add(new H3("Run of " + summary.dataset() + " · " + status(summary)));
        if (run.report() == null) {
            detail.add(new Paragraph("Its metrics show when it is done."));
            return;
        }
        detail.add(chart(run.report().metrics()));
        Grid<CaseResult> cases = new Grid<>();
        cases.setId("run-cases");
        cases.addColumn(r -> r.evalCase().id()).setHeader("Case").setAutoWidth(true);
        cases.addColumn(r -> r.evalCase().question()).setHeader("Question").setFlexGrow(3);
        cases.addColumn(CaseResult::outcome).setHeader("Outcome").setAutoWidth(true);
        cases.addColumn(r -> r.provider() + (r.degraded() ? " (degraded)" : ""))
                .setHeader("Provider")
                .setAutoWidth(true);
        cases.addColumn(r -> r.latencyMs() + " ms").setHeader("Latency").setAutoWidth(true);
        cases.addColumn(r -> Objects.requireNonNullElse(r.answer(), ""))
                .setHeader("Answer")
                .setFlexGrow(4);
        cases.setItems(run.report().results());
        cases.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        cases.setAllRowsVisible(true);
        detail.add(cases);
    }

    /** The run's rates (0 to 1) as horizontal bars, server-rendered SVG; other figures (milliseconds) as text. */
    static Component chart(Map<String, Double> metrics) {
        Map<String, Double> sorted = new TreeMap<>(metrics);
        StringBuilder bars = new StringBuilder();
        StringBuilder others = new StringBuilder();
        int row = 0;
        for (Map.Entry<String, Double> metric : sorted.entrySet()) {
            Double value = metric.getValue();
            if (value == null) {
                continue;
            }
            String name = HtmlUtils.htmlEscape(MetricNames.label(metric.getKey()));
            if (!MetricNames.isRate(metric.getKey())) {
                others.append(name)
                        .append(": ")
                        .append(String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.1f", value))
                        .append(" · ");
                continue;
            }
            int y = row++ * 24;
            bars.append(String.format(
                    Locale.ROOT,
                    "<g><title>%s</title><text x='0' y='%d' font-size='12' fill='currentColor'>%s</text>"
                            + "<rect x='250' y='%d' width='300' height='14' fill='var(--lumo-contrast-10pct)'/>"
                            + "<rect x='250' y='%d' width='%.1f' height='14' fill='var(--lumo-primary-color)'/>"
                            + "<text x='558' y='%d' font-size='12' fill='currentColor'>%s</text></g>",
                    HtmlUtils.htmlEscape(MetricNames.explanation(metric.getKey())),
                    y + 12,
                    name,
                    y,
                    y,
                    300 * value,
                    y + 12,
                    percent(value)));
        }
        Div chart = new Div();
        chart.setId("run-metrics");
        if (row > 0) {
            chart.add(Svg.chart("<svg role='img' aria-label='Metrics of the run' viewBox='0 0 610 " + row * 24
                    + "' style='max-width: 610px; width: 100%'>" + bars + "</svg>"));
        }
        if (!others.isEmpty()) {
            chart.add(new Paragraph(others.substring(0, others.length() - 3)));
        }
        chart.add(glossary(sorted.keySet()));
        return chart;
    }

    /** What the metrics shown mean, folded away below them. */
    private static Details glossary(java.util.Collection<String> keys) {
        UnorderedList list = new UnorderedList();
        for (String key : keys) {
            list.add(new ListItem(MetricNames.label(key) + ": " + MetricNames.explanation(key)));
        }
        Details details = new Details("What these figures mean", list);
        details.addClassName("metric-glossary");
        return details;
    }

    private void compare() {
        if (base.getValue() == null || candidate.getValue() == null) {
            Notifications.error("Choose two finished runs to compare");
            return;
        }
        try {
            Optional<Comparison> comparison = runs.compare(
                    tenant, base.getValue().id(), candidate.getValue().id());
            comparison.ifPresent(this::showComparison);
        } catch (IllegalArgumentException | IllegalStateException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void showComparison(Comparison comparison) {
        detail.removeAll();
        detail.add(new H3("Comparison"));
        if (!comparison.sameDataset()) {
            detail.add(new Paragraph(
                    "The runs ran different versions of the dataset: the deltas compare different" + " questions."));
        }
        if (!comparison.sameKnowledge()) {
            detail.add(new Paragraph("The knowledge changed between the runs."));
        }
        Grid<Map.Entry<String, EvaluationRuns.Delta>> deltas = new Grid<>();
        deltas.setId("comparison");
        deltas.addComponentColumn(e -> {
                    Span name = new Span(MetricNames.label(e.getKey()));
                    name.setTitle(MetricNames.explanation(e.getKey()));
                    return name;
                })
                .setHeader("Metric")
                .setFlexGrow(2);
        deltas.addColumn(e -> figure(e.getKey(), e.getValue().base())).setHeader("Base");
        deltas.addColumn(e -> figure(e.getKey(), e.getValue().candidate())).setHeader("Candidate");
        deltas.addComponentColumn(e -> change(e.getKey(), e.getValue().change()))
                .setHeader("Change");
        deltas.setItems(new TreeMap<>(comparison.metrics()).entrySet());
        deltas.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        deltas.setAllRowsVisible(true);
        detail.add(deltas);
        if (!comparison.flipped().isEmpty()) {
            Grid<EvaluationRuns.Flip> flips = new Grid<>();
            flips.addColumn(EvaluationRuns.Flip::caseId).setHeader("Case").setAutoWidth(true);
            flips.addColumn(EvaluationRuns.Flip::question).setHeader("Question").setFlexGrow(3);
            flips.addColumn(f -> f.fixed() ? "Fixed" : "Broken").setHeader("").setAutoWidth(true);
            flips.setItems(comparison.flipped());
            flips.setAllRowsVisible(true);
            detail.add(new Span("Cases that changed"), flips);
        }
    }

    /** A metric's value as it reads: shares as percentages, counts and milliseconds as whole numbers. */
    static String figure(String key, Double value) {
        if (value == null) {
            return "";
        }
        return MetricNames.isRate(key)
                ? String.format(Locale.ROOT, "%.1f%%", value * 100)
                : String.format(Locale.ROOT, "%.0f", value);
    }

    /** A change, in percentage points for shares, marked as a regression (red) or an improvement (green). */
    static Span change(String key, Double change) {
        if (change == null) {
            return new Span();
        }
        String text = MetricNames.isRate(key)
                ? String.format(Locale.ROOT, "%+.1f pts", change * 100)
                : String.format(Locale.ROOT, "%+.0f", change);
        Span span = new Span(text);
        int direction = MetricNames.direction(key, Math.abs(change) < 1e-9 ? 0 : change);
        if (direction < 0) {
            span.addClassName("regression");
            span.setText(text + " ▼ worse");
        } else if (direction > 0) {
            span.addClassName("improvement");
            span.setText(text + " ▲ better");
        }
        return span;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.0f%%", value * 100);
    }

    private static String time(java.time.Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }
}
