package dev.grounded.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitleFromFileNameTest {

    @Test
    void aFileNameBecomesAReadableTitle() {
        assertThat(KnowledgeService.titleFromFileName("pdfminer__rc4-40.pdf")).isEqualTo("pdfminer rc4 40");
        assertThat(KnowledgeService.titleFromFileName("C:\\Users\\ana\\price_list 2026.docx"))
                .isEqualTo("price list 2026");
        assertThat(KnowledgeService.titleFromFileName("aurora-loyalty.md")).isEqualTo("aurora loyalty");
        assertThat(KnowledgeService.titleFromFileName(".profile")).isEqualTo(".profile");
    }
}
