-- Run after the migrations on a PostgreSQL server only (see database.ts). Idempotent.
create extension if not exists pg_trgm with schema public;
-- Trigram indexes behind `~` and `search` on users (the filter compiler emits `col ilike '%…%'`).
create index if not exists users_given_name_trgm_idx on users using gin (given_name public.gin_trgm_ops);
create index if not exists users_family_name_trgm_idx on users using gin (family_name public.gin_trgm_ops);
create index if not exists users_email_trgm_idx on users using gin (email public.gin_trgm_ops);
