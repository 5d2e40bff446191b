-- planning's indicator dashboard (and the evaluation report) read, for every cadre of a county, their approved archive
-- entries of a window of years: a partial index on the approved entries holding every column those statements read
-- lets PostgreSQL answer each person's lookup from the index alone (an index-only scan once the table is vacuumed),
-- instead of visiting the table for each entry to check its status, source and delivery (issue 17, IndicatorBenchmark)
create index archive_entry_approved_credit_idx on archive_entry (cadre_id, credited_on)
    include (source, hours, days, delivery, full_time)
    where status = 'APPROVED';
