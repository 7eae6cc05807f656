package io.vaani.api;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Access tokens signed with the local OIDC server's key, as an OIDC provider issues them. */
public final class Tokens {
    /** What the local OIDC server's discovery document names as issuer. */
    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://api.vaani.test";

    private Tokens() {
    }

    public static JwtClaimsBuilder claims(String subject, String email) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("email", email).claim("email_verified", true)
                .expiresIn(600);
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    public static String of(String subject, String email) {
        return sign(claims(subject, email));
    }
}
