-- 网络学院 (issue 16): SCORM 1.2 / 2004 packages as a course's medium, and a package's status as its SCO reported it.
-- A package is stored unpacked under the media directory (stored_path is then its folder); launch_path is the SCO
-- that the player opens, relative to that folder; duration_seconds is the package's nominal learning time, from
-- the manifest (typicalLearningTime) or entered by the clerk (duration_source says which).
alter table course_medium add column scorm_version   varchar(10);      -- 1.2, 2004
alter table course_medium add column launch_path     varchar(500);
alter table course_medium add column duration_source varchar(10);      -- FILE (read from the medium), MANIFEST, CLERK
-- passed, completed, failed, incomplete, browsed, not attempted, unknown (PackageStatus); null for other media
alter table study_progress add column package_status varchar(20);
