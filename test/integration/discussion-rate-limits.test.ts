import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/server/app.ts';
import { createTestApp, login, type Session, type TestApp } from '../support/app.ts';
import { type CommentJson, openDiscussion } from '../support/discussions.ts';
import { errorOf, rows } from '../support/reports.ts';

/**
 * Comments, flags and statements are limited per account by counters in PostgreSQL: a second app
 * node over the same database shares the allowance, so adding nodes does not multiply it.
 */
describe('per-account limits of comments, flags and statements, shared by every node', () => {
  let a: TestApp;
  let b: App;
  let discussionId: string;
  let anna: Session;
  let kirill: Session;
  let author: Session;
  let flagger: Session;
  let proposer: Session;

  beforeAll(async () => {
    a = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: '3' });
    b = await buildApp(a.app.ctx.config, { database: a.database, clock: a.clock, logger: false });
    await b.ready();
    // Registration and log-in are limited per address too: each person signs up from their own.
    let signUpAddress = 1;
    const person = async (): Promise<Session> => {
      const remoteAddress = `203.0.113.${signUpAddress++}`;
      const email = `limits-${randomUUID()}@example.org`;
      const password = 'correct horse battery';
      await a.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        remoteAddress,
        payload: { email, password, name: 'Житель' },
      });
      const res = await a.app.inject({
        method: 'POST',
        url: '/api/v1/session?mode=token',
        remoteAddress,
        payload: { email, password },
      });
      const body = res.json() as { token: string; csrfToken: string; user: { id: string } };
      return {
        token: body.token,
        csrfToken: body.csrfToken,
        userId: body.user.id,
        headers: { authorization: `Bearer ${body.token}` },
      };
    };
    [anna, kirill, author, flagger, proposer] = [
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
    ];
    const admin = await login(a.app, 'admin@demo.vmeste.local');
    discussionId = (await openDiscussion(a, admin, { opinionMap: true })).id;
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  // Each resident writes from their own address, so the per-address limit never decides here.
  let address = 10;
  const as = (who: Session) => ({ headers: who.headers, remoteAddress: `198.51.100.${address++}` });
  const comment = (app: App, who: Session, text: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/discussions/${discussionId}/comments`,
      ...as(who),
      payload: { text },
    });
  const count = async (
    table: 'discussion_comments' | 'comment_flags' | 'opinion_statements',
    userCol: string,
  ) =>
    Number(
      (
        await rows<{ n: number }>(
          a,
          sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${sql.raw(userCol)} IS NOT NULL`,
        )
      )[0]!.n,
    );

  it('refuses the fourth comment of an account within a minute on either node, with Retry-After', async () => {
    expect((await comment(a.app, anna, 'Первый')).statusCode).toBe(201);
    expect((await comment(b, anna, 'Второй')).statusCode).toBe(201);
    expect((await comment(a.app, anna, 'Третий')).statusCode).toBe(201);
    const before = await count('discussion_comments', 'author_id');
    const refused = await comment(b, anna, 'Четвёртый');
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count('discussion_comments', 'author_id')).toBe(before);
    // Another account is not held up by Anna's allowance.
    expect((await comment(b, kirill, 'Мой первый')).statusCode).toBe(201);
    a.clock.advance(61_000);
    expect((await comment(a.app, anna, 'Через минуту')).statusCode).toBe(201);
  });

  it('limits flags and statements the same way', async () => {
    const targets: string[] = [];
    for (const text of ['Один', 'Два', 'Три'])
      targets.push(((await comment(a.app, author, text)).json() as CommentJson).id);
    a.clock.advance(61_000);
    targets.push(((await comment(a.app, author, 'Четыре')).json() as CommentJson).id);
    const flag = (app: App, id: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/comments/${id}/flags`,
        ...as(flagger),
        payload: { reason: 'spam' },
      });
    expect((await flag(a.app, targets[0]!)).statusCode).toBe(201);
    expect((await flag(b, targets[1]!)).statusCode).toBe(201);
    expect((await flag(a.app, targets[2]!)).statusCode).toBe(201);
    const flags = await count('comment_flags', 'user_id');
    const fourth = await flag(b, targets[3]!);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.headers['retry-after']).toBeDefined();
    expect(await count('comment_flags', 'user_id')).toBe(flags);

    const statement = (app: App, text: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/discussions/${discussionId}/statements`,
        ...as(proposer),
        payload: { text },
      });
    for (const [i, app] of [a.app, b, a.app].entries())
      expect((await statement(app, `Утверждение ${i}`)).statusCode).toBe(201);
    const statements = await count('opinion_statements', 'author_id');
    const over = await statement(b, 'Утверждение сверх лимита');
    expect(errorOf(over).code).toBe('rate_limited');
    expect(await count('opinion_statements', 'author_id')).toBe(statements);
  });
});
