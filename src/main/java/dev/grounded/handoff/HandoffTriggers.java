package dev.grounded.handoff;

import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.AssistantSettings.IndustryPack;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Finds a reason to hand a message to a person: a sensitive topic of the tenant's industry packs, a request for a
 * person, a complaint, frustration, or one of the tenant's own phrases, in English, Spanish, Portuguese, French,
 * German, Italian, Dutch and Hindi (Devanagari and the romanised Hinglish customers type). Every language's cues are
 * looked for whatever language the message was detected as: customers mix languages, and "human pls" has none.
 *
 * <p>A word on a list is not enough, because customers ask about the things on the lists: a request is a word of
 * contact ("talk", "hablar", "sprechen") near a person ("someone", "alguien", "Mitarbeiter"), a short message naming
 * a person ("human pls", "Mensch bitte"), or asking whether anyone is there; "Who is the manager of the store?" and
 * "Does a person come to install it?" are questions. A complaint word in a question about the procedure ("How do I
 * file a complaint, in case I ever need to?") asks for the procedure, which the knowledge answers; frustration with
 * one's own things while asking for advice ("frustrated with my own router, any tips?") is not with the business.
 * Phrases match whole words, ignoring case, accents and punctuation.
 */
@Component
public class HandoffTriggers {

    /** Words of a short message: a few words naming a person, with no question word, are a request. */
    private static final int SHORT = 4;

    /** How far apart a word of contact or wanting and the person may be. */
    private static final int NEAR = 6;

    /** A person to hand over to, as a customer names one; single words after normalisation. */
    private static final Set<String> PERSONS = words("""
            human humans person someone somebody anyone anybody agent agents representative rep operator staff
            manager supervisor advisor adviser owner boss dueno jefe dono chefe patron proprietaire chef inhaber
            titolare capo eigenaar baas
            humano persona alguien agente asesor operador operadora gerente encargado supervisor
            pessoa alguem atendente gerente responsavel
            humain personne quelqu conseiller conseillere operateur responsable
            mensch menschen jemand jemandem jemanden mitarbeiter mitarbeiterin berater beraterin kundenberater
            vorgesetzten
            umano persona qualcuno operatore operatrice
            mens iemand medewerker medewerkster persoon
            इंसान व्यक्ति एजेंट सदस्य मैनेजर insaan insan vyakti""");

    /** Words of getting in touch with someone; single words after normalisation. */
    private static final Set<String> CONTACT = words("""
            speak talk chat connect transfer
            hablar hable habla atienda atiendan atender pasame paseme comunicarme
            falar fale atendido atendida atender passar
            parler discuter joindre
            sprechen reden verbinden
            parlare parla passarmi
            spreken praten doorverbinden
            बात जोड़ baat""");

    /** Words of wanting: with a person, a request ("I want a real person", "quiero un humano"). */
    private static final Set<String> WANTING = words("""
            want need
            quiero necesito
            quero preciso
            veux voudrais
            mochte will brauche
            voglio vorrei
            wil
            चाहिए चाहता चाहती""");

    /** Asking whether anyone is there, as a whole short message. */
    private static final Phrases PRESENCE = Phrases.of(List.of(
            "anybody there",
            "anyone there",
            "somebody there",
            "someone there",
            "anybody here",
            "anyone here",
            "hay alguien",
            "alguien ahi",
            "tem alguem",
            "alguem ai",
            "ha alguem",
            "il y a quelqu un",
            "y a quelqu un",
            "quelqu un la",
            "ist da jemand",
            "ist jemand da",
            "c e qualcuno",
            "ce qualcuno",
            "is daar iemand",
            "is er iemand",
            "कोई है",
            "koi hai"));

    /** Phrases that are a request on their own. */
    private static final Phrases REQUEST_PHRASES = Phrases.of(List.of(
            "call me back",
            "put me through",
            "real person",
            "live agent",
            "human agent",
            "persona real",
            "pessoa real",
            "vraie personne",
            "echte person",
            "echten menschen",
            "persona vera",
            "echte medewerker",
            "असली व्यक्ति"));

    /** Question words: a short message with one of them asks about a person ("Who is the manager?"). */
    private static final Set<String> QUESTION_WORDS = words("""
            who what which where when how is are does do did
            quien que cual donde cuando como es
            quem qual onde quando
            qui quel quelle ou quand comment est
            wer was welche wo wann wie ist
            chi cosa quale dove quando come
            wie wat welke waar wanneer hoe
            कौन क्या कहाँ कब कैसे""");

    /** The words of a complaint. */
    private static final Phrases COMPLAINT = Phrases.of(List.of(
            "complaint",
            "complain",
            "complaining",
            "reclamacion",
            "queja",
            "quejarme",
            "quejar",
            "reclamacao",
            "queixa",
            "reclamar",
            "reclamation",
            "plainte",
            "plaindre",
            "beschwerde",
            "beschweren",
            "reklamation",
            "reclamo",
            "lamentarmi",
            "lamentela",
            "klacht",
            "klagen",
            "शिकायत",
            "shikayat"));

    /** Asking how something is done, or supposing: a complaint word then asks about the procedure. */
    private static final Phrases PROCEDURE = Phrases.of(List.of(
            "how do i",
            "how can i",
            "how to",
            "how would i",
            "where can i",
            "in case",
            "como se",
            "como puedo",
            "por si",
            "en caso de",
            "como faco",
            "como posso",
            "caso um dia",
            "comment",
            "au cas ou",
            "wie reiche",
            "wie kann ich",
            "falls",
            "come si",
            "come posso",
            "nel caso",
            "hoe dien",
            "hoe kan ik",
            "voor het geval",
            "कैसे",
            "अगर कभी"));

    /** Frustration with the bot or the business. */
    private static final Phrases FRUSTRATION = Phrases.of(List.of(
            // en
            "not helpful",
            "not helping",
            "unhelpful",
            "doesn t help",
            "does not help",
            "useless",
            "waste of time",
            "ridiculous",
            "fed up",
            "sick of this",
            "frustrated",
            "frustrating",
            "annoyed",
            "you are not helping",
            "terrible service",
            "explained this",
            "told you already",
            // es
            "no me ayuda",
            "no me esta ayudando",
            "no me sirve",
            "no me esta sirviendo",
            "no sirve",
            "inutil",
            "perdida de tiempo",
            "ridiculo",
            "frustrado",
            "frustrada",
            "harto",
            "harta",
            "hasta las narices",
            "pesimo",
            // pt
            "nao ajuda",
            "nao me ajuda",
            "nao esta a ajudar",
            "nao esta ajudando",
            "perda de tempo",
            "farto",
            "farta",
            "irritado",
            "irritada",
            "pessimo",
            // fr
            "ne m aide",
            "m aide pas",
            "pas utile",
            "inutile",
            "perte de temps",
            "ridicule",
            "n importe quoi",
            "marre",
            "frustre",
            "frustree",
            "enerve",
            "enervee",
            // de
            "hilft mir nicht",
            "hilft nicht",
            "hilft mir uberhaupt nicht",
            "nicht hilfreich",
            "nutzlos",
            "zeitverschwendung",
            "lacherlich",
            "frustriert",
            "verargert",
            "genervt",
            "unverschamt",
            // it
            "non mi aiuta",
            "non aiuta",
            "perdita di tempo",
            "assurdo",
            "ridicolo",
            "stufo",
            "stufa",
            "frustrato",
            "frustrata",
            // nl
            "helpt niet",
            "helpt me niet",
            "helpt me echt niet",
            "nutteloos",
            "tijdverspilling",
            "belachelijk",
            "gefrustreerd",
            // hi
            "बेकार",
            "परेशान",
            "मदद नहीं",
            "bekaar",
            "bekar",
            "pareshan"));

    /**
     * Frustration with one's own things, or a request for advice beside it: the feeling is not with the business
     * ("frustrated with my own router, any tips?").
     */
    private static final Phrases NOT_WITH_US = Phrases.of(List.of(
            "my own",
            "any tips",
            "any advice",
            "mi propio",
            "mi propia",
            "algun consejo",
            "meu proprio",
            "minha propria",
            "alguma dica",
            "mon propre",
            "ma propre",
            "des conseils",
            "meinen eigenen",
            "meinem eigenen",
            "mein eigener",
            "tipps",
            "qualche consiglio",
            "consigli",
            "mijn eigen",
            "tips",
            "अपने",
            "सुझाव"));

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

    private static final Map<IndustryPack, Phrases> SENSITIVE_PHRASES = SENSITIVE.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Phrases.of(e.getValue())));

    /** Phrases with their normalised forms, made once: a message is matched against all of them. */
    private record Phrases(List<String> phrases, List<String> padded) {

        static Phrases of(List<String> phrases) {
            List<String> kept = new ArrayList<>();
            List<String> padded = new ArrayList<>();
            for (String phrase : phrases) {
                String normalised = normalise(phrase);
                if (!normalised.isBlank()) {
                    kept.add(phrase);
                    padded.add(" " + normalised.strip() + " ");
                }
            }
            return new Phrases(List.copyOf(kept), List.copyOf(padded));
        }

        Optional<String> in(String normalisedText) {
            for (int i = 0; i < padded.size(); i++) {
                if (normalisedText.contains(padded.get(i))) {
                    return Optional.of(phrases.get(i));
                }
            }
            return Optional.empty();
        }
    }

    public Optional<HandoffTrigger> detect(String message, AssistantSettings.Handoff settings) {
        String text = normalise(message);
        for (IndustryPack pack : settings.industryPacks()) {
            Optional<String> phrase =
                    SENSITIVE_PHRASES.getOrDefault(pack, Phrases.of(List.of())).in(text);
            if (phrase.isPresent()) {
                return Optional.of(new HandoffTrigger(HandoffReason.SENSITIVE_TOPIC, phrase.get()));
            }
        }
        Optional<String> request = request(text);
        if (request.isPresent()) {
            return Optional.of(new HandoffTrigger(HandoffReason.CUSTOMER_REQUEST, request.get()));
        }
        Optional<String> complaint = COMPLAINT.in(text);
        if (complaint.isPresent() && PROCEDURE.in(text).isEmpty()) {
            return Optional.of(new HandoffTrigger(HandoffReason.COMPLAINT, complaint.get()));
        }
        Optional<String> frustration = FRUSTRATION.in(text);
        if (frustration.isPresent() && NOT_WITH_US.in(text).isEmpty()) {
            return Optional.of(new HandoffTrigger(HandoffReason.FRUSTRATION, frustration.get()));
        }
        return Phrases.of(settings.keywords()).in(text).map(p -> new HandoffTrigger(HandoffReason.TENANT_KEYWORD, p));
    }

    /**
     * A word of the handoff cues in a message the cues in context did not take for a handoff ("manager" in a question
     * about the manager, "complaint" in a question about the procedure): where a chat model can read the message, it
     * judges these. Empty when the message has none.
     */
    public Optional<String> cue(String message) {
        String text = normalise(message);
        Optional<String> person =
                Arrays.stream(text.strip().split(" ")).filter(PERSONS::contains).findFirst();
        if (person.isPresent()) {
            return person;
        }
        Optional<String> complaint = COMPLAINT.in(text);
        return complaint.isPresent() ? complaint : FRUSTRATION.in(text);
    }

    private static Optional<String> request(String text) {
        List<String> tokens = List.of(text.strip().split(" "));
        if (tokens.size() <= SHORT + 1) {
            Optional<String> presence = PRESENCE.in(text);
            if (presence.isPresent()) {
                return presence;
            }
        }
        Optional<String> phrase = REQUEST_PHRASES.in(text);
        if (phrase.isPresent()) {
            return phrase;
        }
        boolean question = tokens.stream().anyMatch(QUESTION_WORDS::contains);
        for (int i = 0; i < tokens.size(); i++) {
            if (!PERSONS.contains(tokens.get(i))) {
                continue;
            }
            if (tokens.size() <= SHORT && !question) {
                return Optional.of(text.strip());
            }
            for (int j = Math.max(0, i - NEAR); j < Math.min(tokens.size(), i + NEAR + 1); j++) {
                String word = tokens.get(j);
                if (CONTACT.contains(word) || (j < i && WANTING.contains(word))) {
                    return Optional.of(String.join(" ", tokens.subList(Math.min(i, j), Math.max(i, j) + 1)));
                }
            }
        }
        return Optional.empty();
    }

    private static Set<String> words(String block) {
        return Set.copyOf(Arrays.asList(normalise(block).strip().split(" ")));
    }

    /**
     * Lower case, Latin accents removed (so "reclamação" meets "reclamacao"), everything but letters, digits and
     * Devanagari signs turned into single spaces, padded with a space on each side for whole-word matching.
     */
    public static String normalise(String text) {
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
