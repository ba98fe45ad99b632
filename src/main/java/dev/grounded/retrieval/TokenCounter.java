package dev.grounded.retrieval;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Counts tokens exactly as the embedding model sees them: bge-small's own WordPiece tokenizer, read from the model's
 * artifact. Chunk sizes are measured with it so that no chunk goes past what the model reads.
 */
@Component
public class TokenCounter implements DisposableBean {

    /** bge-small reads at most 512 tokens, including its [CLS] and [SEP]. */
    public static final int MODEL_MAX_TOKENS = 512;

    public static final int SPECIAL_TOKENS = 2;

    private static final String TOKENIZER = "/bge-small-en-v1.5-q-tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;

    public TokenCounter() {
        try (InputStream json = TokenCounter.class.getResourceAsStream(TOKENIZER)) {
            if (json == null) {
                throw new IllegalStateException(
                        "The embedding model's tokenizer " + TOKENIZER + " is not on the classpath");
            }
            tokenizer = HuggingFaceTokenizer.newInstance(
                    json, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public void destroy() {
        tokenizer.close();
    }
}
