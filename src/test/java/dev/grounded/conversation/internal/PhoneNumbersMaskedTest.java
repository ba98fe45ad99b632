package dev.grounded.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JSON logs' net for phone numbers: whatever carries one, only its last four digits are left. */
class PhoneNumbersMaskedTest {

    @Test
    void masksEveryFormAProviderOrALibraryWritesANumberIn() {
        assertThat(PhoneNumbersMasked.mask("Send to whatsapp:+34600111222 failed"))
                .isEqualTo("Send to whatsapp:+•••••••1222 failed");
        assertThat(PhoneNumbersMasked.mask("{\"wa_id\":\"34600111222\"}")).isEqualTo("{\"wa_id\":\"•••••••1222\"}");
        assertThat(PhoneNumbersMasked.mask("34600111222@c.us")).isEqualTo("•••••••1222@c.us");
    }

    @Test
    void leavesDatesTimesIdsAndShortNumbersAlone() {
        String text = "Run 2026-12-07T23:51:44Z took 1234 ms for order 4711 of tenant demo-2, wamid.HBgL, document"
                + " 12348290-263e-4dcd-85d8-f789ef824956, run 0f3e-12345678901";
        assertThat(PhoneNumbersMasked.mask(text)).isEqualTo(text);
    }
}
