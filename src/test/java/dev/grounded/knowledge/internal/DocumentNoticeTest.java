package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentNoticeTest {

    @Test
    void nothingToSayIsNoNotice() {
        assertThat(DocumentNotice.of(false, 5_000_000, 0)).isNull();
    }

    @Test
    void saysWhatOfTheDocumentIsNotUsed() {
        assertThat(DocumentNotice.of(true, 5_000_000, 0))
                .isEqualTo("Only the first 5,000,000 characters of its text were read"
                        + " (GROUNDED_KNOWLEDGE_MAX_CHARACTERS); the rest of the file is not used.");
        assertThat(DocumentNotice.of(false, 5_000_000, 1))
                .isEqualTo("1 change made to a passage no longer applies: that passage is not in this version.");
        assertThat(DocumentNotice.of(true, 1_000, 3))
                .startsWith("Only the first 1,000 characters")
                .endsWith(" 3 changes made to passages no longer apply: those passages are not in this version.");
    }
}
