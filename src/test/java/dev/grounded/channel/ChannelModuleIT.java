package dev.grounded.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.ConnectionStore;
import dev.grounded.channel.whatsapp.Contacts;
import dev.grounded.conversation.CustomerErased;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.testing.FreshDataDirectory;
import dev.grounded.testing.Patience;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The WhatsApp channel started with the capabilities it depends on, told by the conversation capability's event that
 * a customer was erased: it forgets the customer on every number of that tenant, and only that customer.
 */
// The tenant capability is asked for by name: the channel uses its types, not its beans.
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "tenant")
class ChannelModuleIT {

    private static final TenantId TENANT = TenantId.of("channel-module");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        FreshDataDirectory.register(registry, "grounded-channel-module");
        // The health groups name contributors of modules this test leaves out.
        registry.add("management.endpoint.health.validate-group-membership", () -> "false");
    }

    @Autowired
    TenantService tenants;

    @Autowired
    ConnectionStore connections;

    @Autowired
    Contacts contacts;

    @Test
    void anErasedCustomerIsForgottenOnEveryNumberOfTheTenant(Scenario scenario) {
        tenants.create(TENANT, "Channel module", false);
        Instant now = Instant.now();
        Connection sales = connection("sales", "101", now);
        Connection support = connection("support", "102", now);
        contacts.inbound(sales, "34633330000", "Ana", now, now);
        contacts.inbound(support, "34633330000", "Ana", now, now);
        contacts.inbound(support, "34644440000", "Rui", now, now);

        scenario.publish(new CustomerErased(TENANT, contacts.hash("+34 633 33 00 00")))
                .customize(wait -> wait.atMost(Patience.CEILING))
                .andWaitForStateChange(() -> contacts.forCustomer(TENANT, "34633330000"), Optional::isEmpty)
                .andVerify(ana -> assertThat(ana).isEmpty());

        assertThat(contacts.find(sales.id(), contacts.hash("34633330000"))).isEmpty();
        assertThat(contacts.find(support.id(), contacts.hash("34633330000"))).isEmpty();
        assertThat(contacts.forCustomer(TENANT, "34644440000")).isPresent();
    }

    private Connection connection(String name, String phoneNumberId, Instant now) {
        Connection connection = new Connection(
                ConnectionId.random(),
                TENANT,
                Provider.META,
                name,
                Map.of("phoneNumberId", phoneNumberId),
                Map.of("appSecret", "secret-" + name),
                null,
                now);
        connections.insert(connection, now);
        return connection;
    }
}
