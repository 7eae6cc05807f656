-- What adaptive pacing measures a campaign's calls by (dialer-core CallModel): per hour, the ring
-- seconds of answered calls and the logarithms of the talk seconds of calls that held an agent,
-- as sums and sums of squares, so a few hours of rows give means and deviations.
alter table campaign_stats
    add column answer_delay_sum     float8  not null default 0,
    add column answer_delay_squares float8  not null default 0,
    add column talked               integer not null default 0,
    add column talk_log_sum         float8  not null default 0,
    add column talk_log_squares     float8  not null default 0;
