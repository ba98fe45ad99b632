package dev.grounded.tenant.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API's OpenAPI description (/v3/api-docs, browsable at /swagger-ui.html by a signed-in admin): every
 * operation takes a tenant API key as a bearer token, but the providers' webhooks, which are verified by signature.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI groundedOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Grounded API")
                        .version("v1")
                        .description("Answers from a tenant's own knowledge, its documents, quick replies, settings,"
                                + " conversations, WhatsApp connections and evaluations. Every path names the tenant;"
                                + " a key reaches only its own tenant and acts in the role it was created with."))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description(
                                                "A tenant API key (console, API keys): Authorization: Bearer grd_…")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }
}
