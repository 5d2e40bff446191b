-- Uploaded import files are sealed (AES-GCM, platform.job.UploadVault) and deleted when no longer needed:
-- at once for a clean completed job, after ganxun.import.file-retention-days for the others. Files stored
-- before this version are plain; the nightly purge deletes those of jobs past the retention.
alter table import_job alter column file_data drop not null;
alter table online_import alter column file_data drop not null;

-- errors and messages already stored: citizen IDs masked as people.CitizenId.masked() masks them
update import_job set
    errors = regexp_replace(errors::text, '(?<![0-9A-Za-z])([0-9]{6})[0-9]{5,8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])', '\1********\2', 'g')::jsonb,
    message = regexp_replace(message, '(?<![0-9A-Za-z])([0-9]{6})[0-9]{5,8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])', '\1********\2', 'g');
update online_import set
    errors = regexp_replace(errors::text, '(?<![0-9A-Za-z])([0-9]{6})[0-9]{5,8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])', '\1********\2', 'g')::jsonb,
    message = regexp_replace(message, '(?<![0-9A-Za-z])([0-9]{6})[0-9]{5,8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])', '\1********\2', 'g');
