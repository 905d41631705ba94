/**
 * Demo accounts, one or more for every role, all with one shared password. These exist only in a
 * demo deployment; the seeder must refuse to create them anywhere else.
 */

export type DemoRole = 'resident' | 'moderator' | 'operator' | 'curator' | 'analyst' | 'admin';

export interface DemoUser {
  email: string;
  /** Full name in Russian. */
  name: string;
  role: DemoRole;
  /** For operators: the organisation whose work they see. */
  organisationCode?: string;
  /** For curators: the territory they control ('spb' is the whole city). */
  territoryCode?: string;
  password: string;
  /** What the account is for, in English, shown in the log-in table. */
  purpose: string;
}

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.vmeste.local';

const user = (
  local: string,
  name: string,
  role: DemoRole,
  purpose: string,
  scope: Partial<DemoUser> = {},
): DemoUser => ({
  email: `${local}@${DEMO_EMAIL_DOMAIN}`,
  name,
  role,
  ...scope,
  password: DEMO_PASSWORD,
  purpose,
});

export const DEMO_USERS: readonly DemoUser[] = [
  user('admin', 'Олег Викторович Смирнов', 'admin', 'platform administrator'),
  user('moderator', 'Мария Андреевна Кузнецова', 'moderator', 'checks incoming reports and answers'),
  user('curator', 'Андрей Павлович Волков', 'curator', 'city control centre (ЦУР), whole city', {
    territoryCode: 'spb',
  }),
  user('curator.nevsky', 'Елена Сергеевна Морозова', 'curator', 'curator of Nevsky District', {
    territoryCode: 'nevsky',
  }),
  user('analyst', 'Дмитрий Игоревич Соколов', 'analyst', 'dashboards and exports'),
  user('operator.light', 'Ирина Николаевна Лебедева', 'operator', 'street lighting utility', {
    organisationCode: 'city-light',
  }),
  user('operator.roads', 'Сергей Александрович Новиков', 'operator', 'roads directorate', {
    organisationCode: 'roads-directorate',
  }),
  user('operator.nevsky', 'Татьяна Михайловна Павлова', 'operator', 'Nevsky District administration', {
    organisationCode: 'adm-nevsky',
  }),
  user(
    'operator.uk',
    'Алексей Юрьевич Фёдоров',
    'operator',
    'management company (Nevsky, Krasnogvardeysky)',
    {
      organisationCode: 'uk-nevskaya-zastava',
    },
  ),
  user('anna.petrova', 'Анна Владимировна Петрова', 'resident', 'resident, files most demo reports'),
  user('ivan.orlov', 'Иван Дмитриевич Орлов', 'resident', 'resident'),
  user('galina.semenova', 'Галина Петровна Семёнова', 'resident', 'resident'),
];

export const DEMO_RESIDENTS: readonly DemoUser[] = DEMO_USERS.filter((u) => u.role === 'resident');

export interface DemoLoginRow {
  role: DemoRole;
  email: string;
  password: string;
  name: string;
  scope: string;
  purpose: string;
}

/** The rows of the log-in table, in the order of DEMO_USERS. */
export function demoLoginRows(users: readonly DemoUser[] = DEMO_USERS): DemoLoginRow[] {
  return users.map((u) => ({
    role: u.role,
    email: u.email,
    password: u.password,
    name: u.name,
    scope: u.organisationCode ?? u.territoryCode ?? '',
    purpose: u.purpose,
  }));
}

/** Prints the demo log-ins as a console table (for `vmeste seed` and the demo start-up banner). */
export function printDemoLogins(
  users: readonly DemoUser[] = DEMO_USERS,
  out: (rows: DemoLoginRow[]) => void = (rows) => console.table(rows),
): void {
  out(demoLoginRows(users));
}
