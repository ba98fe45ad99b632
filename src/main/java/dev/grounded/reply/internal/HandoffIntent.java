package dev.grounded.reply.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises a customer asking for a person, in the languages the bot answers in. */
public final class HandoffIntent {

    private static final Pattern ASKS_FOR_HUMAN = Pattern.compile(
            "\\b(human|real person|live agent|an agent|representative|talk to (a |an )?(person|someone|agent)"
                    + "|humano|persona real|hablar con (un|una) (agente|persona)|atendente|pessoa real"
                    + "|falar com (um|uma) (atendente|pessoa)|conseiller|parler à (un|une) (humain|personne)"
                    + "|mitarbeiter|mensch)\\b");

    private HandoffIntent() {}

    public static boolean asksForHuman(String message) {
        return ASKS_FOR_HUMAN.matcher(message.toLowerCase(Locale.ROOT)).find();
    }
}
