import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newResident, type Session, type TestApp } from '../support/app.ts';
import { createTestAppWithMailbox, type Mailbox } from '../support/mailbox.ts';
import { dispatch } from '../support/notifications.ts';
import { driveTo, loginStaff, type Staff } from '../support/reports.ts';

describe('the answer to a 59-ФЗ appeal goes to the appellant’s address', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  let staff: Staff;
  let author: Session;

  beforeAll(async () => {
    ({ t, mailbox } = await createTestAppWithMailbox());
    staff = await loginStaff(t);
    author = await newResident(t.app);
  });
  afterAll(() => t.close());

  it('sends the answer itself to the given e-mail, even with notification e-mail turned off', async () => {
    const off = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-preferences',
      headers: author.headers,
      payload: { email: false },
    });
    expect(off.statusCode).toBe(200);
    const appeal = await driveTo(t, staff, author, 'answered', {
      kind: 'appeal',
      appellant: { fullName: 'Орлова Мария Сергеевна', email: 'm.orlova@example.org' },
    });
    const before = mailbox.received.length;
    await dispatch(t);
    const letters = mailbox.received.slice(before).filter((m) => m.to.includes('m.orlova@example.org'));
    expect(letters).toHaveLength(1);
    const letter = letters[0]!;
    expect(letter.subject).toContain(`Ответ на обращение № ${appeal.number}`);
    expect(letter.text).toContain('Уважаемый(ая) Орлова Мария Сергеевна!');
    expect(letter.text).toContain('Светильник заменён'); // the published answer's own text
    expect(letter.text).toContain(`https://vmeste.example/reports/${appeal.id}`);
  });
});
