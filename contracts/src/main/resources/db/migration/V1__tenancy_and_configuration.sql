-- Tenancy, identity and the configuration that api-service owns: workspaces, users, roles,
-- API keys, agents, SIP trunks and campaigns. Enumerated columns hold the Java enum names of
-- io.vaani.contracts.domain, checked here so no service can write a value the others can't read.

create table workspaces (
    id              uuid primary key default gen_random_uuid(),
    slug            text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name            text not null check (length(name) between 1 and 200),
    -- Concurrent calls across all campaigns of the workspace.
    max_concurrency integer not null default 100 check (max_concurrency between 1 and 100000),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create table users (
    id           uuid primary key default gen_random_uuid(),
    -- OIDC "iss|sub"; null for users that exist only through API keys (the bootstrap superuser).
    subject      text unique,
    email        text not null,
    name         text,
    superuser    boolean not null default false,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz
);
create unique index users_email_idx on users (lower(email));

create table user_workspaces (
    workspace_id uuid not null references workspaces on delete cascade,
    user_id      uuid not null references users on delete cascade,
    role         text not null check (role in ('MEMBER', 'DEVELOPER', 'ADMIN')),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, user_id)
);
-- "Which workspaces may this user see": every authenticated request.
create index user_workspaces_user_idx on user_workspaces (user_id);

create table api_keys (
    id           uuid primary key default gen_random_uuid(),
    -- A workspace key acts with its role in its workspace; a user key (workspace null) acts as its user.
    workspace_id uuid references workspaces on delete cascade,
    user_id      uuid references users on delete cascade,
    role         text check (role in ('MEMBER', 'DEVELOPER', 'ADMIN')),
    name         text not null check (length(name) between 1 and 200),
    -- The visible start of the key (vk_xxxxxxxx), unique, so a presented key finds its row by index.
    prefix       text not null unique,
    -- SHA-256 of the whole key; the key itself is shown once and never stored.
    key_hash     bytea not null,
    created_by   uuid references users on delete set null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    check ((workspace_id is not null and role is not null) or (workspace_id is null and user_id is not null))
);
create index api_keys_workspace_idx on api_keys (workspace_id, created_at desc);

create table agents (
    id                 uuid primary key default gen_random_uuid(),
    workspace_id       uuid not null references workspaces on delete cascade,
    name               text not null check (length(name) between 1 and 200),
    -- The name the LiveKit agent worker registers with; dispatches target it.
    livekit_agent_name text not null default 'vaani-agent',
    system_prompt      text not null default '',
    first_message      text,
    language           text not null default 'en-US',
    llm_provider       text not null default 'openai',
    llm_model          text not null default 'gpt-4o-mini',
    stt_provider       text not null default 'deepgram',
    stt_model          text not null default 'nova-3',
    tts_provider       text not null default 'elevenlabs',
    tts_model          text,
    tts_voice          text,
    -- {"endCall":true,"callback":true,"optOut":true,"transferNumber":"+1..."} and HTTP tools.
    tools              jsonb not null default '{}',
    voicemail_action   text not null default 'HANG_UP' check (voicemail_action in ('HANG_UP', 'LEAVE_MESSAGE')),
    voicemail_message  text,
    max_call_seconds   integer not null default 600 check (max_call_seconds between 30 and 7200),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create index agents_workspace_idx on agents (workspace_id, id);

-- The "logs (SIP)" table of the platform: outbound SIP trunks.
create table sip_trunks (
    id               uuid primary key default gen_random_uuid(),
    workspace_id     uuid not null references workspaces on delete cascade,
    name             text not null check (length(name) between 1 and 200),
    provider         text not null check (provider in ('TWILIO', 'VONAGE', 'OTHER')),
    address          text not null,
    numbers          text[] not null default '{}',
    auth_username    text,
    -- Write-only through the API; never returned or logged.
    auth_password    text,
    max_cps          numeric(6, 2) not null default 1 check (max_cps > 0),
    livekit_trunk_id text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index sip_trunks_workspace_idx on sip_trunks (workspace_id, id);

create table campaigns (
    id                  uuid primary key default gen_random_uuid(),
    workspace_id        uuid not null references workspaces on delete cascade,
    agent_id            uuid not null references agents,
    -- Owner contact for notices about the campaign.
    email               text,
    slug                text not null check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                text not null check (length(name) between 1 and 200),
    status              text not null default 'DRAFT'
                        check (status in ('DRAFT', 'RUNNING', 'PAUSED', 'STOPPED', 'COMPLETED')),
    -- A batch job's one-shot campaign is hidden from campaign lists.
    one_shot            boolean not null default false,
    telephony           text not null default 'SIMULATOR' check (telephony in ('LIVEKIT', 'SIMULATOR')),
    sip_trunk_id        uuid references sip_trunks,
    caller_id           text check (caller_id ~ '^\+[1-9][0-9]{6,14}$'),
    -- Region for numbers written without a country code (ISO 3166 alpha-2).
    default_region      text not null default 'US' check (default_region ~ '^[A-Z]{2}$'),
    -- Seconds between ticks.
    dialer_interval     integer not null default 5 check (dialer_interval between 2 and 15),
    pacing_mode         text not null default 'MANUAL' check (pacing_mode in ('MANUAL', 'ADAPTIVE')),
    call_ratio          numeric(4, 2) not null default 1.0 check (call_ratio between 1.0 and 5.0),
    max_ratio           numeric(4, 2) not null default 3.0 check (max_ratio between 1.0 and 5.0),
    -- Share of answered calls that may be abandoned; the damper aims below it.
    abandon_target      numeric(5, 4) not null default 0.03 check (abandon_target > 0 and abandon_target <= 0.2),
    -- Answered calls measured before the damper acts on the abandon rate.
    damper_min_sample   integer not null default 50 check (damper_min_sample >= 1),
    -- Multiplier applied to the ratio per tick when backing off, and additive step up when recovering.
    damper_down_factor  numeric(4, 3) not null default 0.7 check (damper_down_factor > 0 and damper_down_factor < 1),
    damper_up_step      numeric(4, 3) not null default 0.05 check (damper_up_step > 0 and damper_up_step <= 1),
    max_concurrency     integer not null default 10 check (max_concurrency between 1 and 10000),
    max_per_tick        integer not null default 50 check (max_per_tick between 1 and 10000),
    -- Minimum hopper depth whatever the formula gives.
    hopper_min          integer not null default 20 check (hopper_min between 0 and 100000),
    -- Prospect-local hours per ISO weekday: {"1":{"start":"09:00","end":"20:00"},...}; a missing day is closed.
    calling_window      jsonb not null default
        '{"1":{"start":"09:00","end":"20:00"},"2":{"start":"09:00","end":"20:00"},"3":{"start":"09:00","end":"20:00"},"4":{"start":"09:00","end":"20:00"},"5":{"start":"09:00","end":"20:00"},"6":{"start":"10:00","end":"18:00"}}',
    -- Zone used for prospects without one, when the policy allows it; null: never dial them.
    fallback_timezone   text,
    compliance_profile  text not null default 'US' check (compliance_profile in ('US', 'UK', 'NONE')),
    lead_order          text not null default 'OLDEST_FIRST'
                        check (lead_order in ('OLDEST_FIRST', 'NEWEST_FIRST', 'RANDOM', 'FEWEST_ATTEMPTS')),
    max_attempts        integer not null default 3 check (max_attempts between 1 and 50),
    -- Per outcome: {"NO_ANSWER":{"delaySeconds":7200,"maxAttempts":3},...}; absent outcomes use the defaults.
    retry_rules         jsonb not null default '{}',
    -- An abandoned prospect is not called again before this (UK: 72 h).
    abandon_lockout_seconds integer not null default 259200 check (abandon_lockout_seconds >= 0),
    -- Played to a callee when no agent is free.
    abandon_message     text not null default 'Sorry, we cannot take your call right now. We will not call you again today.',
    ring_timeout_seconds integer not null default 30 check (ring_timeout_seconds between 10 and 120),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    started_at          timestamptz,
    stopped_at          timestamptz,
    unique (workspace_id, slug)
);
create index campaigns_workspace_idx on campaigns (workspace_id, id);
-- Ticker and hopper reconcile with "all RUNNING campaigns".
create index campaigns_running_idx on campaigns (id) where status = 'RUNNING';
