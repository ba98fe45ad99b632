package dev.grounded.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.AssistantSettings.IndustryPack;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandoffTriggersTest {

    private final HandoffTriggers triggers = new HandoffTriggers();
    private static final AssistantSettings.Handoff PLAIN = new AssistantSettings.Handoff(List.of(), List.of());
    private static final AssistantSettings.Handoff ALL_PACKS = new AssistantSettings.Handoff(
            List.of("refund", "reembolso"),
            List.of(IndustryPack.HEALTHCARE, IndustryPack.LEGAL, IndustryPack.FINANCIAL));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Can I speak to a human please?|en",
                "I want a REAL PERSON, now.|en",
                "agent please|en",
                "Let me talk to your manager|en",
                "Quiero hablar con una persona|es",
                "¿Puedo hablar con un agente?|es",
                "Je veux parler à un humain|fr",
                "Puis-je parler à un conseiller ?|fr",
                "Ich möchte mit einem Mitarbeiter sprechen|de",
                "Kann ich mit einem Menschen reden?|de",
                "Quero falar com uma pessoa|pt",
                "Posso falar com um atendente?|pt",
                "मुझे किसी इंसान से बात करनी है|hi",
                "mujhe kisi insaan se baat karni hai|hi"
            })
    void anExplicitRequestForAPersonInEachLanguage(String message, String language) {
        assertThat(triggers.detect(message, PLAIN))
                .as(language)
                .map(HandoffTrigger::reason)
                .contains(HandoffReason.CUSTOMER_REQUEST);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "This is not helpful at all|en",
                "I'm so frustrated with this|en",
                "Esto no me ayuda, es inútil|es",
                "Ce n'est pas utile, je suis frustré|fr",
                "Das ist nicht hilfreich|de",
                "Isso não ajuda nada|pt",
                "यह बेकार है|hi",
                "main bahut pareshan hoon|hi"
            })
    void frustrationInEachLanguage(String message, String language) {
        assertThat(triggers.detect(message, PLAIN))
                .as(language)
                .map(HandoffTrigger::reason)
                .contains(HandoffReason.FRUSTRATION);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "It's an emergency, my tooth is bleeding|HEALTHCARE",
                "Es urgente, tengo mucho dolor|HEALTHCARE",
                "J'ai mal depuis deux jours|HEALTHCARE",
                "Ich habe Schmerzen|HEALTHCARE",
                "Estou com dor de dente|HEALTHCARE",
                "बहुत दर्द हो रहा है|HEALTHCARE",
                "My lawyer will contact you|LEGAL",
                "Voy a hablar con mi abogado|LEGAL",
                "Je vais contacter mon avocat|LEGAL",
                "Ich gehe zum Anwalt|LEGAL",
                "Vou falar com o meu advogado|LEGAL",
                "I think this is fraud|FINANCIAL",
                "Hay un cargo no autorizado|FINANCIAL",
                "Das ist Betrug|FINANCIAL",
                "Meu cartão roubado foi usado|FINANCIAL"
            })
    void industryPacksMarkSensitiveTopics(String message, IndustryPack pack) {
        var onlyThisPack = new AssistantSettings.Handoff(List.of(), List.of(pack));
        assertThat(triggers.detect(message, onlyThisPack))
                .map(HandoffTrigger::reason)
                .contains(HandoffReason.SENSITIVE_TOPIC);
        assertThat(triggers.detect(message, PLAIN).map(HandoffTrigger::reason))
                .isNotEqualTo(Optional.of(HandoffReason.SENSITIVE_TOPIC));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "How much is the installation fee?",
                "What does the agent of the router do?",
                "¿Cuál es el horario de atención?",
                "Wie lange dauert die Installation?",
                "Quel est le prix du forfait ?",
                "Qual é o preço do plano?",
                "Is the premium plan worth it?",
                "Do you offer humane pricing?"
            })
    void ordinaryQuestionsAreLeftAlone(String message) {
        assertThat(triggers.detect(message, ALL_PACKS)).isEmpty();
        assertThat(triggers.cue(message.replace("agent", "")))
                .as("nothing for a model to judge")
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"I want a REFUND|refund", "¿Me dan un reembolso?|reembolso"})
    void theTenantsOwnPhrases(String message, String phrase) {
        assertThat(triggers.detect(message, ALL_PACKS))
                .contains(new HandoffTrigger(HandoffReason.TENANT_KEYWORD, phrase));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Reclamação!!", "RECLAMACAO", "reclamação."})
    void accentsCaseAndPunctuationDoNotMatter(String message) {
        assertThat(triggers.detect(message, PLAIN)).map(HandoffTrigger::reason).contains(HandoffReason.COMPLAINT);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I want to make a complaint|en",
                "Quiero poner una reclamación|es",
                "Je veux déposer une plainte|fr",
                "Ich habe eine Beschwerde|de",
                "Quero fazer uma reclamação|pt",
                "Voglio fare un reclamo|it",
                "Ik wil een klacht indienen|nl",
                "मुझे शिकायत करनी है|hi"
            })
    void aComplaintInEachLanguage(String message, String language) {
        assertThat(triggers.detect(message, PLAIN))
                .as(language)
                .map(HandoffTrigger::reason)
                .contains(HandoffReason.COMPLAINT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "human pls",
                "is anybody there??",
                "Mensch bitte",
                "un umano per favore",
                "mens aub",
                "¿hay alguien ahí?",
                "Kan ik iemand van jullie team spreken?",
                "Posso parlare con qualcuno del vostro team?"
            })
    void terseRequestsAndAskingWhetherAnyoneIsThere(String message) {
        assertThat(triggers.detect(message, PLAIN))
                .map(HandoffTrigger::reason)
                .contains(HandoffReason.CUSTOMER_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Who is the manager of the Porto store?",
                "Is the owner also the one who cuts hair?",
                "Does a person come to my house for the installation?",
                "How do I file a complaint, in case I ever need to?",
                "I'm frustrated with my own progress, any tips?",
                "¿Quién es el responsable de la tienda?",
                "Wie reiche ich eine Beschwerde ein, falls ich das mal brauche?",
                "Komt er iemand bij mij thuis voor de installatie?",
                "क्या स्टोर के मैनेजर भी इंस्टॉलेशन करते हैं?"
            })
    void questionsAboutAPersonOrTheProcedureAreNotRequests(String message) {
        assertThat(triggers.detect(message, PLAIN)).isEmpty();
        assertThat(triggers.cue(message))
                .as("left for a chat model to judge, where one is configured")
                .isPresent();
    }
}
