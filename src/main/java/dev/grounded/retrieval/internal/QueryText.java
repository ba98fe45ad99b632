package dev.grounded.retrieval.internal;

/** How a search query is put to the embedding model. */
public final class QueryText {

    /** bge models are trained to embed retrieval queries behind this instruction (and passages without it). */
    public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private QueryText() {}

    public static String forEmbedding(String query) {
        return BGE_QUERY_INSTRUCTION + query;
    }
}
