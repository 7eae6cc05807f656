package io.vaani.contracts.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallRinging;
import io.vaani.contracts.messages.OptOutRequest;
import io.vaani.contracts.messages.ScheduleRequest;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.contracts.topology.Queues;
import io.vaani.contracts.topology.WorkQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing, consuming, acknowledging and dead-lettering through the real broker. */
class RabbitConnectionTest {
    static final String HOST = env("VAANI_TEST_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(env("VAANI_TEST_AMQP_PORT", "5672"));
    static final String VHOST = env("VAANI_TEST_AMQP_VHOST", "vaani-test");
    static final UUID WORKSPACE = UUID.randomUUID();

    record Broker(String host, int port, String username, String password, String virtualHost, int prefetch,
            Duration reconnectInterval, Duration confirmTimeout) implements RabbitConfig {
    }

    private RabbitConnection rabbit;
    private Connection inspector;

    @BeforeEach
    void connect() throws Exception {
        rabbit = new RabbitConnection(broker(PORT), "contracts-test");
        rabbit.start();
        await().atMost(Duration.ofSeconds(20)).until(rabbit::isOpen);
        inspector = factory().newConnection("contracts-test-inspector");
        for (WorkQueue queue : Queues.ALL) {
            try (Channel channel = inspector.createChannel()) {
                channel.queuePurge(queue.name());
                channel.queuePurge(queue.deadLetterQueue());
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        rabbit.close();
        inspector.close();
    }

    @Test
    void aMessageIsAcknowledgedWhenItsWorkCompletes() throws Exception {
        List<ScheduleRequest> handled = new CopyOnWriteArrayList<>();
        rabbit.subscribe(Queues.SCHEDULER_REQUESTS, ScheduleRequest.class, message -> {
            handled.add(message);
            return CompletableFuture.completedFuture(null);
        });
        OptOutRequest optOut = optOut();
        rabbit.publish(optOut).get();

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 1);
        assertThat(handled).containsExactly(optOut);
        rabbit.close(); // an unacknowledged message would now return to the queue
        assertThat(ready(Queues.SCHEDULER_REQUESTS.name())).isZero();
        assertThat(ready(Queues.SCHEDULER_REQUESTS.deadLetterQueue())).isZero();
    }

    @Test
    void aMessageWhoseWorkIsUnfinishedIsNotAcknowledged() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        rabbit.subscribe(Queues.SCHEDULER_REQUESTS, ScheduleRequest.class, message -> {
            calls.incrementAndGet();
            return new CompletableFuture<>(); // the work never commits, e.g. the replica dies
        });
        rabbit.publish(optOut()).get();

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
        assertThat(ready(Queues.SCHEDULER_REQUESTS.name())).as("held by the consumer").isZero();
        rabbit.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> ready(Queues.SCHEDULER_REQUESTS.name()) == 1);
    }

    @Test
    void poisonMessagesEndInTheDeadLetterQueue() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        rabbit.subscribe(Queues.SCHEDULER_CALLS, CallEvent.class, message -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new PoisonMessageException("campaign unknown"));
        });
        try (Channel channel = inspector.createChannel()) {
            channel.basicPublish(Exchanges.CALLS, "call.ringing", MessageProperties.PERSISTENT_BASIC,
                    "{\"type\":\"ringing\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
        }
        rabbit.publish(new CallRinging(1, 11, WORKSPACE, UUID.randomUUID(), 5, Instant.now())).get();

        String dlq = Queues.SCHEDULER_CALLS.deadLetterQueue();
        await().atMost(Duration.ofSeconds(10)).until(() -> ready(dlq) == 2);
        assertThat(calls).as("the undecodable one never reached the handler").hasValue(1);
        assertThat(ready(Queues.SCHEDULER_CALLS.name())).isZero();
        try (Channel channel = inspector.createChannel()) {
            var dead = channel.basicGet(dlq, true);
            assertThat(dead.getProps().getHeaders()).containsKey("x-death");
        }
    }

    @Test
    void aFailureIsRetriedAfterABackoffUntilTheWorkSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        rabbit.subscribe(Queues.SCHEDULER_CALLS, CallEvent.class, message -> attempts.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new IllegalStateException("database briefly away"))
                : CompletableFuture.completedFuture(null));
        rabbit.publish(new CallRinging(1, 12, WORKSPACE, UUID.randomUUID(), 5, Instant.now())).get();

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 3);
        rabbit.close();
        assertThat(ready(Queues.SCHEDULER_CALLS.name())).as("acknowledged after the third attempt").isZero();
        assertThat(ready(Queues.SCHEDULER_CALLS.deadLetterQueue())).isZero();
    }

    @Test
    void publishingWithoutABrokerFailsFastAndReadinessSaysSo() throws Exception {
        try (RabbitConnection nowhere = new RabbitConnection(broker(1), "contracts-test-nowhere")) {
            nowhere.start();
            assertThat(nowhere.isOpen()).isFalse();
            var publish = nowhere.publish(new CallRinging(1, 13, WORKSPACE, UUID.randomUUID(), 5, Instant.now()));
            assertThat(publish).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                    .withMessageContaining("not connected");
        }
    }

    @Test
    void aRetryingPublishWaitsOutABrokerThatIsNotThereYet() throws Exception {
        try (RabbitConnection late = new RabbitConnection(broker(PORT), "contracts-test-late")) {
            var publish = late.publishRetrying(optOut());
            assertThat(publish).isNotDone();
            late.start(); // the broker becomes reachable after the first try failed
            assertThat(publish).succeedsWithin(Duration.ofSeconds(15));
            assertThat(ready(Queues.SCHEDULER_REQUESTS.name())).isOne();
        }
    }

    @Test
    void backoffGrowsAndIsCapped() {
        assertThat(DeliveryConsumer.backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(DeliveryConsumer.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(DeliveryConsumer.backoff(40)).isEqualTo(Duration.ofSeconds(30));
    }

    private long ready(String queue) throws Exception {
        try (Channel channel = inspector.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static OptOutRequest optOut() {
        return new OptOutRequest(1, UUID.randomUUID(), WORKSPACE, "+14155550100", null, "test", Instant.now());
    }

    private static Broker broker(int port) {
        return new Broker(HOST, port, "guest", "guest", VHOST, 8, Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    private static ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setVirtualHost(VHOST);
        return factory;
    }

    private static String env(String name, String fallback) {
        return Objects.requireNonNullElse(System.getenv(name), fallback);
    }
}
