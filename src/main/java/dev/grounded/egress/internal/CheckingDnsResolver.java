package dev.grounded.egress.internal;

import dev.grounded.egress.EgressRefusedException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a host for the HTTP client and refuses it when any of its addresses is internal. The client connects to the
 * very addresses checked here, so a name that resolves differently a moment later (DNS rebinding) gains nothing.
 */
public final class CheckingDnsResolver implements DnsResolver {

    private final AddressRules rules;

    public CheckingDnsResolver(AddressRules rules) {
        this.rules = rules;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (rules.allowsHost(host)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = rules.refusal(address);
            if (refusal.isPresent()) {
                throw new EgressRefusedException(
                        host + " resolves to " + refusal.get() + ", which tenants' URLs may not reach");
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
