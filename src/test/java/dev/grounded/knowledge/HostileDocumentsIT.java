package dev.grounded.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.ApiKeyService;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.EmbeddedApplicationTest;
import dev.grounded.testing.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every one of the 37 real-world files in {@code ../shared/datasets/documents} (encrypted, truncated, corrupt, fuzzer
 * crashes, an XML bomb, scans, huge tables, nested attachments, right-to-left text; see its SOURCE.md) is uploaded
 * through the API into its own tenant. Each ends as expected, readable text present or the specific reason given,
 * none takes longer than the parse time limit, and the application keeps answering.
 */
class HostileDocumentsIT extends EmbeddedApplicationTest {

    private static final TenantId TENANT = TenantId.of("hostile");
    private static final String KEY = "hostile-api-key-0123456789";
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "The file is password-protected; upload an unprotected copy.";

    /** Expected status, and a text the chunks contain (ready) or the reason (rejected, failed) starts with. */
    private record Expected(String file, String status, String text) {}

    private static final List<Expected> EXPECTED = List.of(
            ready("mammoth__comments.docx", "A tachyon walks into a bar."),
            ready("mammoth__footnotes.docx", "A tachyon walks into a bar."),
            ready("mammoth__tables.docx", "| Top left | Top right |"),
            ready("mammoth__utf8-bom.docx", "This XML has a byte order mark."),
            rejected("pdfminer__aes-256-r6.pdf", PASSWORD),
            ready("pdfminer__irs-i1040nr.pdf", "Nonresident Alien"),
            ready("pdfminer__issue-1113-evil-xobjects.pdf", "Hello world"),
            rejected("pdfminer__rc4-40.pdf", PASSWORD),
            ready("pdfminer__zen_of_python_corrupted.pdf", "Beautiful is better than ugly."),
            ready("poi__bib-chernigovka.netdo.ru_download_docs_17459.docx", "Большечерниговская районная библиотека"),
            ready("poi__delins.docx", "Apache Tika 0.3 has been released"),
            ready("poi__heading123.docx", "Lorem ipsum dolor sit amet"),
            rejected("poi__poc-xmlbomb.xlsx", "The file contains XML entity declarations"),
            ready("poi__table_footnotes.docx", "Pole 1"),
            ready("poi__truncated62886.docx", "IMPORTADORA E EXPORTADORA"),
            ready("pypdf-samples__GeoTopo-komprimiert.pdf", "Dieses Skript wurde im Wintersemester 2013/2014"),
            ready("pypdf-samples__habibi-arabic.pdf", "حَبيبي"),
            rejected("pypdf-samples__libreoffice-writer-password.pdf", PASSWORD),
            ready("pypdf-samples__multicolumn.pdf", "Two-Column Document"),
            ready("pypdf-samples__pdflatex-4-pages.pdf", "Hello, here is some text without a meaning."),
            ready("python-docx__hdr-header-footer.docx", "section with header"),
            rejected("python-docx__tbl-having-tables.docx", "No text was found in the file."),
            rejected("tika__testOCR.pdf", "The PDF has no text layer (scanned)"),
            ready("tika__testPDFTwoTextBoxes.pdf", "Left column line 1"),
            ready("tika__testPDF_XFA_govdocs1_258578.pdf", "National Park Service"),
            ready("tika__testPDF_bad_page_303226.pdf", "Drug Enforcement Administration"),
            ready("tika__testPDF_deeplyEmbeddedAttachments.pdf", "a"),
            ready("tika__testPDF_incrementalUpdates.pdf", "Testing"),
            ready("tika__testPDF_no_extract_no_accessibility_owner_empty.pdf", "Hello World"),
            ready("tika__testPDF_protected.pdf", "RETHINKING THE FINANCIAL NETWORK"),
            ready("tika__testPDF_rotated.pdf", "Apache Tika"),
            ready("tika__testWORD_endnote_table.docx", "Lorem ipsum dolor sit amet"),
            ready("tika__testWORD_numbered_list.docx", "Intervening table"),
            rejected("tika__testWORD_protected_passtika.docx", PASSWORD),
            failed("tika__testWORD_truncated.docx", "The file could not be read; it may be damaged"),
            ready("tika__testWORD_various.docx", "Footnote appears here"),
            ready("tika__test_recursive_embedded.docx", "embed_1a"));

    @Autowired
    TenantService tenants;

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    KnowledgeIndex index;

    private static Expected ready(String file, String text) {
        return new Expected(file, "ready", text);
    }

    private static Expected rejected(String file, String reason) {
        return new Expected(file, "rejected", reason);
    }

    private static Expected failed(String file, String reason) {
        return new Expected(file, "failed", reason);
    }

    @Test
    void everySharedDocumentEndsAsExpectedWithinTheTimeLimitAndTheAppKeepsAnswering() throws Exception {
        Path folder = SharedDatasets.path("documents");
        List<String> files;
        try (var listing = Files.list(folder)) {
            files = listing.map(p -> p.getFileName().toString())
                    .filter(name -> !name.endsWith(".md"))
                    .sorted()
                    .toList();
        }
        assertThat(files)
                .containsExactlyInAnyOrderElementsOf(
                        EXPECTED.stream().map(Expected::file).toList());
        tenants.create(TENANT, "Hostile files", false);
        apiKeys.registerFromEnvironment(TENANT, "hostile documents test", KEY);
        var api = new ApiClient(port, KEY);

        List<String> problems = new ArrayList<>();
        for (Expected expected : EXPECTED) {
            long start = System.nanoTime();
            JsonNode accepted = api.upload(
                            TENANT.value(), expected.file(), Files.readAllBytes(folder.resolve(expected.file())))
                    .getBody();
            if (accepted == null || !accepted.has("id")) {
                problems.add(expected.file() + ": upload answered " + accepted);
                continue;
            }
            String id = accepted.get("id").asString();
            JsonNode doc = api.awaitDocument(TENANT.value(), id);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String status = doc.get("status").asString();
            if (!status.equals(expected.status())) {
                problems.add(expected.file() + ": " + status + " (" + doc.get("reason") + "), expected "
                        + expected.status());
            } else if (status.equals("ready")) {
                List<Document> chunks = index.chunks(TENANT, id);
                String text = chunks.stream().map(ChunkMetadata::embeddingText).collect(Collectors.joining("\n"));
                if (chunks.size() != doc.get("chunks").asInt() || !text.contains(expected.text())) {
                    problems.add(expected.file() + ": " + chunks.size() + " chunks without '" + expected.text() + "'");
                }
            } else if (!doc.get("reason").asString().startsWith(expected.text())) {
                problems.add(expected.file() + ": reason '" + doc.get("reason").asString() + "'");
            }
            if (took.compareTo(LIMIT) > 0) {
                problems.add(expected.file() + ": took " + took);
            }
        }
        assertThat(problems).isEmpty();

        JsonNode reply = api.ask(TENANT.value(), "What did Haldane say about rethinking the financial network?")
                .getBody();
        // Whether a passage is quoted with no chat provider is the answer policy's call; the search must find them.
        assertThat(reply.get("trace").get("retrieved").findValuesAsString("title"))
                .as(reply.toString())
                .isNotEmpty();
        assertThat(reply.get("answer").asString()).isNotBlank();
        assertThat(api().ask("demo", "How much is the Fibre 500 plan?")
                        .getBody()
                        .get("answer")
                        .asString())
                .isNotBlank();
    }
}
