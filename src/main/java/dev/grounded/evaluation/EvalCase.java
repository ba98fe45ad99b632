package dev.grounded.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * One case of a tenant evaluation dataset, one JSON object per line of a JSONL file.
 *
 * @param conversation the customer's earlier messages, asked first in the same conversation (a follow-up case)
 * @param language the language the reply must be in, or null not to check
 * @param expectedAnswer a reference answer for correctness, or null
 * @param expectedSources the document titles (or quick reply labels) that answer it, for the retrieval metrics
 * @param handoffReason with {@code expect: handoff}, the reason expected (such as {@code customer_request}), or null
 */
public record EvalCase(
        String id,
        String question,
        List<String> conversation,
        String language,
        @JsonProperty("expected_answer") String expectedAnswer,
        @JsonProperty("expected_sources") List<String> expectedSources,
        Expect expect,
        @JsonProperty("handoff_reason") String handoffReason,
        List<String> tags) {

    public EvalCase {
        conversation = conversation == null ? List.of() : List.copyOf(conversation);
        expectedSources = expectedSources == null ? List.of() : List.copyOf(expectedSources);
        tags = tags == null ? List.of() : List.copyOf(tags);
        expect = expect == null ? Expect.ANSWER : expect;
    }

    /** What the bot should do with the question. */
    public enum Expect {
        /** Answer it from the knowledge. */
        ANSWER,
        /** Say honestly that the knowledge does not cover it. */
        REFUSE,
        /** Hand the conversation to a person. */
        HANDOFF;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
