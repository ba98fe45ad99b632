package dev.grounded.egress;

import dev.grounded.egress.internal.AddressRules;
import dev.grounded.egress.internal.CheckingDnsResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Where a tenant's URL may lead. {@link #check} tells an admin at once why a base URL is refused; {@link #client} is
 * the HTTP client for such URLs, which checks again where it connects, so that nothing reaches an internal address
 * whatever the URL became since.
 */
@Component
public class EgressPolicy implements DisposableBean {

    private static final String GROUNDED_EGRESS_ALLOW_HINT =
            ". An operator can allow an internal gateway with GROUNDED_EGRESS_ALLOW (a host name or an address range)";

    private final AddressRules rules;
    private final List<CloseableHttpClient> clients = new CopyOnWriteArrayList<>();

    public EgressPolicy(EgressProperties properties) {
        this.rules = AddressRules.allowing(properties.allow());
    }

    /**
     * A base URL a tenant sets: http or https, a host, no user name or password, no query or fragment (they would
     * change the paths added to it), and a host whose every address may be reached.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public URI check(String what, String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(what + " must be an http or https URL such as http://waha:3000");
        }
        if (uri.getRawUserInfo() != null
                || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new IllegalArgumentException(what + " must not carry a user name or password; the connection's"
                    + " secrets hold the credentials");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || url.contains("?") || url.contains("#")) {
            throw new IllegalArgumentException(what + " must not have a query (?) or fragment (#)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(what + " must name a host, as in http://waha:3000");
        }
        reachable(uri.getHost()).ifPresent(reason -> {
            throw new IllegalArgumentException(what + " is refused: " + reason + GROUNDED_EGRESS_ALLOW_HINT);
        });
        return uri;
    }

    /** Why the host may not be reached, or empty when it may (every address it resolves to is allowed). */
    private Optional<String> reachable(String host) {
        if (rules.allowsHost(host)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("its host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = rules.refusal(address);
            if (refusal.isPresent()) {
                return Optional.of(
                        host.equals(address.getHostAddress()) || host.startsWith("[")
                                ? refusal.get()
                                : host + " resolves to " + refusal.get());
            }
        }
        return Optional.empty();
    }

    /**
     * An HTTP client for tenants' URLs: it connects only to checked addresses, follows no redirect (a 3xx is an
     * answer like any other), never retries a request on its own (a retried send could reach a customer twice) and
     * callers bound what they read of an answer
     * ({@code ProviderHttp} reads at most 4 MB).
     */
    public RestClient client(Duration timeout) {
        Timeout limit = Timeout.of(timeout);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckingDnsResolver(rules))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(limit)
                        .setSocketTimeout(limit)
                        .build())
                .setMaxConnPerRoute(20)
                .setMaxConnTotal(200)
                .build();
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(limit)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        clients.add(http);
        return RestClient.builder()
                .requestFactory(new HttpComponentsClientHttpRequestFactory(http))
                .requestInterceptor(literalAddresses())
                .build();
    }

    /**
     * A URL whose host is an address is connected to without being resolved: it is checked here, with the scheme and
     * credentials, before the request is made.
     */
    private ClientHttpRequestInterceptor literalAddresses() {
        return (request, body, execution) -> {
            URI uri = request.getURI();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawUserInfo() != null) {
                throw new EgressRefusedException("Only http(s) URLs without credentials are called");
            }
            String host = uri.getHost() == null ? "" : uri.getHost();
            if (!rules.allowsHost(host) && (host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+"))) {
                Optional<String> refusal = reachable(host);
                if (refusal.isPresent()) {
                    throw new EgressRefusedException(refusal.get() + ", which tenants' URLs may not reach");
                }
            }
            return execution.execute(request, body);
        };
    }

    @Override
    public void destroy() throws IOException {
        for (CloseableHttpClient client : clients) {
            client.close();
        }
    }
}
