package dev.grounded.ui.knowledge;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.grounded.reply.ReplyService;
import dev.grounded.reply.RetrievalTest;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.CurrentTenant;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/**
 * What retrieval finds for a question: the fused hits with each leg's rank and score, and the confidence line below
 * which the bot does not use a passage.
 */
@Route("retrieval")
@PageTitle("Retrieval test · Grounded")
@PermitAll
public class RetrievalTestView extends VerticalLayout {

    private final ReplyService replies;
    private final TenantId tenant;
    private final TextField query = new TextField();
    private final Paragraph summary = new Paragraph();
    private final Grid<RetrievedChunk> hits = new Grid<>(RetrievedChunk.class, false);
    private RetrievalTest result;

    public RetrievalTestView(ReplyService replies, CurrentTenant currentTenant) {
        this.replies = replies;
        this.tenant = currentTenant.id();
        setSizeFull();

        query.setId("retrieval-query");
        query.setPlaceholder("A question as a customer would ask it");
        query.setMaxLength(4000);
        query.setWidthFull();
        query.addKeyPressListener(Key.ENTER, enter -> search());
        Button search = new Button("Search", click -> search());
        search.setId("retrieval-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout bar = new HorizontalLayout(query, search);
        bar.setWidthFull();
        bar.setAlignItems(Alignment.BASELINE);
        bar.expand(query);

        summary.setId("retrieval-summary");
        hits.setId("retrieval-hits");
        hits.addColumn(hit -> result.hits().indexOf(hit) + 1)
                .setHeader("#")
                .setFlexGrow(0)
                .setWidth("60px");
        hits.addComponentColumn(this::usable).setHeader("Used").setFlexGrow(0).setWidth("130px");
        hits.addColumn(RetrievalTestView::source).setHeader("Source").setFlexGrow(2);
        hits.addColumn(hit -> leg(hit.keywordRank(), hit.keywordScore()))
                .setHeader("Keyword rank · BM25")
                .setFlexGrow(0)
                .setWidth("170px");
        hits.addColumn(hit -> leg(hit.denseRank(), hit.denseScore()))
                .setHeader("Vector rank · cosine")
                .setFlexGrow(0)
                .setWidth("170px");
        hits.addColumn(hit -> String.format(Locale.ROOT, "%.0f%%", 100 * hit.coverageOrZero()))
                .setHeader("Covers")
                .setTooltipGenerator(hit -> "How much of the question the passage holds (its rarer words)")
                .setFlexGrow(0)
                .setWidth("100px");
        hits.addColumn(hit -> String.format(Locale.ROOT, "%.4f", hit.fusedScore()))
                .setHeader("Fused")
                .setFlexGrow(0)
                .setWidth("100px");
        hits.addColumn(hit -> hit.chunk().getText()).setHeader("Text").setFlexGrow(4);
        hits.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        // The threshold line: the first passage under it gets a rule above it.
        hits.setPartNameGenerator(hit -> firstBelowThreshold(hit) ? "below-threshold" : null);
        hits.setEmptyStateText("Ask a question to see what the bot would read.");
        hits.setSizeFull();

        add(new H2("Retrieval test"), bar, summary, hits);
        expand(hits);
    }

    private void search() {
        String text = query.getValue().strip();
        if (text.isEmpty()) {
            query.setInvalid(true);
            query.setErrorMessage("Type a question first.");
            return;
        }
        query.setInvalid(false);
        result = replies.testRetrieval(tenant, text);
        long usable = result.hits().stream().filter(result::usable).count();
        summary.setText(String.format(
                Locale.ROOT,
                "%d passages found; %d at or above the confidence threshold %.2f (cosine similarity; in a language the"
                        + " embedding model does not read, how much of the question a passage holds) that the bot"
                        + " answers from.%s",
                result.hits().size(),
                usable,
                result.threshold(),
                usable == 0 ? " Nothing clears it: the bot would say it does not know, or hand over." : ""));
        hits.setItems(result.hits());
        hits.setEmptyStateText("Nothing in the knowledge matches.");
    }

    private boolean firstBelowThreshold(RetrievedChunk hit) {
        if (result == null || result.usable(hit)) {
            return false;
        }
        int index = result.hits().indexOf(hit);
        return index > 0 && result.usable(result.hits().get(index - 1));
    }

    private Span usable(RetrievedChunk hit) {
        boolean used = result.usable(hit);
        Span badge = new Span(used ? "Above line" : "Below line");
        badge.getElement().getThemeList().add(used ? "badge success" : "badge contrast");
        return badge;
    }

    private static String source(RetrievedChunk hit) {
        var chunk = hit.chunk();
        StringBuilder source = new StringBuilder(hit.title() == null ? "" : hit.title());
        if (ChunkMetadata.KIND_QUICK_REPLY.equals(hit.kind())) {
            source.append(" (quick reply)");
        }
        String section = ChunkMetadata.string(chunk, ChunkMetadata.SECTION);
        if (section != null && !section.isBlank()) {
            source.append(" › ").append(section);
        }
        int page = ChunkMetadata.integer(chunk, ChunkMetadata.PAGE);
        if (page > 0) {
            source.append(" · p. ").append(page);
        }
        return source.toString();
    }

    private static String leg(Integer rank, Double score) {
        return rank == null ? "–" : String.format(Locale.ROOT, "%d · %.3f", rank, score);
    }
}
