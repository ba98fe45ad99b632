package dev.grounded.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What an admin should know about a document that became ready, in plain words: what of it the bot does not use. */
final class DocumentNotice {

    private DocumentNotice() {}

    /**
     * @param truncated whether the text went past {@code maxCharacters} and the rest was not read
     * @param droppedChanges admins' changes to passages of the previous reading that the new one no longer holds
     * @return the notice, or null when there is nothing to say
     */
    static String of(boolean truncated, long maxCharacters, int droppedChanges) {
        List<String> notes = new ArrayList<>();
        if (truncated) {
            notes.add(String.format(
                    Locale.ROOT,
                    "Only the first %,d characters of its text were read (GROUNDED_KNOWLEDGE_MAX_CHARACTERS); the"
                            + " rest of the file is not used.",
                    maxCharacters));
        }
        if (droppedChanges == 1) {
            notes.add("1 change made to a passage no longer applies: that passage is not in this version.");
        } else if (droppedChanges > 1) {
            notes.add(droppedChanges + " changes made to passages no longer apply: those passages are not in this"
                    + " version.");
        }
        return notes.isEmpty() ? null : String.join(" ", notes);
    }
}
