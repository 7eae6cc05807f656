package io.vaani.ticker;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.ServiceReadinessContract;

@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_ticker"),
        @ResourceArg(name = "redis-db", value = "2") })
class TickerReadinessTest extends ServiceReadinessContract {

    @Override
    protected String[] expectedChecks() {
        return new String[] { RABBITMQ, REDIS, POSTGRESQL };
    }
}
