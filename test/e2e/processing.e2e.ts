import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, expectStatus } from './ui.ts';

type Organisation = { id: string; code: string };
type Summary = { id: string; status: string; kind: string; isPublic: boolean; overdue: boolean };
type Detail = Summary & {
  organisation: { id: string } | null;
  author: { email: string } | null;
  rating: { score: number; solved: boolean } | null;
};
type TimelineEvent = { type: string; payload: Record<string, unknown> };

const { problems, pageAs: userPage } = liveAppForThisFile();

async function getJson<T>(page: Page, pathname: string): Promise<T> {
  const res = await page.request.get(pathname);
  expect(res.ok(), `GET ${pathname}`).toBe(true);
  return (await res.json()) as T;
}

const operatorOf = (code: string) => `operator.${code}@demo.vmeste.local`;

/** Opens an action's form on the report page (a <details> block) unless it is open already. */
async function openAction(page: Page, name: string) {
  const block = page.locator('details.action', { hasText: name });
  if ((await block.getAttribute('open')) === null) await block.locator('summary').click();
  return block;
}

async function answer(page: Page, text: string) {
  const draft = await openAction(page, 'Подготовить ответ');
  await page.selectOption('#answer-result', 'solved');
  await page.fill('#answer-text', text);
  await draft.getByRole('button', { name: 'Сохранить ответ' }).click();
  await expectStatus(page, 'Готовится ответ');
  await page.getByRole('button', { name: 'Отправить ответ на проверку' }).click();
  await expectStatus(page, 'Ответ на проверке');
}

describe('processing that holds an organisation to account, in the web app', () => {
  it('escalates an overdue report, stops a ping-pong at the curator, and sees a disputed answer answered anew', async () => {
    // ---- the escalation job ran at start-up: an overdue demo report is marked and escalated ------
    const curator = demoUser('curator');
    const cp = await userPage(curator.email);
    const orgs = (await getJson<{ items: Organisation[] }>(cp, '/api/v1/organisations')).items;
    const codeOf = (id: string) => orgs.find((o) => o.id === id)!.code;
    let overdue: Detail | undefined;
    for (let attempt = 0; attempt < 40 && !overdue; attempt++) {
      const list = await getJson<{ items: Summary[] }>(
        cp,
        '/api/v1/reports?status=assigned,in_progress&pageSize=200',
      );
      for (const s of list.items.filter((r) => r.overdue && r.kind === 'report' && r.isPublic)) {
        const events = await getJson<{ items: TimelineEvent[] }>(cp, `/api/v1/reports/${s.id}/events`);
        if (events.items.some((e) => e.type === 'escalated')) {
          overdue = await getJson<Detail>(cp, `/api/v1/reports/${s.id}`);
          break;
        }
      }
      if (!overdue) await cp.waitForTimeout(500);
    }
    expect(overdue, 'an overdue demo report escalated by the job').toBeTruthy();
    const id = overdue!.id;
    const first = codeOf(overdue!.organisation!.id);
    const second = orgs.find((o) => o.code !== first && o.code.startsWith('adm-'))!.code;

    await cp.goto('/staff');
    await cp.getByRole('heading', { name: 'Сроки по организациям' }).waitFor();
    await cp.locator('.deadline-summary td.overdue').first().waitFor();
    await checkA11y(cp, 'staff workspace with deadlines per organisation');
    await cp.goto(`/reports/${id}`);
    await cp.locator('.report-head').waitFor();
    await cp.locator('.timeline').getByText('Передано куратору', { exact: true }).first().waitFor();

    // ---- the organisation passes it on; the receiver tries to hand it back: ping-pong → curator -
    const op1 = await userPage(operatorOf(first));
    await op1.goto(`/reports/${id}`);
    const redirect = await openAction(op1, 'Перенаправить в другую организацию');
    await op1.selectOption('#redirect-org', orgs.find((o) => o.code === second)!.id);
    await op1.fill('#redirect-reason', 'Территория не на нашем обслуживании, передаём по компетенции');
    await checkA11y(op1, 'report page (operator, redirect form)');
    await redirect.getByRole('button', { name: 'Перенаправить', exact: true }).click();
    await expectStatus(op1, 'Передано исполнителю');

    const op2 = await userPage(operatorOf(second));
    await op2.goto(`/reports/${id}`);
    const back = await openAction(op2, 'Перенаправить в другую организацию');
    await op2.selectOption('#redirect-org', overdue!.organisation!.id);
    await op2.fill('#redirect-reason', 'Объект на балансе первой организации, возвращаем');
    await back.getByRole('button', { name: 'Перенаправить', exact: true }).click();
    await expectStatus(op2, 'Принято');
    await op2.locator('.timeline').getByText('Передано куратору для выбора исполнителя').first().waitFor();

    // ---- the curator decides, and the decision binds ------------------------------------------
    const queue = await getJson<{ items: Summary[] }>(cp, '/api/v1/reports?queue=curator&pageSize=500');
    expect(queue.items.map((r) => r.id)).toContain(id);
    await cp.goto(`/reports/${id}`);
    await expectStatus(cp, 'Принято');
    const assign = await openAction(cp, 'Назначить исполнителя');
    await cp.selectOption('#assign-org', orgs.find((o) => o.code === second)!.id);
    await assign.getByRole('button', { name: 'Назначить', exact: true }).click();
    await expectStatus(cp, 'Передано исполнителю');
    await op2.reload();
    await expectStatus(op2, 'Передано исполнителю');
    expect(await op2.locator('details.action', { hasText: 'Перенаправить' }).count()).toBe(0);

    // ---- answered, disputed by the author, answered anew, rated -------------------------------
    await op2.getByRole('button', { name: 'Взять в работу' }).click();
    await expectStatus(op2, 'В работе');
    await answer(op2, 'Работы выполнены: покрытие восстановлено 12 ноября, акт № 45.');
    const moderator = demoUser('moderator');
    const mp = await userPage(moderator.email);
    await mp.goto(`/reports/${id}`);
    await mp.getByRole('button', { name: 'Опубликовать ответ' }).click();
    await expectStatus(mp, 'Дан ответ');

    const author = (await getJson<Detail>(cp, `/api/v1/reports/${id}`)).author!;
    const ap = await userPage(author.email);
    await ap.goto(`/reports/${id}`);
    await expectStatus(ap, 'Дан ответ');
    const dispute = await openAction(ap, 'Оспорить ответ');
    await ap.fill('#dispute-comment', 'Ничего не сделано, всё осталось как было, прикладываю описание');
    await dispute.getByRole('button', { name: 'Оспорить', exact: true }).click();
    await expectStatus(ap, 'Ответ оспорен');

    await mp.reload();
    const reopen = await openAction(mp, 'Вернуть в работу');
    await reopen.getByRole('button', { name: 'Вернуть в работу', exact: true }).click();
    await expectStatus(mp, 'Возвращено в работу');
    await op2.reload();
    await op2.getByRole('button', { name: 'Взять в работу' }).click();
    await expectStatus(op2, 'В работе');
    await answer(
      op2,
      'Повторный выезд 20 ноября: яма заделана горячим асфальтом, фото в приложении к акту № 52.',
    );
    await mp.reload();
    await mp.getByRole('button', { name: 'Опубликовать ответ' }).click();
    await expectStatus(mp, 'Дан ответ');

    // The author's page follows by itself (server-sent events), then the author rates the answer.
    await expectStatus(ap, 'Дан ответ');
    await ap.getByLabel('4 звезды').check();
    await ap.getByLabel('Да, решена').check();
    await ap.getByRole('button', { name: 'Оценить', exact: true }).click();
    await expectStatus(ap, 'Решено');
    const timeline = ap.locator('.timeline');
    for (const step of ['Перенаправлено', 'Ответ оспорен', 'Возвращено в работу', 'Автор оценил ответ'])
      await timeline.getByText(step, { exact: true }).first().waitFor();
    await checkA11y(ap, 'report page (author, resolved after a dispute)');

    const final = await getJson<Detail>(ap, `/api/v1/reports/${id}`);
    expect(final.status).toBe('resolved');
    expect(final.rating).toMatchObject({ score: 4, solved: true });
    expect(problems).toEqual([]);
  });
});
