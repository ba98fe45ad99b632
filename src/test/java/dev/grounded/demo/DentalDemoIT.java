package dev.grounded.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.ApiClient;
import dev.grounded.testing.EmbeddedApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The second demo business, a dental clinic in Valencia, is its own tenant with its own knowledge: a PDF patient guide,
 * a DOCX price list of tables, a Spanish patient guide and quick replies in two languages.
 */
class DentalDemoIT extends EmbeddedApplicationTest {

    private ApiClient dental() {
        return new ApiClient(port, DENTAL_API_KEY);
    }

    @BeforeEach
    void knowledgeIsReady() throws InterruptedException {
        JsonNode documents = dental().awaitDocumentsFinished("dental", 3);
        for (JsonNode doc : documents) {
            assertThat(doc.get("status").asString()).as(doc.toString()).isEqualTo("ready");
        }
        assertThat(documents.findValuesAsString("language")).contains("en", "es");
    }

    @Test
    void answersAPriceFromTheTableOfThePriceList() {
        JsonNode reply = dental().ask("dental", "How much does a dental implant with crown cost?")
                .getBody();

        assertThat(reply.get("answer").asString()).contains("1,250 EUR");
        assertThat(reply.get("sources").findValuesAsString("title")).contains("Brightsmile Dental Price List 2026");
    }

    @Test
    void answersInSpanishFromTheSpanishKnowledge() {
        JsonNode reply =
                dental().ask("dental", "¿Qué hago si se me cae un diente?").getBody();

        assertThat(reply.get("language").asString()).isEqualTo("es");
        assertThat(reply.get("answer").asString()).containsIgnoringCase("leche");
    }

    @Test
    void keepsTheTenantsApart() {
        assertThat(dental().ask("demo", "What are your opening hours?")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        JsonNode reply =
                api().ask("demo", "How much does a dental implant cost?").getBody();
        assertThat(reply.get("sources").findValuesAsString("title"))
                .noneMatch(title -> title.startsWith("Brightsmile"));
    }
}
