package dev.grounded.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Markdown as WhatsApp shows it: its own emphasis marks, and tables as one readable line per row. */
class WhatsAppTextTest {

    @Test
    void aTableBecomesOneLinePerRowEachCellAfterItsHeader() {
        String answer = """
                Our plans:

                | Plan | Price | Speed |
                | --- | :---: | ---: |
                | Fibre 300 | €29.90 | 300 Mbps |
                | Fibre 1000 | €44.90 |  |

                Prices include VAT.""";

        assertThat(WhatsAppText.format(answer))
                .isEqualTo("""
                        Our plans:

                        - Plan: Fibre 300; Price: €29.90; Speed: 300 Mbps
                        - Plan: Fibre 1000; Price: €44.90

                        Prices include VAT.""")
                .doesNotContain("---")
                .doesNotContain("|");
    }

    @Test
    void aTableWithoutTheRuleTakesAFirstRowOfWordsForItsHeader() {
        String chunk = """
                ## Internet plans
                | Plan | Download | Monthly price (24 months) |
                | Fibre 300 | 300 Mbps | 29.90 EUR |
                | Fibre 1000 | 1 Gbps | 44.90 EUR |""";

        assertThat(WhatsAppText.format(chunk)).isEqualTo("""
                        *Internet plans*
                        - Plan: Fibre 300; Download: 300 Mbps; Monthly price (24 months): 29.90 EUR
                        - Plan: Fibre 1000; Download: 1 Gbps; Monthly price (24 months): 44.90 EUR""");
    }

    @Test
    void aTableQuotedOnOneLineIsReadAsItsRows() {
        String quoted = "| Plan | Download | Monthly price (24 months) | | --- | --- | --- | | Fibre 300 | 300 Mbps |"
                + " 29.90 EUR | | Fibre 1000 | 1 Gbps | 44.90 EUR | Contracts of 12 months cost 2 EUR more.";

        assertThat(WhatsAppText.format(quoted)).isEqualTo("""
                        - Plan: Fibre 300; Download: 300 Mbps; Monthly price (24 months): 29.90 EUR
                        - Plan: Fibre 1000; Download: 1 Gbps; Monthly price (24 months): 44.90 EUR
                        Contracts of 12 months cost 2 EUR more.""");
    }

    @Test
    void aTableWithoutAHeaderKeepsItsRowsAndAnEscapedPipeStaysInItsCell() {
        assertThat(WhatsAppText.format("| Mon–Fri | 9:00–18:00 |\n| Sat | 10:00 \\| 14:00 |"))
                .isEqualTo("- Mon–Fri; 9:00–18:00\n- Sat; 10:00 | 14:00");
    }

    @Test
    void emphasisHeadingsAndLinksBecomeWhatsAppsOwn() {
        assertThat(WhatsAppText.format("## Hours\n**Open** on *weekdays*, see [the site](https://example.com)"))
                .isEqualTo("*Hours*\n*Open* on _weekdays_, see the site (https://example.com)");
    }
}
