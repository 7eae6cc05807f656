-- The campaign API lists every resource by keyset: configuration in creation order
-- (created_at, id), prospects forwards by id, call logs and transcripts backwards by id.

drop index agents_workspace_idx;
create index agents_page_idx on agents (workspace_id, created_at, id);
drop index sip_trunks_workspace_idx;
create index sip_trunks_page_idx on sip_trunks (workspace_id, created_at, id);
drop index campaigns_workspace_idx;
create index campaigns_page_idx on campaigns (workspace_id, created_at, id) where not one_shot;
create index prospect_lists_page_idx on prospect_lists (campaign_id, created_at, id);
drop index batch_jobs_workspace_idx;
create index batch_jobs_page_idx on batch_jobs (workspace_id, created_at, id);

-- Prospects of a campaign by id, with or without a status; the status counts stay index-only.
drop index prospects_campaign_status_idx;
create index prospects_campaign_status_idx on prospects (campaign_id, status, id);
create index prospects_campaign_idx on prospects (campaign_id, id);

-- Do-not-call entries of a workspace, and of the global list, by id.
create index dnc_workspace_page_idx on dnc_entries (workspace_id, id) where workspace_id is not null;
create index dnc_global_page_idx on dnc_entries (id) where workspace_id is null;

-- Transcripts by call, turn by turn.
create index chat_logs_agent_idx on chat_logs (agent_id, id desc);

-- Call logs by outcome, per campaign and per workspace, and live calls by state: a filter the
-- newest-first walk of a campaign or a workspace would otherwise pass through every row to find
-- (a campaign without one BUSY call walks the campaign whole). Live states are few: partial.
create index call_logs_campaign_outcome_idx on call_logs (campaign_id, outcome, id desc) where outcome is not null;
create index call_logs_workspace_outcome_idx on call_logs (workspace_id, outcome, id desc) where outcome is not null;
create index call_logs_workspace_live_idx on call_logs (workspace_id, status, id desc) where status <> 'ENDED';
