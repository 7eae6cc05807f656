-- The hopper fill walks each active list in lead order (id forwards or backwards) and stops as
-- soon as it has enough dialable prospects, so the index it walks is ordered by id; callbacks
-- coming due are few and read by due time from an index of their own.
drop index prospects_dialable_idx;
create index prospects_dialable_idx on prospects (list_id, id) where status in ('NEW', 'RETRY_WAIT');
create index prospects_callbacks_due_idx on prospects (list_id, next_attempt_at) where status = 'CALLBACK';
