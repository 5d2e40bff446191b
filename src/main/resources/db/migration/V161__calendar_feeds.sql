-- iCalendar feeds of the training calendar (issue 17 item 3). Calendar apps cannot sign in, so a feed is reached by
-- a secret link; only the SHA-256 of its token is stored. One feed per user account (what they see in the calendar,
-- or a trainee's own classes) or per instructor of the pool (their sessions), renewed by issuing a new link.
create table calendar_feed (
    id             bigserial primary key,
    token_hash     char(64)     not null unique,
    user_id        bigint references app_user (id) on delete cascade,
    instructor_id  bigint references instructor (id) on delete cascade,
    created_by     varchar(50),
    created_at     timestamptz  not null default now(),
    last_used_at   timestamptz,
    check ((user_id is null) <> (instructor_id is null))
);
create unique index calendar_feed_user_uk on calendar_feed (user_id) where user_id is not null;
create unique index calendar_feed_instructor_uk on calendar_feed (instructor_id) where instructor_id is not null;
