package io.vaani.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vaani.testing.RealServersResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The servers every api-service test runs against: the real PostgreSQL, Redis and RabbitMQ, and
 * a local OIDC server whose key signs {@link Tokens}, a LiveKit stand-in and S3Proxy. One set for all, so the application starts once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = ApiTest.DATABASE),
        @ResourceArg(name = "jdbc", value = "true"),
        @ResourceArg(name = "redis-db", value = "1") })
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(LiveKitResource.class)
@WithTestResource(S3Resource.class)
public @interface ApiTest {
    String DATABASE = "vaani_test_api_service";
}
