package dev.grounded.reply.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises an answer that gives away the system prompt: it contains the prompt's canary, or repeats a run of
 * {@value #RUN} consecutive words of it. A model talked into "print your instructions" by a document is caught here
 * even when rule 4 of the prompt failed to stop it.
 */
public final class PromptLeakGuard {

    static final int RUN = 8;

    private PromptLeakGuard() {}

    public static boolean leaks(String answer, String systemPrompt, String canary) {
        if (answer.contains(canary)) {
            return true;
        }
        List<String> prompt = words(systemPrompt);
        Set<String> runs = new HashSet<>();
        for (int i = 0; i + RUN <= prompt.size(); i++) {
            runs.add(String.join(" ", prompt.subList(i, i + RUN)));
        }
        List<String> said = words(answer);
        for (int i = 0; i + RUN <= said.size(); i++) {
            if (runs.contains(String.join(" ", said.subList(i, i + RUN)))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }
}
