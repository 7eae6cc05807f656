-- The dialer's tables. prospects, call_logs, batch_items and chat_logs grow to millions of rows
-- per workspace: they take bigint identities, and every query on a hot path has an index (see
-- contracts/README.md for which query uses which).

create table prospect_lists (
    id           uuid primary key default gen_random_uuid(),
    workspace_id uuid not null references workspaces on delete cascade,
    campaign_id  uuid not null references campaigns on delete cascade,
    name         text not null check (length(name) between 1 and 200),
    -- Higher lists are dialed first.
    priority     integer not null default 0 check (priority between -1000 and 1000),
    active       boolean not null default true,
    expires_at   timestamptz,
    file_name    text,
    accepted     integer not null default 0,
    rejected     integer not null default 0,
    duplicates   integer not null default 0,
    unknown_zone integer not null default 0,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index prospect_lists_campaign_idx on prospect_lists (campaign_id, priority desc);

create table prospects (
    id               bigint generated always as identity primary key,
    workspace_id     uuid not null references workspaces on delete cascade,
    campaign_id      uuid not null references campaigns on delete cascade,
    list_id          uuid not null references prospect_lists on delete cascade,
    phone            text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    first_name       text,
    last_name        text,
    -- IANA zone; null when it could not be told: such a prospect is never dialed.
    tz               text,
    state            text,
    postal_code      text,
    variables        jsonb not null default '{}',
    status           text not null default 'NEW' check (status in
                     ('NEW', 'QUEUED', 'DIALING', 'ANSWERED', 'RETRY_WAIT', 'CALLBACK', 'COMPLETED', 'DNC', 'DONE')),
    attempts         integer not null default 0 check (attempts >= 0),
    -- Not dialed before this: upload's not_before, retry delay, callback time, abandon lockout.
    next_attempt_at  timestamptz not null default now(),
    expires_at       timestamptz,
    last_outcome     text,
    last_call_log_id bigint,
    -- The claim: which replica holds the prospect (QUEUED, DIALING) and until when.
    claim_owner      text,
    lease_until      timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    check ((status in ('QUEUED', 'DIALING')) = (claim_owner is not null and lease_until is not null)),
    -- Duplicates within a campaign are dropped at upload.
    unique (campaign_id, phone)
);
-- Hopper selection: dialable prospects of one list, due now.
create index prospects_dialable_idx on prospects (list_id, next_attempt_at)
    where status in ('NEW', 'RETRY_WAIT', 'CALLBACK');
-- Campaign status (prospects by state) as an index-only scan.
create index prospects_campaign_status_idx on prospects (campaign_id, status);
-- Prospect listing by list, keyset on id.
create index prospects_list_idx on prospects (list_id, id);
-- Reaper: claims whose lease has passed. Small: only claimed rows are in it.
create index prospects_lease_idx on prospects (lease_until) where status in ('QUEUED', 'DIALING');
-- Opt-outs and phone filters across a workspace.
create index prospects_workspace_phone_idx on prospects (workspace_id, phone);

-- Do-not-call: workspace lists, and the global list (workspace_id null). An entry is an E.164
-- number (EXACT) or a leading part of one, such as an area code (PREFIX, e.g. +1212).
create table dnc_entries (
    id           bigint generated always as identity primary key,
    workspace_id uuid references workspaces on delete cascade,
    phone        text not null check (phone ~ '^\+[1-9][0-9]{0,14}$'),
    match        text not null default 'EXACT' check (match in ('EXACT', 'PREFIX')),
    source       text not null default 'API',
    reason       text,
    created_at   timestamptz not null default now(),
    check (match = 'PREFIX' or phone ~ '^\+[1-9][0-9]{6,14}$')
);
-- Lookups by number (and by each prefix of a number) in one workspace, and globally.
create unique index dnc_workspace_phone_idx on dnc_entries (workspace_id, phone, match) where workspace_id is not null;
create unique index dnc_global_phone_idx on dnc_entries (phone, match) where workspace_id is null;

-- The queue of prospects ready to dial, per campaign; its prospects are QUEUED and leased.
create table hopper_entries (
    id            bigint generated always as identity primary key,
    campaign_id   uuid not null references campaigns on delete cascade,
    prospect_id   bigint not null unique references prospects on delete cascade,
    list_priority integer not null,
    callback      boolean not null default false,
    tz            text not null,
    created_at    timestamptz not null default now()
);
-- Dialer claim: DELETE ... ORDER BY list_priority desc, callback desc, id FOR UPDATE SKIP LOCKED.
create index hopper_entries_dial_order_idx on hopper_entries (campaign_id, list_priority desc, callback desc, id);

create table callbacks (
    id                   bigint generated always as identity primary key,
    workspace_id         uuid not null references workspaces on delete cascade,
    campaign_id          uuid not null references campaigns on delete cascade,
    prospect_id          bigint not null references prospects on delete cascade,
    -- What the callee asked for, in their zone, and the instant it became (possibly moved into the window).
    requested_local_time timestamp not null,
    tz                   text not null,
    due_at               timestamptz not null,
    moved_reason         text,
    note                 text,
    status               text not null default 'PENDING' check (status in ('PENDING', 'QUEUED', 'DONE', 'CANCELLED')),
    source_call_log_id   bigint,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
-- Scheduler: callbacks coming due.
create index callbacks_due_idx on callbacks (due_at) where status = 'PENDING';
create index callbacks_prospect_idx on callbacks (prospect_id);

create table call_logs (
    id                 bigint generated always as identity primary key,
    workspace_id       uuid not null references workspaces on delete cascade,
    campaign_id        uuid references campaigns on delete set null,
    prospect_id        bigint references prospects on delete set null,
    batch_item_id      bigint,
    agent_id           uuid references agents on delete set null,
    phone              text not null,
    caller_id          text,
    attempt            integer not null default 1,
    telephony          text not null check (telephony in ('LIVEKIT', 'SIMULATOR')),
    room_name          text,
    sip_participant_id text,
    sip_call_id        text,
    sip_status         integer,
    status             text not null default 'DIALING' check (status in ('DIALING', 'RINGING', 'ANSWERED', 'ENDED')),
    outcome            text check (outcome in ('COMPLETED', 'CALLBACK', 'DNC', 'TRANSFERRED', 'NO_ANSWER', 'BUSY',
                                               'FAILED', 'VOICEMAIL', 'ABANDONED', 'INVALID_NUMBER')),
    disposition        text,
    -- The dialer replica that placed the call.
    dialer_owner       text,
    created_at         timestamptz not null default now(),
    ringing_at         timestamptz,
    answered_at        timestamptz,
    ended_at           timestamptz,
    talk_seconds       integer,
    turn_count         integer,
    recording_key      text,
    -- Per-turn latency figures and totals from the agent worker.
    metrics            jsonb,
    error              text,
    check ((status = 'ENDED') = (outcome is not null))
);
-- Call log listing, newest first, keyset on id: per workspace, per campaign, per number.
create index call_logs_workspace_idx on call_logs (workspace_id, id desc);
create index call_logs_campaign_idx on call_logs (campaign_id, id desc);
create index call_logs_phone_idx on call_logs (workspace_id, phone, id desc);
create index call_logs_prospect_idx on call_logs (prospect_id);
-- Active-call reconciler and reaper: calls not yet ended. Small: only live calls are in it.
create index call_logs_live_idx on call_logs (campaign_id, created_at) where status <> 'ENDED';

-- Hourly outcome counters per campaign: abandon rate over 24 h (UK) or 30 days (US) sums at most
-- 720 rows instead of scanning call_logs.
create table campaign_stats (
    campaign_id  uuid not null references campaigns on delete cascade,
    hour         timestamptz not null check (date_trunc('hour', hour) = hour),
    placed       integer not null default 0,
    answered     integer not null default 0,
    abandoned    integer not null default 0,
    completed    integer not null default 0,
    no_answer    integer not null default 0,
    busy         integer not null default 0,
    voicemail    integer not null default 0,
    failed       integer not null default 0,
    talk_seconds bigint not null default 0,
    primary key (campaign_id, hour)
);

-- A batch job is a one-shot campaign (campaign_id) fed with the job's numbers.
create table batch_jobs (
    id              uuid primary key default gen_random_uuid(),
    workspace_id    uuid not null references workspaces on delete cascade,
    agent_id        uuid not null references agents,
    campaign_id     uuid not null unique references campaigns on delete cascade,
    name            text not null check (length(name) between 1 and 200),
    status          text not null default 'PENDING'
                    check (status in ('PENDING', 'RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETED')),
    max_concurrency integer not null check (max_concurrency between 1 and 10000),
    total_items     integer not null default 0,
    final_items     integer not null default 0,
    created_by      uuid references users on delete set null,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz
);
create index batch_jobs_workspace_idx on batch_jobs (workspace_id, created_at desc, id);

create table batch_items (
    id            bigint generated always as identity primary key,
    batch_job_id  uuid not null references batch_jobs on delete cascade,
    prospect_id   bigint unique references prospects on delete set null,
    phone         text not null,
    variables     jsonb not null default '{}',
    status        text not null default 'PENDING'
                  check (status in ('PENDING', 'QUEUED', 'DIALING', 'DONE', 'CANCELLED', 'REJECTED')),
    outcome       text,
    call_log_id   bigint,
    attempts      integer not null default 0,
    error         text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
-- Item listing keyset on id, and "is every item final" per job.
create index batch_items_job_idx on batch_items (batch_job_id, id);
create index batch_items_open_idx on batch_items (batch_job_id) where status not in ('DONE', 'CANCELLED', 'REJECTED');

-- Transcript turns, one row per turn.
create table chat_logs (
    id           bigint generated always as identity primary key,
    workspace_id uuid not null references workspaces on delete cascade,
    call_log_id  bigint not null references call_logs on delete cascade,
    agent_id     uuid references agents on delete set null,
    seq          integer not null,
    role         text not null check (role in ('SYSTEM', 'ASSISTANT', 'USER', 'TOOL')),
    content      text not null,
    interrupted  boolean not null default false,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    metrics      jsonb,
    created_at   timestamptz not null default now(),
    unique (call_log_id, seq)
);
create index chat_logs_workspace_idx on chat_logs (workspace_id, id desc);
