package dev.grounded.handoff;

import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.AssistantSettings.IndustryPack;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds a reason to hand a message to a person: a sensitive topic of the tenant's industry packs, an explicit request
 * for a person, frustration, or one of the tenant's own phrases, in English, Spanish, French, German, Portuguese and
 * Hindi (Devanagari and the romanised Hinglish customers type). Phrases match whole words, ignoring case, accents and
 * punctuation, whatever language the message was detected as: customers mix languages.
 */
@Component
public class HandoffTriggers {

    private static final List<String> CUSTOMER_REQUEST = List.of(
            // en
            "speak to human",
            "speak to a human",
            "talk to a human",
            "talk to a person",
            "speak to a person",
            "speak to someone",
            "talk to someone",
            "real person",
            "real human",
            "human agent",
            "live agent",
            "agent please",
            "human please",
            "a human",
            "representative",
            "manager",
            "call me back",
            // es
            "hablar con una persona",
            "hablar con un agente",
            "hablar con alguien",
            "hablar con un humano",
            "persona real",
            "agente humano",
            "un humano",
            "gerente",
            "supervisor",
            // fr
            "parler a un humain",
            "parler a une personne",
            "parler a quelqu un",
            "parler a un conseiller",
            "vrai humain",
            "vraie personne",
            "agent humain",
            "un humain",
            // de
            "mit einem menschen",
            "mit einem mitarbeiter",
            "mit jemandem sprechen",
            "echte person",
            "echten menschen",
            "einen menschen",
            "kundenberater",
            "vorgesetzten",
            // pt
            "falar com uma pessoa",
            "falar com um atendente",
            "falar com alguem",
            "falar com um humano",
            "pessoa real",
            "atendente humano",
            "um humano",
            "gerente",
            // hi
            "इंसान से बात",
            "किसी व्यक्ति से बात",
            "असली व्यक्ति",
            "एजेंट से बात",
            "मैनेजर",
            "insaan se baat",
            "kisi insaan",
            "agent se baat",
            "manager se baat");

    private static final List<String> FRUSTRATION = List.of(
            // en
            "not helpful",
            "unhelpful",
            "useless",
            "frustrated",
            "frustrating",
            "annoyed",
            "ridiculous",
            "waste of time",
            "complaint",
            "complain",
            "you are not helping",
            "terrible service",
            // es
            "no me ayuda",
            "no sirve",
            "inutil",
            "frustrado",
            "frustrada",
            "harto",
            "harta",
            "queja",
            "reclamacion",
            "pesimo",
            // fr
            "pas utile",
            "inutile",
            "frustre",
            "frustree",
            "enerve",
            "enervee",
            "plainte",
            "reclamation",
            // de
            "nicht hilfreich",
            "nutzlos",
            "frustriert",
            "verargert",
            "beschwerde",
            "reklamation",
            "unverschamt",
            // pt
            "nao ajuda",
            "inutil",
            "frustrado",
            "irritado",
            "irritada",
            "reclamacao",
            "pessimo",
            // hi
            "बेकार",
            "परेशान",
            "शिकायत",
            "मदद नहीं",
            "bekaar",
            "bekar",
            "pareshan",
            "shikayat");

    private static final Map<IndustryPack, List<String>> SENSITIVE = Map.of(
            IndustryPack.HEALTHCARE,
            List.of(
                    "emergency",
                    "urgent",
                    "in pain",
                    "severe pain",
                    "bleeding",
                    "can t breathe",
                    "swollen",
                    "emergencia",
                    "urgente",
                    "tengo dolor",
                    "mucho dolor",
                    "me duele",
                    "sangrado",
                    "sangra",
                    "urgence",
                    "j ai mal",
                    "douleur",
                    "saigne",
                    "notfall",
                    "dringend",
                    "schmerzen",
                    "blutung",
                    "estou com dor",
                    "muita dor",
                    "sangramento",
                    "आपातकाल",
                    "तुरंत",
                    "दर्द",
                    "dard",
                    "emergency hai"),
            IndustryPack.LEGAL,
            List.of(
                    "lawyer",
                    "attorney",
                    "lawsuit",
                    "sue you",
                    "legal action",
                    "court",
                    "abogado",
                    "demanda",
                    "demandar",
                    "avocat",
                    "proces",
                    "poursuite",
                    "anwalt",
                    "klage",
                    "verklagen",
                    "advogado",
                    "processo judicial",
                    "processar",
                    "वकील",
                    "मुकदमा",
                    "vakeel",
                    "vakil"),
            IndustryPack.FINANCIAL,
            List.of(
                    "fraud",
                    "stolen card",
                    "unauthorized transaction",
                    "unauthorised transaction",
                    "chargeback",
                    "identity theft",
                    "dispute a charge",
                    "fraude",
                    "tarjeta robada",
                    "cargo no autorizado",
                    "carte volee",
                    "transaction non autorisee",
                    "betrug",
                    "karte gestohlen",
                    "nicht autorisierte",
                    "cartao roubado",
                    "transacao nao autorizada",
                    "धोखाधड़ी",
                    "dhokhadhadi"));

    public Optional<HandoffTrigger> detect(String message, AssistantSettings.Handoff settings) {
        String text = normalise(message);
        for (IndustryPack pack : settings.industryPacks()) {
            Optional<String> phrase = find(text, SENSITIVE.getOrDefault(pack, List.of()));
            if (phrase.isPresent()) {
                return Optional.of(new HandoffTrigger(HandoffReason.SENSITIVE_TOPIC, phrase.get()));
            }
        }
        Optional<String> phrase = find(text, CUSTOMER_REQUEST);
        if (phrase.isPresent()) {
            return Optional.of(new HandoffTrigger(HandoffReason.CUSTOMER_REQUEST, phrase.get()));
        }
        phrase = find(text, FRUSTRATION);
        if (phrase.isPresent()) {
            return Optional.of(new HandoffTrigger(HandoffReason.FRUSTRATION, phrase.get()));
        }
        return find(text, settings.keywords()).map(p -> new HandoffTrigger(HandoffReason.TENANT_KEYWORD, p));
    }

    private static Optional<String> find(String normalisedText, List<String> phrases) {
        for (String phrase : phrases) {
            String normalised = normalise(phrase);
            if (!normalised.isBlank() && normalisedText.contains(" " + normalised.strip() + " ")) {
                return Optional.of(phrase);
            }
        }
        return Optional.empty();
    }

    /**
     * Lower case, Latin accents removed (so "reclamação" meets "reclamacao"), everything but letters, digits and
     * Devanagari signs turned into single spaces, padded with a space on each side for whole-word matching.
     */
    static String normalise(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length() + 2).append(' ');
        boolean space = true;
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            boolean devanagari = Character.UnicodeBlock.of(c) == Character.UnicodeBlock.DEVANAGARI;
            int type = Character.getType(c);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
            if (mark && !devanagari) {
                continue;
            }
            if (Character.isLetterOrDigit(c) || devanagari) {
                out.appendCodePoint(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        if (!space) {
            out.append(' ');
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }
}
