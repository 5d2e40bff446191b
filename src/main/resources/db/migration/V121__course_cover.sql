-- 网络学院: a course's cover image (JPEG or PNG, told by its bytes), stored beside its medium under the media directory
alter table course add column cover_path varchar(300);
alter table course add column cover_type varchar(20);
