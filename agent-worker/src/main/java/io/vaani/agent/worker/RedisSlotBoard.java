package io.vaani.agent.worker;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.vaani.contracts.agent.AgentSlots;
import java.time.Instant;

/** The slot reports in Redis: one field per worker of the hash {@code vaani:agent-workers:<agent name>}. */
final class RedisSlotBoard implements SlotBoard {
    private final HashCommands<String, String, String> hashes;
    private final String key;
    private final String worker;

    RedisSlotBoard(RedisDataSource redis, String agentName, String worker) {
        this.hashes = redis.hash(String.class);
        this.key = AgentSlots.key(agentName);
        this.worker = worker;
    }

    @Override
    public void report(int capacity, Instant validUntil) {
        hashes.hset(key, worker, AgentSlots.report(capacity, validUntil));
    }

    @Override
    public void withdraw() {
        hashes.hdel(key, worker);
    }
}
