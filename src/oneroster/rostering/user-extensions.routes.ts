/**
 * The platform's user extensions: agents (parent → child links), a user with demographics, and
 * third-party application credentials stored encrypted (admin only).
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { Service } from '../../platform/service.js';
import { anyOf } from '../../platform/auth/scopes.js';
import { firstRow, rows } from '../../platform/db/database.js';
import { invalidData, notFound } from '../../platform/errors.js';
import { getRow, outputSchema, present, requireRow, selectList, assertExist } from '../../platform/resource/resource.js';
import { encryptSecret, decryptSecret } from '../../platform/secrets.js';
import { users } from './users.resource.js';
import { demographics } from './demographics.resource.js';
import { rosterScopes } from './roster-scopes.js';

const ADMIN_ONLY = anyOf('or:admin');
const UserList = (key: string) => Type.Object({ [key]: Type.Array(outputSchema(users)) });

export function registerUserExtensions(service: Service): void {
  const { db } = service.deps;

  /** The users linked to `userId` through user_agents, in either direction. */
  const linkedUsers = async (userId: string, direction: 'agents' | 'agentFor') => {
    const link =
      direction === 'agents'
        ? sql`exists (select 1 from user_agents a where a.user_sourced_id = ${userId} and a.agent_sourced_id = t.sourced_id)`
        : sql`exists (select 1 from user_agents a where a.agent_sourced_id = ${userId} and a.user_sourced_id = t.sourced_id)`;
    return rows<Record<string, unknown>>(
      db.drizzle,
      sql`select ${selectList(users)} from users t where ${link} and t.status <> 'tobedeleted' order by t.sourced_id`,
    );
  };

  for (const direction of ['agents', 'agentFor'] as const) {
    const key = direction === 'agents' ? 'agents' : 'users';
    service.route(
      {
        method: 'GET',
        path: `/users/:userId/${direction}`,
        operationId: direction === 'agents' ? 'getAgents' : 'getAgentFor',
        summary: direction === 'agents' ? 'Agents of a user (e.g. parents)' : 'Users this user is an agent for',
        scopes: rosterScopes.read,
        responses: { 200: UserList(key) },
      },
      async (request) => {
        const { userId } = request.params;
        await requireRow(db.drizzle, users, userId);
        const ctx = service.presentContext(request);
        return { [key]: (await linkedUsers(userId, direction)).map((row) => present(users, row, ctx)) };
      },
    );
  }

  service.route(
    {
      method: 'POST',
      path: '/users/:userId/agents',
      operationId: 'addAgent',
      summary: 'Add an agent for a user',
      scopes: rosterScopes.write,
      body: Type.Object({ agentSourcedId: Type.String({ minLength: 1 }) }),
      responses: { 200: UserList('agents') },
    },
    async (request) => {
      const { userId } = request.params;
      const { agentSourcedId } = request.body;
      await db.transaction(async (tx) => {
        await requireRow(tx, users, userId);
        if (agentSourcedId === userId) throw invalidData('agentSourcedId', 'a user cannot be their own agent.');
        await assertExist(tx, users.target, [agentSourcedId], 'agentSourcedId');
        await tx.execute(sql`insert into user_agents (user_sourced_id, agent_sourced_id, position)
          values (${userId}, ${agentSourcedId}, (select coalesce(max(position) + 1, 0) from user_agents where user_sourced_id = ${userId}))
          on conflict do nothing`);
        await tx.execute(sql`update users set date_last_modified = now() where sourced_id = ${userId}`);
      });
      const ctx = service.presentContext(request);
      return { agents: (await linkedUsers(userId, 'agents')).map((row) => present(users, row, ctx)) };
    },
  );

  service.route(
    {
      method: 'DELETE',
      path: '/users/:userId/agents/:agentSourcedId',
      operationId: 'deleteAgent',
      summary: 'Remove an agent from a user',
      scopes: rosterScopes.delete,
      responses: { 200: UserList('agents') },
    },
    async (request) => {
      const { userId, agentSourcedId } = request.params;
      await db.transaction(async (tx) => {
        await requireRow(tx, users, userId);
        const removed = await rows(tx, sql`delete from user_agents where user_sourced_id = ${userId} and agent_sourced_id = ${agentSourcedId} returning 1`);
        if (removed.length === 0) throw notFound('Agent');
        await tx.execute(sql`update users set date_last_modified = now() where sourced_id = ${userId}`);
      });
      const ctx = service.presentContext(request);
      return { agents: (await linkedUsers(userId, 'agents')).map((row) => present(users, row, ctx)) };
    },
  );

  service.route(
    {
      method: 'GET',
      path: '/users/:sourcedId/demographics',
      operationId: 'getUserWithDemographics',
      summary: 'A user with their demographics embedded',
      scopes: [
        ['or:roster.readonly', 'or:roster-demographics.readonly'],
        ['or:roster-core.readonly', 'or:roster-demographics.readonly'],
      ],
      responses: {
        200: Type.Object({ user: Type.Intersect([outputSchema(users), Type.Object({ demographics: Type.Optional(outputSchema(demographics)) })]) }),
      },
    },
    async (request) => {
      const { sourcedId } = request.params;
      const ctx = service.presentContext(request);
      const user = present(users, await requireRow(db.drizzle, users, sourcedId), ctx);
      const found = await getRow(db.drizzle, demographics, sourcedId);
      return { user: found ? { ...user, demographics: present(demographics, found, ctx) } : user };
    },
  );

  const CredentialResult = Type.Object({ userProfileId: Type.String(), credentialId: Type.String(), message: Type.String() });
  service.route(
    {
      method: 'POST',
      path: '/users/:userId/credentials',
      operationId: 'registerStudentCredentials',
      summary: 'Store a user’s credentials for a third-party application (encrypted at rest)',
      scopes: ADMIN_ONLY,
      body: Type.Object({
        applicationName: Type.String({ minLength: 1 }),
        credentials: Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }),
      }),
      responses: { 201: CredentialResult },
    },
    async (request, reply) => {
      const { userId } = request.params;
      const body = request.body;
      // Encrypt before the transaction: the first use creates the key through the pool, which on
      // PGlite (one connection) would wait forever behind this transaction.
      const secret = await encryptSecret(db, body.credentials.password);
      const result = await db.transaction(async (tx) => {
        await requireRow(tx, users, userId);
        const credentialId = randomUUID();
        // One profile per application; the password stays out of the profile (only its id is listed).
        const existing = await firstRow<{ profiles: { profileId: string; vendorId: string; credentials?: unknown[] }[] | null }>(
          tx,
          sql`select user_profiles as profiles from users where sourced_id = ${userId} for update`,
        );
        const profiles = existing?.profiles ?? [];
        let profile = profiles.find((p) => p.vendorId === body.applicationName);
        if (!profile) {
          profile = {
            profileId: randomUUID(),
            profileType: 'thirdPartyApplication',
            vendorId: body.applicationName,
            applicationId: body.applicationName,
            credentials: [],
          } as never;
          profiles.push(profile!);
        }
        profile!.credentials = [
          ...(profile!.credentials ?? []),
          { id: credentialId, type: 'usernamePassword', username: body.credentials.username, credentialId },
        ];
        await tx.execute(sql`insert into user_credentials (id, user_sourced_id, user_profile_id, application_name, username, password_ciphertext, key_id)
          values (${credentialId}, ${userId}, ${profile!.profileId}, ${body.applicationName}, ${body.credentials.username}, ${secret.ciphertext}, ${secret.keyId})`);
        await tx.execute(sql`update users set user_profiles = ${JSON.stringify(profiles)}::jsonb, date_last_modified = now() where sourced_id = ${userId}`);
        return { userProfileId: profile!.profileId, credentialId, message: 'Credentials stored.' };
      });
      reply.code(201);
      return result;
    },
  );

  service.route(
    {
      method: 'POST',
      path: '/users/:userId/credentials/:credentialId/decrypt',
      operationId: 'decryptCredential',
      summary: 'Decrypt a stored third-party credential',
      scopes: ADMIN_ONLY,
      responses: { 200: Type.Object({ password: Type.String() }) },
    },
    async (request) => {
      const { userId, credentialId } = request.params;
      const found = await firstRow<{ ciphertext: string; keyId: string }>(
        db.drizzle,
        sql`select password_ciphertext as ciphertext, key_id as "keyId" from user_credentials where id = ${credentialId} and user_sourced_id = ${userId}`,
      );
      if (!found) throw notFound('Credential');
      return { password: await decryptSecret(db, found.ciphertext, found.keyId) };
    },
  );
}
