package io.vaani.api;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.testing.ServiceReadinessContract;

@QuarkusTest
@ApiTest
class ApiReadinessTest extends ServiceReadinessContract {

    @Override
    protected String[] expectedChecks() {
        return new String[] { RABBITMQ, REDIS, POSTGRESQL };
    }
}
