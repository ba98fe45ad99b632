package dev.grounded.channel.whatsapp;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The words that opt a contact out of messages and back in, in the languages Grounded answers in. A message opts out
 * only when it is the word alone ("STOP", "stop!"), never when the word is part of a question.
 */
public final class OptOutKeywords {

    /** The command a message is, and the language its word belongs to (for the confirmation). */
    public record Command(boolean optOut, String language) {}

    private static final Map<String, String> STOP = Map.ofEntries(
            Map.entry("stop", "en"),
            Map.entry("stopall", "en"),
            Map.entry("unsubscribe", "en"),
            Map.entry("opt out", "en"),
            Map.entry("optout", "en"),
            Map.entry("quit", "en"),
            Map.entry("end", "en"),
            Map.entry("baja", "es"),
            Map.entry("darme de baja", "es"),
            Map.entry("parar", "es"),
            Map.entry("detener", "es"),
            Map.entry("cancelar suscripcion", "es"),
            Map.entry("sair", "pt"),
            Map.entry("pare", "pt"),
            Map.entry("parar de receber", "pt"),
            Map.entry("descadastrar", "pt"),
            Map.entry("arret", "fr"),
            Map.entry("desabonner", "fr"),
            Map.entry("desinscrire", "fr"),
            Map.entry("stopp", "de"),
            Map.entry("abmelden", "de"),
            Map.entry("abbestellen", "de"),
            Map.entry("basta", "it"),
            Map.entry("disiscriviti", "it"),
            Map.entry("afmelden", "nl"));

    private static final Map<String, String> START = Map.ofEntries(
            Map.entry("start", "en"),
            Map.entry("unstop", "en"),
            Map.entry("subscribe", "en"),
            Map.entry("alta", "es"),
            Map.entry("reanudar", "es"),
            Map.entry("voltar", "pt"),
            Map.entry("iniciar", "pt"),
            Map.entry("demarrer", "fr"),
            Map.entry("reprendre", "fr"),
            Map.entry("anmelden", "de"),
            Map.entry("iscriviti", "it"),
            Map.entry("aanmelden", "nl"));

    private OptOutKeywords() {}

    public static Optional<Command> of(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String word = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} ]", " ")
                .replaceAll("\\s+", " ")
                .strip();
        if (STOP.containsKey(word)) {
            return Optional.of(new Command(true, STOP.get(word)));
        }
        if (START.containsKey(word)) {
            return Optional.of(new Command(false, START.get(word)));
        }
        return Optional.empty();
    }
}
