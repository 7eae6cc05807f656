-- Identity: invitations into a workspace, disabled users, and a request rate per API key.

-- An invitation is accepted once, by a signed-in user whose email matches, before it expires.
-- Its token is shown once to the admin who created it and stored only as a SHA-256 hash.
create table invitations (
    id           uuid primary key default gen_random_uuid(),
    workspace_id uuid not null references workspaces on delete cascade,
    email        text not null check (length(email) between 3 and 320),
    role         text not null check (role in ('MEMBER', 'DEVELOPER', 'ADMIN')),
    token_hash   bytea not null unique,
    invited_by   uuid references users on delete set null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    accepted_by  uuid references users on delete set null,
    revoked_at   timestamptz
);
create index invitations_workspace_idx on invitations (workspace_id, created_at, id);

-- A disabled user is refused on every request, whatever token or key they present.
alter table users add column disabled_at timestamptz;

-- Requests per minute this key may make; null means the platform's default.
alter table api_keys add column rate_limit_per_minute integer check (rate_limit_per_minute between 1 and 1000000);

-- Keyset pages walk each list in creation order.
create index user_workspaces_page_idx on user_workspaces (workspace_id, created_at, user_id);
drop index api_keys_workspace_idx;
create index api_keys_page_idx on api_keys (workspace_id, created_at, id);
create index users_page_idx on users (created_at, id);
create index workspaces_page_idx on workspaces (created_at, id);
