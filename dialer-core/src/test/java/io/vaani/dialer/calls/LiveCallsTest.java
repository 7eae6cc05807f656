package io.vaani.dialer.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vaani.dialer.dialing.FastSimulator;
import io.vaani.testing.RealServersResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The Redis registry of live calls: limits held under racing answers, each transition once, self-healing leases. */
@QuarkusTest
@TestProfile(FastSimulator.class)
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_run"),
        @ResourceArg(name = "redis-db", value = "5") })
class LiveCallsTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    LiveCalls live;

    @Inject
    RedisDataSource redis;

    CallKeys keys = CallKeys.of(UUID.randomUUID(), UUID.randomUUID(), "agent-" + UUID.randomUUID());
    Instant now = Instant.now();
    Instant lease = now.plusSeconds(60);

    void place(long... ids) {
        LiveCalls.Snapshot before = live.snapshot(keys, now).await().atMost(WAIT);
        String token = UUID.randomUUID().toString();
        assertThat(live.reserve(keys, before, ids.length, token, now).await().atMost(WAIT)).isTrue();
        live.settle(keys, token, ids.length, LongStream.of(ids).mapToObj(id -> new LiveCalls.Placed(id, lease)).toList())
                .await().atMost(WAIT);
    }

    @Test
    void racingAnswersNeverExceedTheTightestLimit() {
        long[] ids = LongStream.rangeClosed(1, 40).map(i -> 9_000_000 + i).toArray();
        place(ids);
        LiveCalls.Limits limits = new LiveCalls.Limits(10, 7, 50);
        List<Uni<Boolean>> answers = new ArrayList<>();
        for (long id : ids) {
            answers.add(live.answer(keys, id, limits, now, lease));
        }
        List<Boolean> taken = Uni.join().all(answers).andFailFast().await().atMost(WAIT);
        assertThat(taken.stream().filter(b -> b).count()).isEqualTo(7); // the workspace's limit is the tightest
        LiveCalls.Snapshot after = live.snapshot(keys, now).await().atMost(WAIT);
        assertThat(after.connected()).isEqualTo(7);
        assertThat(after.workspaceConnected()).isEqualTo(7);
        assertThat(after.ringing()).isZero();
    }

    @Test
    void leaseEndsTellEachLiveCallsAge() {
        place(5_000_001L, 5_000_002L);
        Instant answeredLease = now.plusSeconds(600);
        live.answer(keys, 5_000_002L, new LiveCalls.Limits(10, 10, 10), now, answeredLease).await().atMost(WAIT);
        LiveCalls.LeaseEnds ends = live.leaseEnds(keys).await().atMost(WAIT);
        assertThat(ends.ringing()).containsExactly(lease.toEpochMilli());
        assertThat(ends.connected()).containsExactly(answeredLease.toEpochMilli());
    }

    @Test
    void eachCallMovesOnceWhateverTheDuplicates() {
        place(8_000_001L);
        LiveCalls.Limits roomy = new LiveCalls.Limits(10, 10, 10);
        assertThat(live.answer(keys, 8_000_001L, roomy, now, lease).await().atMost(WAIT)).isTrue();
        assertThat(live.answer(keys, 8_000_001L, roomy, now, lease).await().atMost(WAIT)).isTrue(); // same answer again
        assertThat(live.snapshot(keys, now).await().atMost(WAIT).connected()).isEqualTo(1);
        assertThat(live.end(keys, 8_000_001L).await().atMost(WAIT)).isTrue();
        assertThat(live.end(keys, 8_000_001L).await().atMost(WAIT)).isFalse();
        // A late duplicate of the answer after the end takes no slot.
        assertThat(live.answer(keys, 8_000_001L, roomy, now, lease).await().atMost(WAIT)).isFalse();
        assertThat(live.snapshot(keys, now).await().atMost(WAIT)).isEqualTo(new LiveCalls.Snapshot(0, 0, 0, 0));
        // Restoring an ended call (its marker says so) changes nothing either.
        assertThat(live.restore(keys, 8_000_001L, true, lease).await().atMost(WAIT)).isFalse();
    }

    @Test
    void aReservationOnStaleFiguresIsRefusedAndUnusedSlotsReturn() {
        LiveCalls.Snapshot empty = live.snapshot(keys, now).await().atMost(WAIT);
        assertThat(live.reserve(keys, empty, 5, "t1", now).await().atMost(WAIT)).isTrue();
        // A second tick paced on the same (now stale) figures loses: it would double the calls.
        assertThat(live.reserve(keys, empty, 5, "t2", now).await().atMost(WAIT)).isFalse();
        live.settle(keys, "t1", 5, List.of(new LiveCalls.Placed(7_000_001L, lease))).await().atMost(WAIT);
        assertThat(live.snapshot(keys, now).await().atMost(WAIT).ringing()).isEqualTo(1);
    }

    @Test
    void slotsWhoseLeasePassedFreeThemselves() {
        place(6_000_001L);
        assertThat(live.snapshot(keys, lease.plusMillis(1)).await().atMost(WAIT).ringing()).isZero();
        // A reservation whose tick died lapses too.
        LiveCalls.Snapshot empty = live.snapshot(keys, now).await().atMost(WAIT);
        live.reserve(keys, empty, 3, "dead-tick", now).await().atMost(WAIT);
        assertThat(live.snapshot(keys, now.plusMillis(LiveCalls.RESERVATION_MS + 1)).await().atMost(WAIT).ringing()).isZero();
    }

    @Test
    void activeCallsKeyCountsEveryLiveCallWithATtl() {
        place(5_000_001L, 5_000_002L);
        assertThat(Long.parseLong(redis.value(String.class).get(CallKeys.ACTIVE_CALLS))).isGreaterThanOrEqualTo(2);
        assertThat(redis.key().ttl(CallKeys.ACTIVE_CALLS)).isBetween(1L, 600L);
    }
}
