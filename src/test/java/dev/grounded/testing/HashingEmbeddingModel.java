package dev.grounded.testing;

import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.internal.QueryText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A fast, deterministic stand-in for the ONNX model in storage tests: each word is hashed to one of 384 dimensions, so
 * texts that share words are close and texts that share none are orthogonal. Storage contracts (scoping, replace,
 * delete, top-k) do not depend on embedding quality, and thousands of chunks embed in milliseconds.
 */
public class HashingEmbeddingModel extends AbstractEmbeddingModel {

    public static final int DIMENSIONS = 384;

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<Embedding> embeddings = new ArrayList<>();
        List<String> texts = request.getInstructions();
        for (int i = 0; i < texts.size(); i++) {
            embeddings.add(new Embedding(vector(texts.get(i)), i));
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return vector(getEmbeddingContent(document));
    }

    @Override
    public String getEmbeddingContent(Document document) {
        return ChunkMetadata.embeddingText(document);
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    static float[] vector(String text) {
        float[] v = new float[DIMENSIONS];
        // A constant component keeps every vector non-zero (cosine needs a norm) without making unrelated texts close.
        v[0] = 0.01f;
        String content = text.startsWith(QueryText.BGE_QUERY_INSTRUCTION)
                ? text.substring(QueryText.BGE_QUERY_INSTRUCTION.length())
                : text;
        for (String word : content.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
                int h = Math.floorMod(murmur(word.getBytes(StandardCharsets.UTF_8)), DIMENSIONS - 1) + 1;
                v[h] += 1;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    private static int murmur(byte[] data) {
        int h = 0x9747b28c;
        for (byte b : data) {
            h ^= b;
            h *= 0x5bd1e995;
            h ^= h >>> 15;
        }
        return h;
    }
}
