-- The scheduler's bookkeeping: callbacks are made idempotent by the request that asked for them
-- and name the call that served them; batch items carry the callee's zone when the API knew it.

alter table callbacks add column request_id uuid;
alter table callbacks add column call_log_id bigint;
create unique index callbacks_request_idx on callbacks (request_id) where request_id is not null;
-- "The prospect's open callbacks" on every outcome: only PENDING rows are in it.
create index callbacks_pending_idx on callbacks (prospect_id, due_at) where status = 'PENDING';
drop index callbacks_prospect_idx;

-- IANA zone of the number, when known; else the job's campaign falls back to its fallback_timezone.
alter table batch_items add column tz text;
-- Dispatch: items of a job not yet made prospects.
create index batch_items_unexpanded_idx on batch_items (batch_job_id, id) where prospect_id is null and status = 'PENDING';
