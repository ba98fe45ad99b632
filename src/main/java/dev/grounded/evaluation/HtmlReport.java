package dev.grounded.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * An evaluation run as one self-contained HTML page: the metrics as bar charts (overall, per tag, per language), the
 * latency distribution, and every case with its question, answer, sources and verdict. Charts are inline SVG drawn
 * here, so the page needs no script, font or network. Every text from the run (answers may quote injected documents)
 * is escaped.
 */
public final class HtmlReport {

    /** Metrics between 0 and 1 drawn as bars, in this order. */
    private static final List<String> RATES = List.of(
            "hit@1",
            "hit@5",
            "mrr@10",
            "ndcg@10",
            "recall@10",
            "answer_rate",
            "false_refusal",
            "refusal_correct",
            "answer_f1",
            "answer_correctness",
            "faithfulness",
            "answer_relevancy",
            "language_match",
            "handoff_precision",
            "handoff_recall",
            "handoff_f1",
            "handoff_reason_accuracy",
            "degraded_rate");

    private static final List<String> GROUP_RATES =
            List.of("hit@5", "answer_rate", "refusal_correct", "handoff_f1", "answer_f1");

    private HtmlReport() {}

    public static String render(String runId, EvalReport report) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Evaluation ")
                .append(e(report.dataset()))
                .append(" · ")
                .append(e(report.tenant()))
                .append("</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1f2933}")
                .append("h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
                .append("table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e4e7eb;")
                .append("padding:4px 6px;text-align:left;vertical-align:top}")
                .append(
                        ".miss{background:#fff1f0}.met{background:#f0fff4}.num{text-align:right}.unsupported{color:#b42318}")
                .append("svg text{font:12px system-ui,sans-serif}.muted{color:#616e7c}")
                .append("</style></head><body>");
        html.append("<h1>Evaluation of ")
                .append(e(report.dataset()))
                .append(" on tenant ")
                .append(e(report.tenant()))
                .append("</h1><p class=\"muted\">Run ")
                .append(e(runId))
                .append(" · dataset version ")
                .append(e(report.datasetVersion()))
                .append(" · ")
                .append(report.results().size())
                .append(" cases · providers ")
                .append(e(report.providers().toString()))
                .append("</p>");
        report.methods().forEach((metric, method) -> html.append("<p class=\"muted\">")
                .append(e(metric))
                .append(": ")
                .append(e(method))
                .append("</p>"));
        for (String note : report.notes()) {
            html.append("<p class=\"muted\">Note: ").append(e(note)).append("</p>");
        }

        html.append("<h2>Metrics</h2>").append(bars("overall", report.metrics(), RATES));
        html.append("<h2>Per tag</h2>");
        report.byTag().forEach((tag, metrics) -> html.append(bars("tag " + tag, metrics, GROUP_RATES)));
        html.append("<h2>Per language</h2>");
        report.byLanguage()
                .forEach((language, metrics) -> html.append(bars("language " + language, metrics, GROUP_RATES)));
        html.append("<h2>Latency</h2>").append(latencies(report));

        html.append("<h2>Cases</h2><table id=\"cases\"><tr><th>case</th><th>expected</th><th>outcome</th>")
                .append(
                        "<th>question</th><th>answer</th><th>sources</th><th>scores</th><th class=\"num\">ms</th></tr>");
        for (CaseResult result : report.results()) {
            EvalCase evalCase = result.evalCase();
            html.append("<tr class=\"")
                    .append(result.metExpectation() ? "met" : "miss")
                    .append("\"><td>")
                    .append(e(evalCase.id()))
                    .append("<br><span class=\"muted\">")
                    .append(e(String.join(", ", evalCase.tags())))
                    .append("</span></td><td>")
                    .append(e(evalCase.expect().code()))
                    .append("</td><td>")
                    .append(e(result.outcome()))
                    .append(result.handoffReason() == null ? "" : " (" + e(result.handoffReason()) + ")")
                    .append("<br><span class=\"muted\">")
                    .append(e(result.provider()))
                    .append(result.degraded() ? ", degraded" : "")
                    .append("</span></td><td>")
                    .append(e(evalCase.question()))
                    .append("</td><td>")
                    .append(e(result.answer() == null ? "(silent)" : result.answer()))
                    .append("</td><td>")
                    .append(e(String.join("; ", result.sources())))
                    .append("</td><td>")
                    .append(scores(result))
                    .append("</td><td class=\"num\">")
                    .append(result.latencyMs())
                    .append("</td></tr>");
        }
        html.append("</table></body></html>");
        return html.toString();
    }

    /** The answer's scores, the judge's reason and the claims the passages do not support, escaped. */
    private static String scores(CaseResult result) {
        CaseResult.Judgement judgement = result.judgement();
        if (judgement == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (result.answer() != null && result.evalCase().expectedAnswer() != null) {
            parts.add(String.format(
                    Locale.ROOT,
                    "F1 %.2f",
                    EvalMetrics.tokenF1(result.answer(), result.evalCase().expectedAnswer())));
        }
        if (judgement.correctness() != null) {
            parts.add(String.format(Locale.ROOT, "correct %.2f", judgement.correctness()));
        }
        if (judgement.faithfulness() != null) {
            parts.add(String.format(Locale.ROOT, "faithful %.2f", judgement.faithfulness()));
        }
        if (judgement.relevancy() != null) {
            parts.add(String.format(Locale.ROOT, "relevant %.2f", judgement.relevancy()));
        }
        StringBuilder html = new StringBuilder(e(String.join(" · ", parts)));
        if (judgement.correctnessReason() != null) {
            html.append("<br><span class=\"muted\">")
                    .append(e(judgement.correctnessReason()))
                    .append("</span>");
        }
        for (String claim : judgement.unsupported()) {
            html.append("<br><span class=\"unsupported\">unsupported: ")
                    .append(e(claim))
                    .append("</span>");
        }
        if (judgement.error() != null) {
            html.append("<br><span class=\"muted\">")
                    .append(e(judgement.error()))
                    .append("</span>");
        }
        return html.toString();
    }

    /** Horizontal bars, one per rate the metrics have, scaled to 0..1. */
    private static String bars(String title, Map<String, Double> metrics, List<String> names) {
        List<String> present = names.stream().filter(metrics::containsKey).toList();
        int rowHeight = 20;
        int labelWidth = 260;
        int barWidth = 320;
        int height = 24 + rowHeight * present.size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" width=\"")
                .append(labelWidth + barWidth + 60)
                .append("\" height=\"")
                .append(height)
                .append("\"><title>")
                .append(e(title))
                .append("</title><text x=\"0\" y=\"14\" font-weight=\"600\">")
                .append(e(title))
                .append(" (")
                .append(String.format(Locale.ROOT, "%.0f", metrics.getOrDefault("cases", 0.0)))
                .append(" cases)</text>");
        for (int i = 0; i < present.size(); i++) {
            String name = present.get(i);
            double value = Math.max(0, Math.min(1, metrics.get(name)));
            int y = 24 + i * rowHeight;
            svg.append("<text x=\"0\" y=\"")
                    .append(y + 13)
                    .append("\"><title>")
                    .append(e(MetricNames.explanation(name)))
                    .append("</title>")
                    .append(e(MetricNames.label(name)))
                    .append("</text><rect class=\"bar\" x=\"")
                    .append(labelWidth)
                    .append("\" y=\"")
                    .append(y + 2)
                    .append("\" height=\"14\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", value * barWidth))
                    .append("\" fill=\"")
                    .append(name.equals("false_refusal") || name.equals("degraded_rate") ? "#e3795b" : "#3e7cb1")
                    .append("\"><title>")
                    .append(e(MetricNames.explanation(name)))
                    .append(String.format(Locale.ROOT, " %.3f", metrics.get(name)))
                    .append("</title></rect><text x=\"")
                    .append(labelWidth + barWidth + 6)
                    .append("\" y=\"")
                    .append(y + 13)
                    .append("\">")
                    .append(String.format(Locale.ROOT, "%.3f", metrics.get(name)))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** A histogram of the cases' total latency in ten buckets, with p50/p95 from the metrics. */
    private static String latencies(EvalReport report) {
        List<Long> values =
                report.results().stream().map(CaseResult::latencyMs).sorted().toList();
        if (values.isEmpty()) {
            return "<p>No cases.</p>";
        }
        long max = Math.max(1, values.getLast());
        int buckets = 10;
        int[] counts = new int[buckets];
        for (long value : values) {
            counts[(int) Math.min(buckets - 1, value * buckets / (max + 1))]++;
        }
        int tallest = Arrays.stream(counts).max().orElse(1);
        int width = 40;
        int height = 120;
        StringBuilder svg = new StringBuilder("<svg class=\"chart\" id=\"latency\" role=\"img\" width=\"")
                .append(buckets * width + 20)
                .append("\" height=\"")
                .append(height + 40)
                .append("\"><title>latency distribution</title>");
        for (int i = 0; i < buckets; i++) {
            int barHeight = (int) Math.round((double) counts[i] / tallest * height);
            svg.append("<rect class=\"bar\" x=\"")
                    .append(i * width + 2)
                    .append("\" y=\"")
                    .append(height - barHeight + 4)
                    .append("\" width=\"")
                    .append(width - 4)
                    .append("\" height=\"")
                    .append(barHeight)
                    .append("\" fill=\"#3e7cb1\"><title>")
                    .append(counts[i])
                    .append(" cases up to ")
                    .append((i + 1) * (max + 1) / buckets)
                    .append(" ms</title></rect>");
        }
        svg.append("<text x=\"0\" y=\"")
                .append(height + 22)
                .append("\">0 ms</text><text x=\"")
                .append(buckets * width - 60)
                .append("\" y=\"")
                .append(height + 22)
                .append("\">")
                .append(max)
                .append(" ms</text></svg>");
        Map<String, Double> m = report.metrics();
        return svg
                + String.format(
                        Locale.ROOT,
                        "<p>p50 %.0f ms · p95 %.0f ms · p99 %.0f ms</p>",
                        m.getOrDefault("latency_p50_ms", 0.0),
                        m.getOrDefault("latency_p95_ms", 0.0),
                        m.getOrDefault("latency_p99_ms", 0.0));
    }

    private static String e(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
