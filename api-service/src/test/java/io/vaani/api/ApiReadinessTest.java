package io.vaani.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.ServiceReadinessContract;

@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_api_service"),
        @ResourceArg(name = "jdbc", value = "true"),
        @ResourceArg(name = "redis-db", value = "1") })
@WithTestResource(OidcWiremockTestResource.class)
class ApiReadinessTest extends ServiceReadinessContract {

    @Override
    protected String[] expectedChecks() {
        return new String[] { RABBITMQ, REDIS, POSTGRESQL };
    }
}
