package dev.grounded.retrieval.internal.lucene;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.SmallFloat;

/**
 * A searcher whose BM25 statistics (document frequencies, document count, average length) count one tenant's chunks
 * only. Every tenant shares one Lucene index, whose own statistics span all of them: a tenant's ranking would move
 * with other tenants' documents, and its scores would hint at which words those contain. With this, a tenant ranks as
 * if its chunks were alone, as the postgres profile's BM25 does. Made per search; it computes what a query needs.
 */
final class TenantStatisticsSearcher extends IndexSearcher {

    private final Term tenant;
    private final Map<Object, FixedBitSet> tenantDocs = new HashMap<>();
    private final Map<String, CollectionStatistics> collections = new HashMap<>();

    TenantStatisticsSearcher(IndexReader reader, Term tenant) {
        super(reader);
        this.tenant = tenant;
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
        long documents = 0;
        long occurrences = 0;
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(term.field());
            if (terms == null) {
                continue;
            }
            TermsEnum iterator = terms.iterator();
            if (!iterator.seekExact(term.bytes())) {
                continue;
            }
            FixedBitSet mine = tenantDocs(leaf);
            PostingsEnum postings = iterator.postings(null, PostingsEnum.FREQS);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (mine.get(doc)) {
                    documents++;
                    occurrences += postings.freq();
                }
            }
        }
        // A term none of this tenant's chunks hold scores nothing here, whatever its statistics.
        return documents == 0
                ? super.termStatistics(term, docFreq, totalTermFreq)
                : new TermStatistics(term.bytes(), documents, Math.max(occurrences, documents));
    }

    @Override
    public CollectionStatistics collectionStatistics(String field) throws IOException {
        CollectionStatistics known = collections.get(field);
        if (known != null) {
            return known;
        }
        long chunks = 0;
        long withField = 0;
        long length = 0;
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            FixedBitSet mine = tenantDocs(leaf);
            chunks += mine.cardinality();
            NumericDocValues norms = leaf.reader().getNormValues(field);
            if (norms == null) {
                continue;
            }
            for (int doc = nextSetBit(mine, 0); doc != DocIdSetIterator.NO_MORE_DOCS; doc = nextSetBit(mine, doc + 1)) {
                if (norms.advanceExact(doc)) {
                    withField++;
                    // BM25Similarity stores each document's length in a byte, as SmallFloat.intToByte4 encodes it.
                    length += SmallFloat.byte4ToInt((byte) norms.longValue());
                }
            }
        }
        CollectionStatistics statistics;
        if (withField == 0) {
            statistics = super.collectionStatistics(field);
        } else {
            long terms = Math.max(length, withField);
            statistics = new CollectionStatistics(field, chunks, withField, terms, terms);
        }
        if (statistics != null) {
            collections.put(field, statistics);
        }
        return statistics;
    }

    /** The tenant's live documents in one segment. */
    private FixedBitSet tenantDocs(LeafReaderContext leaf) throws IOException {
        Object key = leaf.reader().getCoreCacheHelper() != null
                ? leaf.reader().getCoreCacheHelper().getKey()
                : leaf;
        FixedBitSet known = tenantDocs.get(key);
        if (known != null) {
            return known;
        }
        FixedBitSet docs = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
        PostingsEnum postings = leaf.reader().postings(tenant, PostingsEnum.NONE);
        if (postings != null) {
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    docs.set(doc);
                }
            }
        }
        tenantDocs.put(key, docs);
        return docs;
    }

    private static int nextSetBit(FixedBitSet bits, int from) {
        return from >= bits.length() ? DocIdSetIterator.NO_MORE_DOCS : bits.nextSetBit(from);
    }
}
