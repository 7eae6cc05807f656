package io.vaani.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header: one bearer scheme for both OIDC access tokens and {@code vk_} API keys. */
@OpenAPIDefinition(info = @Info(title = "Vaani API", version = "v1"), security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An OIDC access token of the configured provider, or a workspace API key (vk_...)")
public class ApiDocument extends Application {
}
