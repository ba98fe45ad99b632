package dev.grounded.knowledge;

import java.util.ArrayList;
import java.util.List;

/** What a tenant writes to create or change a quick reply; {@link #problems()} says what is wrong with it. */
public record QuickReplyDraft(String label, String answer, String language, List<String> keywords) {

    public static final int MAX_LABEL = 200;
    public static final int MAX_ANSWER = 4000;

    public QuickReplyDraft {
        label = label == null ? "" : label.strip();
        answer = answer == null ? "" : answer.strip();
        language =
                language == null || language.isBlank() ? null : language.strip().toLowerCase(java.util.Locale.ROOT);
        keywords = keywords == null
                ? List.of()
                : keywords.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (label.isEmpty()) {
            problems.add("the label is empty");
        } else if (label.length() > MAX_LABEL) {
            problems.add("the label is longer than " + MAX_LABEL + " characters");
        }
        if (answer.isEmpty()) {
            problems.add("the answer is empty");
        } else if (answer.length() > MAX_ANSWER) {
            problems.add("the answer is longer than " + MAX_ANSWER + " characters");
        }
        if (language != null && !language.matches("[a-z]{2,3}")) {
            problems.add("the language must be an ISO 639-1 code such as en or es");
        }
        if (String.join(";", keywords).length() > 1000) {
            problems.add("the keywords are longer than 1000 characters");
        }
        return problems;
    }
}
