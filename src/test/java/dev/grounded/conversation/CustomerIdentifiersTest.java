package dev.grounded.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CustomerIdentifiersTest {

    private final CustomerIdentifiers identifiers = new CustomerIdentifiers(key((byte) 7));

    @Test
    void oneNumberHashesAlikeInEveryChannelsFormat() {
        String hash = identifiers.hash("+34 600 12 34 56");

        assertThat(identifiers.hash("+34600123456")).isEqualTo(hash);
        assertThat(identifiers.hash("whatsapp:+34600123456")).isEqualTo(hash);
        assertThat(identifiers.hash("34600123456@c.us")).isEqualTo(hash);
        assertThat(identifiers.hash("(+34) 600-123-456")).isEqualTo(hash);
        assertThat(identifiers.hash("+34600123457")).isNotEqualTo(hash);
        assertThat(hash).hasSize(64).doesNotContain("600123456");
    }

    @Test
    void theHashDependsOnTheKeySoItCannotBeLookedUpWithoutIt() {
        assertThat(new CustomerIdentifiers(key((byte) 8)).hash("+34600123456"))
                .isNotEqualTo(identifiers.hash("+34600123456"));
    }

    @Test
    void encryptionRoundTripsAndNeverRepeatsItsCiphertext() {
        String first = identifiers.encrypt("+34600123456");
        String second = identifiers.encrypt("+34600123456");

        assertThat(first).isNotEqualTo(second).doesNotContain("600123456");
        assertThat(identifiers.decrypt(first)).isEqualTo("+34600123456");
        assertThat(identifiers.decrypt(second)).isEqualTo("+34600123456");
        assertThatThrownBy(() -> new CustomerIdentifiers(key((byte) 8)).decrypt(first))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("data key");
    }

    @Test
    void masksKeepTheCountryCodeAndTheLastFourDigitsOnly() {
        assertThat(CustomerIdentifiers.mask("+34 600 12 34 56")).isEqualTo("+34•••••3456");
        assertThat(CustomerIdentifiers.mask("whatsapp:+4915112345678")).isEqualTo("+49•••••••5678");
        assertThat(CustomerIdentifiers.mask("playground-user")).isEqualTo("••••••••");
        assertThat(CustomerIdentifiers.mask(null)).isNull();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new CustomerIdentifiers(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    private static byte[] key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return key;
    }
}
