package io.vaani.agent;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.ServiceReadinessContract;

@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = @ResourceArg(name = "redis-db", value = "6"))
class AgentWorkerReadinessTest extends ServiceReadinessContract {

    @Override
    protected String[] expectedChecks() {
        return new String[] { RABBITMQ, REDIS };
    }
}
