package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.RetrievalMetrics;
import dev.grounded.retrieval.ChunkEmbedder;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.HybridSearch;
import dev.grounded.retrieval.IndexHit;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.retrieval.LegReading;
import dev.grounded.retrieval.ReciprocalRankFusion;
import dev.grounded.retrieval.RetrievalProperties;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.TenantId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.ai.document.Document;
import org.springframework.stereotype.Component;

/**
 * Runs a BEIR dataset through Grounded's own retrieval: the corpus is embedded and indexed as one chunk per document
 * into a tenant of its own (in whichever storage profile is active), each judged query is searched once per leg, and
 * keyword-only, dense-only and fused rankings are scored with {@link RetrievalMetrics}. Hybrid is fused as the product
 * fuses ({@link HybridSearch}): each leg's first candidates, read by the question's language and measured for how much
 * of the question they hold, so fusion settings can be compared without searching again.
 */
@Component
class BeirBenchmark {

    static final int DEPTH = 100;
    private static final int BATCH = 32;

    enum Mode {
        KEYWORD,
        DENSE,
        HYBRID;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The legs' results for every judged query, and how long each leg took; for fusion, each query's language and its
     * candidates fused as the product fuses them.
     */
    record LegResults(
            Map<String, List<String>> keyword,
            Map<String, List<String>> dense,
            Map<String, Fusable> fusable,
            double[] keywordMs,
            double[] denseMs) {}

    /**
     * What fusion needs of one query: its language, each leg's candidates (ids and languages only; no dense ones for a
     * question the model does not read, as the product does not ask) and their coverage of the question.
     */
    record Fusable(
            LegReading.ForQuestion question,
            List<IndexHit> keyword,
            List<IndexHit> dense,
            Map<String, Double> coverage) {}

    record Scores(Map<String, Double> metrics, double medianMs) {}

    private final KnowledgeIndex index;
    private final ChunkEmbedder embedder;
    private final LanguageDetector languages;
    private final LegReading reading;
    private final RetrievalProperties retrieval;

    BeirBenchmark(
            KnowledgeIndex index,
            ChunkEmbedder embedder,
            LanguageDetector languages,
            LegReading reading,
            RetrievalProperties retrieval) {
        this.index = index;
        this.embedder = embedder;
        this.languages = languages;
        this.reading = reading;
        this.retrieval = retrieval;
    }

    static TenantId tenant(BeirDataset dataset) {
        String slug = dataset.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return TenantId.of(("beir-" + slug).substring(0, Math.min(63, 5 + slug.length())));
    }

    /** Indexes the corpus unless the tenant already holds exactly as many chunks. Returns whether it indexed. */
    boolean index(BeirDataset dataset, boolean force, Progress progress) {
        TenantId tenant = tenant(dataset);
        if (!force && index.count(tenant) == dataset.corpus().size()) {
            return false;
        }
        List<BeirDataset.Doc> corpus = dataset.corpus();
        for (int from = 0; from < corpus.size(); from += BATCH) {
            List<BeirDataset.Doc> batch = corpus.subList(from, Math.min(corpus.size(), from + BATCH));
            List<Document> chunks = batch.stream().map(this::chunk).toList();
            List<float[]> vectors = embedder.embed(chunks);
            for (int i = 0; i < chunks.size(); i++) {
                index.replace(tenant, batch.get(i).id(), List.of(chunks.get(i)), List.of(vectors.get(i)));
            }
            progress.update("indexing", from + batch.size(), corpus.size());
        }
        return true;
    }

    LegResults search(BeirDataset dataset, int depth, Progress progress) {
        TenantId tenant = tenant(dataset);
        Map<String, List<String>> keyword = new LinkedHashMap<>();
        Map<String, List<String>> dense = new LinkedHashMap<>();
        Map<String, Fusable> fusable = new LinkedHashMap<>();
        double[] keywordMs = new double[dataset.queries().size()];
        double[] denseMs = new double[dataset.queries().size()];
        int i = 0;
        for (var query : dataset.queries().entrySet()) {
            long start = System.nanoTime();
            List<IndexHit> keywordHits = index.keywordSearch(tenant, query.getValue(), depth);
            long middle = System.nanoTime();
            List<IndexHit> denseHits = index.denseSearch(tenant, query.getValue(), depth);
            keywordMs[i] = (middle - start) / 1e6;
            denseMs[i] = (System.nanoTime() - middle) / 1e6;
            keyword.put(query.getKey(), ids(keywordHits));
            dense.put(query.getKey(), ids(denseHits));
            fusable.put(query.getKey(), fusable(query.getValue(), keywordHits, denseHits));
            progress.update("searching", ++i, dataset.queries().size());
        }
        return new LegResults(keyword, dense, fusable, keywordMs, denseMs);
    }

    Scores score(BeirDataset dataset, LegResults legs, Mode mode, ReciprocalRankFusion.Weights weights) {
        return score(dataset, legs, mode, weights, retrieval.keywordCoverageExponent());
    }

    Scores score(
            BeirDataset dataset,
            LegResults legs,
            Mode mode,
            ReciprocalRankFusion.Weights weights,
            double coverageExponent) {
        Function<String, List<String>> ranking =
                switch (mode) {
                    case KEYWORD -> legs.keyword()::get;
                    case DENSE -> legs.dense()::get;
                    case HYBRID -> id -> fuse(legs.fusable().get(id), weights, coverageExponent);
                };
        double ndcg = 0;
        double recall10 = 0;
        double recall100 = 0;
        double mrr = 0;
        double hit1 = 0;
        for (String id : dataset.queries().keySet()) {
            List<String> ranked = ranking.apply(id);
            Map<String, Integer> relevant = dataset.qrels().get(id);
            ndcg += RetrievalMetrics.ndcg(ranked, relevant, 10);
            recall10 += RetrievalMetrics.recall(ranked, relevant, 10);
            recall100 += RetrievalMetrics.recall(ranked, relevant, 100);
            mrr += RetrievalMetrics.reciprocalRank(ranked, relevant, 10);
            hit1 += RetrievalMetrics.hit(ranked, relevant, 1);
        }
        int n = dataset.queries().size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("ndcg@10", ndcg / n);
        metrics.put("recall@10", recall10 / n);
        metrics.put("recall@100", recall100 / n);
        metrics.put("mrr@10", mrr / n);
        metrics.put("hit@1", hit1 / n);
        double[] ms =
                switch (mode) {
                    case KEYWORD -> legs.keywordMs();
                    case DENSE -> legs.denseMs();
                    case HYBRID -> sum(legs.keywordMs(), legs.denseMs());
                };
        return new Scores(metrics, median(ms));
    }

    /** Hybrid as the product ranks: the legs' candidates read by language and by their coverage, then fused. */
    private static List<String> fuse(Fusable query, ReciprocalRankFusion.Weights weights, double coverageExponent) {
        return ReciprocalRankFusion.fuse(
                        query.keyword(), query.dense(), weights, query.question(), query.coverage(), coverageExponent)
                .stream()
                .map(RetrievedChunk::sourceId)
                .toList();
    }

    /** The candidates the product would fuse, measured for coverage as it measures them, then reduced to ids. */
    private Fusable fusable(String query, List<IndexHit> keyword, List<IndexHit> dense) {
        int candidates = retrieval.candidates();
        LegReading.ForQuestion question = reading.forQuestion(languages.detect(query, null));
        List<IndexHit> keywordCandidates = keyword.subList(0, Math.min(candidates, keyword.size()));
        List<IndexHit> denseCandidates =
                question.denseReadsQuestion() ? dense.subList(0, Math.min(candidates, dense.size())) : List.of();
        return new Fusable(
                question,
                slim(keywordCandidates),
                slim(denseCandidates),
                HybridSearch.coverage(query, keywordCandidates, denseCandidates));
    }

    private static List<IndexHit> slim(List<IndexHit> hits) {
        List<IndexHit> slim = new ArrayList<>(hits.size());
        for (IndexHit hit : hits) {
            String id = ChunkMetadata.string(hit.chunk(), ChunkMetadata.SOURCE_ID);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put(ChunkMetadata.SOURCE_ID, id);
            Object language = hit.chunk().getMetadata().get(ChunkMetadata.LANGUAGE);
            if (language != null) {
                metadata.put(ChunkMetadata.LANGUAGE, language);
            }
            slim.add(new IndexHit(
                    Document.builder()
                            .id(hit.chunk().getId())
                            .text(id)
                            .metadata(metadata)
                            .build(),
                    hit.score()));
        }
        return slim;
    }

    private Document chunk(BeirDataset.Doc doc) {
        String text = doc.text().isBlank() ? doc.title() : doc.text();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(ChunkMetadata.KIND, ChunkMetadata.KIND_DOCUMENT);
        metadata.put(ChunkMetadata.TITLE, doc.title());
        metadata.put(ChunkMetadata.LANGUAGE, languages.detect(doc.title() + "\n" + text, "en"));
        metadata.put(ChunkMetadata.CHUNK_INDEX, 0);
        return Document.builder().text(text).metadata(metadata).build();
    }

    private static List<String> ids(List<IndexHit> hits) {
        return hits.stream()
                .map(hit -> ChunkMetadata.string(hit.chunk(), ChunkMetadata.SOURCE_ID))
                .toList();
    }

    private static double[] sum(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    @FunctionalInterface
    interface Progress {
        void update(String stage, int done, int total);
    }
}
