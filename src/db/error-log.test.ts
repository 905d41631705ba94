import { describe, expect, it } from 'vitest';
import { describeError, errorSummary } from './error-log.ts';

/** A failed query as drizzle reports it: its message quotes the parameters. */
function queryError(): Error {
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
    code: '23505',
    severity: 'ERROR',
    constraint: 'users_email_key',
    table: 'users',
    detail: 'Key (email)=(anna@example.org) already exists.',
  });
  return Object.assign(
    new Error(
      'Failed query: insert into "users" ("email", "password_hash") values ($1, $2)\nparams: anna@example.org,$argon2id$v=19$secret',
    ),
    {
      query: 'insert into "users" ("email", "password_hash") values ($1, $2)',
      params: ['anna@example.org', '$argon2id$v=19$secret'],
      cause,
    },
  );
}

describe('describeError', () => {
  it('keeps the statement, the SQLSTATE and the constraint of a failed query, never its values', () => {
    const logged = JSON.stringify(describeError(queryError()));
    expect(logged).toContain('23505');
    expect(logged).toContain('users_email_key');
    expect(logged).toContain('insert into \\"users\\"');
    expect(logged).not.toContain('anna@example.org');
    expect(logged).not.toContain('argon2');
    expect(errorSummary(queryError())).not.toContain('anna@example.org');
  });

  it('keeps other errors as they are', () => {
    const d = describeError(new TypeError('x is not a function'));
    expect(d).toMatchObject({ type: 'TypeError', message: 'x is not a function' });
  });
});
