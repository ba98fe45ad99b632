package dev.grounded.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.client.ResourceAccessException;

class EgressPolicyTest {

    private final EgressPolicy policy = new EgressPolicy(new EgressProperties(List.of()));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:3000",
                "http://localhost:3000",
                "http://[::1]:3000",
                "http://0.0.0.0:3000",
                "http://2130706433:3000",
                "http://0x7f000001/",
                "http://127.1/",
                "http://169.254.169.254/latest/meta-data",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:169.254.169.254]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://[2002:7f00:1::]/",
                "http://[fd00:ec2::254]/",
                "http://[fe80::1]/",
                "http://10.1.2.3/",
                "http://172.16.0.1/",
                "http://192.168.1.1/",
                "http://100.100.100.200/",
                "http://224.0.0.1/",
            })
    void internalAddressesAreRefused(String url) {
        assertThatThrownBy(() -> policy.check("The WAHA baseUrl", url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The WAHA baseUrl");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://waha.example.com/",
                "file:///etc/passwd",
                "gopher://waha.example.com/",
                "http://user:pass@waha.example.com/",
                "http://waha.example.com@127.0.0.1/",
                "http://8.8.8.8/api?x=",
                "http://8.8.8.8/api#",
                "http:///nohost",
                "not a url",
            })
    void urlsThatCouldChangeTheirPathsOrCarryCredentialsAreRefused(String url) {
        assertThatThrownBy(() -> policy.check("The WAHA baseUrl", url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPublicAddressIsAccepted() {
        assertThat(policy.check("The WAHA baseUrl", "https://8.8.8.8/waha").getPath())
                .isEqualTo("/waha");
    }

    @Test
    void theOperatorAllowsHostNamesAndRanges() {
        var allowing = new EgressPolicy(new EgressProperties(List.of("localhost", "10.0.0.0/8", "fd00::/8")));
        assertThat(allowing.check("url", "http://localhost:3000").getHost()).isEqualTo("localhost");
        assertThat(allowing.check("url", "http://10.9.8.7:3000").getHost()).isEqualTo("10.9.8.7");
        assertThat(allowing.check("url", "http://[fd00::1]:3000").getHost()).isEqualTo("[fd00::1]");
        assertThatThrownBy(() -> allowing.check("url", "http://127.0.0.1:3000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allowing.check("url", "http://169.254.169.254/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMisspelledAllowListEntryStopsTheStart() {
        assertThatThrownBy(() -> new EgressPolicy(new EgressProperties(List.of("10.0.0.0/33"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GROUNDED_EGRESS_ALLOW");
        assertThatThrownBy(() -> new EgressPolicy(new EgressProperties(List.of("http://waha"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The client checks where it connects: a loopback listener sees no connection, by name or by address. */
    @Test
    void theClientConnectsToNoRefusedAddress() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        listener.accept().close();
                        accepted.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            var client = policy.client(Duration.ofSeconds(5));
            for (String url : List.of(
                    "http://localhost:" + listener.getLocalPort() + "/",
                    "http://127.0.0.1:" + listener.getLocalPort() + "/",
                    "http://[::1]:" + listener.getLocalPort() + "/",
                    "http://2130706433:" + listener.getLocalPort() + "/")) {
                assertThatThrownBy(() -> client.get().uri(url).retrieve().toBodilessEntity())
                        .as(url)
                        .isInstanceOf(ResourceAccessException.class)
                        .satisfies(
                                e -> assertThat(EgressRefusedException.among(e)).isTrue());
            }
            assertThat(accepted).hasValue(0);
        }
    }
}
