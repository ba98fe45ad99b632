package dev.grounded.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.ApiClient;
import dev.grounded.testing.EmbeddedApplicationTest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The per-tenant answer policy over HTTP, on the dental demo tenant (no LLM configured): settings move thresholds,
 * industry packs and the tenant's own phrases hand over, and business hours turn a handoff into a callback promise.
 */
class AnswerPolicyIT extends EmbeddedApplicationTest {

    private static final String SETTINGS = "/api/v1/tenants/dental/settings";

    @BeforeEach
    void knowledgeIsReady() throws InterruptedException {
        dental().awaitDocumentsFinished("dental", 3);
    }

    @AfterEach
    void restoreDefaults() {
        dental().putJson(SETTINGS, settings("", "[]", "[]", "null", "null", hours("[]", "[]")));
    }

    @Test
    void settingsStartAtTheDefaultsAndRoundTrip() {
        JsonNode defaults = dental().get(SETTINGS).getBody();
        assertThat(defaults.get("persona").asString()).isEqualTo("PROFESSIONAL");
        assertThat(defaults.get("strictness").asString()).isEqualTo("BALANCED");
        assertThat(defaults.get("hours").get("weekly")).isEmpty();

        dental().putJson(SETTINGS, settings("\"refund\"", "[\"HEALTHCARE\"]", "[]", "null", "null", hours("[]", "[]")));

        JsonNode saved = dental().get(SETTINGS).getBody();
        assertThat(saved.get("handoff").get("keywords").get(0).asString()).isEqualTo("refund");
        assertThat(saved.get("handoff").get("industryPacks").get(0).asString()).isEqualTo("HEALTHCARE");
    }

    @Test
    void invalidSettingsAreRefusedWithTheReason() {
        String tooHot = settings("", "[]", "[]", "null", "null", hours("[]", "[]"))
                .replace("\"temperature\": 0.2", "\"temperature\": 5");
        assertThat(dental().putJson(SETTINGS, tooHot).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        String badZone = settings("", "[]", "[]", "null", "null", hours("[]", "[]"))
                .replace("\"Europe/Madrid\"", "\"Mars/Olympus\"");
        assertThat(dental().putJson(SETTINGS, badZone).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // Nothing was saved.
        assertThat(dental().get(SETTINGS).getBody().get("temperature").asDouble())
                .isEqualTo(0.2);
    }

    @Test
    void theHealthcarePackHandsOverPainAndEmergenciesInEveryLanguage() {
        dental().putJson(SETTINGS, settings("", "[\"HEALTHCARE\"]", "[]", "null", "null", hours("[]", "[]")));

        for (String message : new String[] {
            "I am in pain since yesterday evening",
            "Tengo mucho dolor en una muela",
            "J'ai mal à une dent depuis hier",
            "Ich habe starke Schmerzen am Zahn",
            "Estou com dor no dente",
            "मेरे दांत में बहुत दर्द है"
        }) {
            JsonNode reply = dental().ask("dental", message).getBody();
            assertThat(reply.get("outcome").asString()).as(message).isEqualTo("handoff");
            assertThat(reply.get("handoff").get("reason").asString())
                    .as(message)
                    .isEqualTo("sensitive_topic");
        }
        // Without the pack, the same words are an ordinary question.
        restoreDefaults();
        assertThat(dental().ask("dental", "I am in pain since yesterday evening")
                        .getBody()
                        .get("handoff")
                        .get("reason")
                        .isNull())
                .isTrue();
    }

    @Test
    void theTenantsOwnPhrasesHandOver() {
        dental().putJson(
                        SETTINGS, settings("\"refund\", \"reembolso\"", "[]", "[]", "null", "null", hours("[]", "[]")));

        JsonNode reply =
                dental().ask("dental", "I want a refund for my cleaning").getBody();

        assertThat(reply.get("outcome").asString()).isEqualTo("handoff");
        assertThat(reply.get("handoff").get("reason").asString()).isEqualTo("tenant_keyword");
        assertThat(reply.get("handoff").get("detail").asString()).contains("refund");
    }

    @Test
    void aHandoffWhileClosedPromisesACallbackAtTheNextOpening() {
        ZoneId madrid = ZoneId.of("Europe/Madrid");
        LocalDate today = LocalDate.now(madrid);
        // Open every day 09:00-17:00, but today and tomorrow are holidays: closed now whatever the time.
        String weekly = Arrays.stream(DayOfWeek.values())
                .map(d -> "{\"day\": \"" + d + "\", \"from\": \"09:00\", \"to\": \"17:00\"}")
                .collect(Collectors.joining(", ", "[", "]"));
        String holidays = "[\"" + today + "\", \"" + today.plusDays(1) + "\"]";
        dental().putJson(SETTINGS, settings("", "[]", "[]", "null", "null", hours(weekly, holidays)));

        JsonNode reply = dental().ask("dental", "Can I talk to a real person?").getBody();

        assertThat(reply.get("outcome").asString()).isEqualTo("handoff");
        assertThat(reply.get("handoff").get("reason").asString()).isEqualTo("after_hours_callback");
        assertThat(reply.get("handoff").get("detail").asString()).startsWith("customer_request");
        ZonedDateTime callback = OffsetDateTime.parse(
                        reply.get("handoff").get("callbackAt").asString())
                .atZoneSameInstant(madrid);
        assertThat(callback.toLocalDate()).isEqualTo(today.plusDays(2));
        assertThat(callback.getHour()).isEqualTo(9);
        assertThat(reply.get("answer").asString()).contains("not available right now");

        JsonNode spanish =
                dental().ask("dental", "¿Puedo hablar con una persona real?").getBody();
        assertThat(spanish.get("answer").asString()).contains("no está disponible");
    }

    @Test
    void aTenantThresholdDecidesWhatCountsAsCovered() {
        String question = "How much does a dental implant with crown cost?";
        assertThat(dental().ask("dental", question).getBody().get("outcome").asString())
                .isEqualTo("extractive");

        dental().putJson(SETTINGS, settings("", "[]", "[]", "0.99", "null", hours("[]", "[]")));

        assertThat(dental().ask("dental", question).getBody().get("outcome").asString())
                .isEqualTo("not_covered");
    }

    @Test
    void aTenantQuickReplyThresholdDecidesWhenAQuickReplyIsTheAnswer() {
        String question = "What are your opening hours?";
        assertThat(dental().ask("dental", question).getBody().get("outcome").asString())
                .isEqualTo("quick_reply");

        dental().putJson(SETTINGS, settings("", "[]", "[]", "null", "0.99", hours("[]", "[]")));

        assertThat(dental().ask("dental", question).getBody().get("outcome").asString())
                .isNotEqualTo("quick_reply");
    }

    private static String settings(
            String keywords,
            String packs,
            String order,
            String minConfidence,
            String quickReplyThreshold,
            String hours) {
        return """
                {"persona": "PROFESSIONAL", "businessProfile": "", "systemPrompt": "", "temperature": 0.2,
                 "strictness": "BALANCED", "quickReplyThreshold": %s,
                 "retrieval": {"topK": 5, "keywordWeight": null, "denseWeight": null, "minConfidence": %s},
                 "providers": {"order": %s, "pinned": null},
                 "handoff": {"keywords": [%s], "industryPacks": %s},
                 "hours": %s}
                """.formatted(quickReplyThreshold, minConfidence, order, keywords, packs, hours);
    }

    private static String hours(String weekly, String holidays) {
        return """
                {"timezone": "Europe/Madrid", "weekly": %s, "holidays": %s, "afterHoursMessage": ""}
                """.formatted(weekly, holidays);
    }

    private ApiClient dental() {
        return new ApiClient(port, DENTAL_API_KEY);
    }
}
