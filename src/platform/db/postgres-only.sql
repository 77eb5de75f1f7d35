-- Run after the migrations on a PostgreSQL server only (see database.ts). Idempotent.
create extension if not exists pg_trgm with schema public;
