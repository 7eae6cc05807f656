package io.vaani.api.siptrunk;

import static io.vaani.api.validation.Changes.or;

import io.smallrye.mutiny.Uni;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.siptrunk.SipTrunkDtos.Auth;
import io.vaani.api.siptrunk.SipTrunkDtos.Provider;
import io.vaani.api.siptrunk.SipTrunkDtos.SipTrunk;
import io.vaani.api.siptrunk.SipTrunkDtos.SipTrunkSpec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A workspace's outbound SIP trunks. Each change is written and sent to LiveKit in one transaction:
 * if LiveKit refuses, nothing is stored, so the two never disagree for long.
 */
@ApplicationScoped
class SipTrunks {
    private static final String COLUMNS = "id, name, provider, address, numbers, auth_username, auth_password is not null as has_password, "
            + "max_cps, livekit_trunk_id, created_at, updated_at";
    private static final String CREATE = """
            insert into sip_trunks (workspace_id, id, name, provider, address, numbers, auth_username, auth_password, max_cps)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
    private static final String UPDATE = """
            update sip_trunks set name = $3, provider = $4, address = $5, numbers = $6, auth_username = $7, auth_password = $8,
                max_cps = $9, updated_at = now()
            where workspace_id = $1 and id = $2""";
    private static final String LINK = "update sip_trunks set livekit_trunk_id = $2 where id = $1";
    private static final String GET = "select " + COLUMNS + " from sip_trunks where workspace_id = $1 and id = $2";
    /** The stored credentials too, for a change that leaves them as they are. */
    private static final String LOCK = "select " + COLUMNS + ", auth_password from sip_trunks where workspace_id = $1 and id = $2 for update";
    private static final String PAGE = "select " + COLUMNS + " from sip_trunks where workspace_id = $1 and (created_at, id) > ($2, $3) "
            + "order by created_at, id limit $4";
    private static final String DELETE = "delete from sip_trunks where workspace_id = $1 and id = $2 returning livekit_trunk_id";

    private final Pool pool;
    private final LiveKitTrunks liveKit;

    SipTrunks(Pool pool, LiveKitTrunks liveKit) {
        this.pool = pool;
        this.liveKit = liveKit;
    }

    Uni<SipTrunk> create(UUID workspace, SipTrunkSpec body) {
        require(body.name(), "name");
        require(body.provider(), "provider");
        require(body.address(), "address");
        require(body.numbers(), "numbers");
        SipTrunkSpec trunk = new SipTrunkSpec(body.name().strip(), body.provider(), body.address(), body.numbers(), body.auth(),
                body.maxCps() == null ? BigDecimal.ONE : body.maxCps());
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery(CREATE).execute(values(workspace, id, trunk))
                .chain(() -> liveKit.configured()
                        ? liveKit.create(trunk.name(), trunk).chain(lk -> tx.preparedQuery(LINK).execute(Tuple.of(id, lk))).replaceWithVoid()
                        : Uni.createFrom().voidItem()))
                .chain(() -> get(workspace, id));
    }

    Uni<SipTrunk> get(UUID workspace, UUID id) {
        return pool.preparedQuery(GET).execute(Tuple.of(workspace, id)).map(rows -> trunk(found(rows, id)));
    }

    Uni<Page<SipTrunk>> list(UUID workspace, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(workspace, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, SipTrunks::trunk), page, t -> Cursor.of(t.createdAt(), t.id())));
    }

    Uni<SipTrunk> change(UUID workspace, UUID id, SipTrunkSpec change) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(workspace, id)).chain(rows -> {
            Row row = found(rows, id);
            SipTrunk current = trunk(row);
            Auth auth = change.auth() != null ? change.auth() : new Auth(current.authUsername(), row.getString(11));
            SipTrunkSpec trunk = new SipTrunkSpec(or(change.name(), current.name()).strip(), or(change.provider(), current.provider()),
                    or(change.address(), current.address()), or(change.numbers(), current.numbers()), auth,
                    or(change.maxCps(), BigDecimal.valueOf(current.maxCps())));
            Uni<Void> linked = !liveKit.configured() ? Uni.createFrom().voidItem()
                    : current.livekitTrunkId() != null ? liveKit.update(current.livekitTrunkId(), trunk.name(), trunk)
                    : liveKit.create(trunk.name(), trunk).chain(lk -> tx.preparedQuery(LINK).execute(Tuple.of(id, lk))).replaceWithVoid();
            return tx.preparedQuery(UPDATE).execute(values(workspace, id, trunk)).chain(() -> linked);
        })).chain(() -> get(workspace, id));
    }

    Uni<Void> delete(UUID workspace, UUID id) {
        return pool.withTransaction(tx -> tx.preparedQuery(DELETE).execute(Tuple.of(workspace, id))
                .onFailure(Rows::referenced).transform(e -> ProblemException.conflict(
                        "SIP trunk " + id + " is used by campaigns; move them to another trunk first"))
                .chain(rows -> {
                    String liveKitId = found(rows, id).getString(0);
                    return liveKitId != null && liveKit.configured() ? liveKit.delete(liveKitId) : Uni.createFrom().voidItem();
                }));
    }

    private static Tuple values(UUID workspace, UUID id, SipTrunkSpec t) {
        return Tuple.from(Arrays.asList(workspace, id, t.name(), t.provider().name(), t.address(), t.numbers().toArray(String[]::new),
                t.auth() == null ? null : t.auth().username(), t.auth() == null ? null : t.auth().password(), t.maxCps()));
    }

    private static Row found(RowSet<Row> rows, UUID id) {
        return Rows.first(rows).orElseThrow(() -> ProblemException.notFound("SIP trunk " + id));
    }

    private static SipTrunk trunk(Row row) {
        return new SipTrunk(row.getUUID("id"), row.getString("name"), Provider.valueOf(row.getString("provider")), row.getString("address"),
                List.of(row.getArrayOfStrings("numbers")), row.getString("auth_username"), row.getBoolean("has_password"),
                row.getBigDecimal("max_cps").doubleValue(), row.getString("livekit_trunk_id"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw ProblemException.invalid(field, "required");
        }
    }

}
