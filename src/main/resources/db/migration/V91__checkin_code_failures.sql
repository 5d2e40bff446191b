-- Wrong check-in codes typed by a trainee for one session (see training.CheckInAttempts): after five the
-- trainee can no longer type codes for that session (the QR code still works; the registrar can lift the
-- lock or mark them at roll call). In the database so that several nodes count together.
create table checkin_code_failure (
    session_id     bigint       not null references class_session (id) on delete cascade,
    cadre_id       bigint       not null references cadre (id) on delete cascade,
    failures       int          not null,
    last_failed_at timestamptz  not null default now(),
    primary key (session_id, cadre_id)
);
