package io.vaani.api.campaign;

import static io.vaani.api.validation.Changes.or;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.smallrye.mutiny.Uni;
import io.vaani.api.campaign.CampaignDtos.Campaign;
import io.vaani.api.campaign.CampaignDtos.CampaignSpec;
import io.vaani.api.campaign.CampaignDtos.Hours;
import io.vaani.api.db.Rows;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.domain.Telephony;
import io.vaani.contracts.livekit.LiveKitConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The checks on a campaign that span fields or rows: its agent and trunk, its window, and what starting it needs. */
@ApplicationScoped
class CampaignRules {
    private static final String AGENT = "select 1 from agents where workspace_id = $1 and id = $2";
    private static final String TRUNK = "select numbers, livekit_trunk_id from sip_trunks where workspace_id = $1 and id = $2";

    private final Pool pool;
    private final LiveKitConfig liveKit;

    CampaignRules(Pool pool, LiveKitConfig liveKit) {
        this.pool = pool;
        this.liveKit = liveKit;
    }

    /** The present fields of {@code top} over {@code base}. */
    static CampaignSpec overlay(CampaignSpec base, CampaignSpec top) {
        return new CampaignSpec(or(top.name(), base.name()), or(top.slug(), base.slug()), or(top.agentId(), base.agentId()),
                or(top.email(), base.email()), or(top.telephony(), base.telephony()), or(top.sipTrunkId(), base.sipTrunkId()),
                or(top.callerId(), base.callerId()), or(top.defaultRegion(), base.defaultRegion()),
                or(top.dialerInterval(), base.dialerInterval()), or(top.pacingMode(), base.pacingMode()),
                or(top.callRatio(), base.callRatio()), or(top.maxRatio(), base.maxRatio()), or(top.abandonTarget(), base.abandonTarget()),
                or(top.damper(), base.damper()), or(top.maxConcurrency(), base.maxConcurrency()), or(top.maxPerTick(), base.maxPerTick()),
                or(top.hopperMin(), base.hopperMin()), or(top.callingWindow(), base.callingWindow()),
                or(top.fallbackTimezone(), base.fallbackTimezone()), or(top.complianceProfile(), base.complianceProfile()),
                or(top.leadOrder(), base.leadOrder()), or(top.maxAttempts(), base.maxAttempts()), or(top.retryRules(), base.retryRules()),
                or(top.abandonLockoutSeconds(), base.abandonLockoutSeconds()), or(top.abandonMessage(), base.abandonMessage()),
                or(top.ringTimeoutSeconds(), base.ringTimeoutSeconds()));
    }

    /** The whole campaign, as it would be stored, is consistent and lawful. */
    Uni<Void> check(SqlClient sql, UUID workspace, CampaignSpec c) {
        if (c.callRatio().compareTo(c.maxRatio()) > 0) {
            throw ProblemException.invalid("callRatio", "must not exceed maxRatio (" + c.maxRatio() + ")");
        }
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(c.defaultRegion())) {
            throw ProblemException.invalid("defaultRegion", "'" + c.defaultRegion() + "' is not a region with phone numbers");
        }
        if (c.fallbackTimezone() != null && !ZoneId.getAvailableZoneIds().contains(c.fallbackTimezone())) {
            throw ProblemException.invalid("fallbackTimezone", "'" + c.fallbackTimezone() + "' is not an IANA time zone");
        }
        checkWindow(c.callingWindow(), c.complianceProfile());
        if (c.telephony() == Telephony.LIVEKIT && c.sipTrunkId() == null) {
            throw ProblemException.invalid("sipTrunkId", "required for LIVEKIT telephony");
        }
        Uni<Void> agent = sql.preparedQuery(AGENT).execute(Tuple.of(workspace, c.agentId())).invoke(rows -> {
            if (rows.rowCount() == 0) {
                throw ProblemException.invalid("agentId", "no such agent in this workspace");
            }
        }).replaceWithVoid();
        if (c.sipTrunkId() == null) {
            return agent;
        }
        return agent.chain(() -> sql.preparedQuery(TRUNK).execute(Tuple.of(workspace, c.sipTrunkId()))).invoke(rows -> {
            Row trunk = Rows.first(rows).orElseThrow(() -> ProblemException.invalid("sipTrunkId", "no such SIP trunk in this workspace"));
            List<String> numbers = List.of(trunk.getArrayOfStrings("numbers"));
            if (c.callerId() != null && !numbers.isEmpty() && !numbers.contains(c.callerId())) {
                throw ProblemException.invalid("callerId", "not one of the trunk's numbers " + numbers);
            }
        }).replaceWithVoid();
    }

    /** A campaign about to dial: on LiveKit, the trunk must exist there. */
    Uni<Void> readyToDial(Campaign campaign) {
        if (campaign.spec().telephony() != Telephony.LIVEKIT) {
            return Uni.createFrom().voidItem();
        }
        if (!liveKit.configured()) {
            throw ProblemException.conflict("LiveKit is not configured (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET); "
                    + "use SIMULATOR telephony or configure LiveKit");
        }
        return pool.preparedQuery(TRUNK).execute(Tuple.of(campaign.workspaceId(), campaign.spec().sipTrunkId())).invoke(rows -> {
            if (Rows.first(rows).map(t -> t.getString("livekit_trunk_id")).isEmpty()) {
                throw ProblemException.conflict("SIP trunk " + campaign.spec().sipTrunkId() + " has no LiveKit trunk yet; "
                        + "save the trunk again now that LiveKit is configured");
            }
        }).replaceWithVoid();
    }

    /** Hours that the compliance profile would cut are refused rather than silently cut. */
    private static void checkWindow(Map<String, Hours> window, ComplianceProfile profile) {
        window.forEach((day, hours) -> {
            CallingWindow.Hours parsed;
            try {
                parsed = CallingWindow.Hours.parse(hours.start(), hours.end());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("callingWindow." + day, e.getMessage());
            }
            if (profile != ComplianceProfile.NONE && (parsed.start() < CallingWindow.LAWFUL.start() || parsed.end() > CallingWindow.LAWFUL.end())) {
                throw ProblemException.invalid("callingWindow." + day, hours.start() + "-" + hours.end()
                        + " is outside the lawful " + CallingWindow.LAWFUL + " of the " + profile + " profile");
            }
        });
    }
}
