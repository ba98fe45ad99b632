package dev.grounded.egress;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allow what the operator lets tenants reach although it is internal ({@code GROUNDED_EGRESS_ALLOW}, comma
 *     separated): host names, as the URL names them (compose's {@code waha}), IP addresses and CIDR ranges
 *     ({@code 10.0.0.0/8}, {@code fd00::/8}) that resolved addresses are matched against
 */
@ConfigurationProperties("grounded.egress")
public record EgressProperties(@DefaultValue("") List<String> allow) {

    public EgressProperties {
        allow = allow == null
                ? List.of()
                : allow.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
