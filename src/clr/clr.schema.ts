/**
 * Tables of the CLR 2.0 service: the ClrCredentials this platform has signed as publisher, and the
 * publisher profile it signs as (shapes in credentials/tables.ts). The signing keys live in
 * server_keys (purpose 'clr').
 */
import { issuedCredentialsTable, publisherProfileTable } from '../credentials/tables.js';

export const clrCredentials = issuedCredentialsTable('clr_credentials');

export const clrProfile = publisherProfileTable('clr_profile');

/** The server_keys purpose of the CLR signing keys (`keys rotate --purpose clr`). */
export const CLR_KEY_PURPOSE = 'clr';
