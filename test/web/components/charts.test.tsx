// The report charts rendered by React into jsdom: every bar row's written label is the figures table's
// first column, row for row, and every bar's number is its series' column — for Trends (History),
// Self-service and Registration, with Graph's method names (email, microsoftAuthenticatorPush,
// softwareOneTimePasscode) written as people say them, and days written as dates.
import { describe, expect, it } from 'vitest';
import type { AuditStats } from '../../../src/shared/history';
import type { RegistrationStats } from '../../../src/shared/registration';
import type { SsprStats } from '../../../src/shared/sspr';
import { TrendsCharts } from '../../../src/renderer/src/features/history/TrendsPanel';
import { RegistrationCharts } from '../../../src/renderer/src/features/registration/RegistrationCharts';
import { SsprChartsView } from '../../../src/renderer/src/features/sspr/SsprCharts';
import { reactRoot } from '../support/reactRoot';

// The donuts measure their box; jsdom has no layout, so a box that never resizes is enough.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const { render, container: root } = reactRoot();

const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? '';
const number = (s: string) => Number(s.replace(/[,\s%]/g, ''));

/** Each chart in the root() against its figures table; returns the labels it drew, per chart. */
function checkEveryChart(): Record<string, string[]> {
  const drawn: Record<string, string[]> = {};
  const figures = [...root().querySelectorAll('figure')].filter((f) => f.querySelector('[data-chart]'));
  expect(figures.length).toBeGreaterThan(0);
  for (const figure of figures) {
    const chart = figure.querySelector('[data-chart]')!;
    const name = chart.getAttribute('data-chart') ?? '';
    const rows = [...chart.querySelectorAll(':scope > ul:last-child > li')];
    const labels = rows.map((li) => text(li.querySelector('[data-chart-label]')));
    const table = figure.querySelector('table')!;
    const header = [...table.querySelectorAll('thead th')].map(text);
    const body = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(text));
    expect(labels, name).toEqual(body.map((r) => r[0]));
    expect(
      labels.every((l) => l !== ''),
      name,
    ).toBe(true);
    rows.forEach((li, i) => {
      for (const bar of li.querySelectorAll('[data-chart-series][data-chart-value]')) {
        const series = bar.getAttribute('data-chart-series') ?? '';
        const column = header.indexOf(series);
        expect(column, `${name}: a column for ${series}`).toBeGreaterThan(0);
        expect(Number(bar.getAttribute('data-chart-value')), `${name}, ${labels[i]}, ${series}`).toBe(
          number(body[i]![column]!),
        );
      }
    });
    drawn[name] = labels;
  }
  return drawn;
}

describe('every chart says what its figures table says', () => {
  it('Trends: resets per day, verification by type, volume per agent', () => {
    const stats: AuditStats = {
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-31T23:59:59.999Z',
      resetsPerDay: [
        { day: '2026-01-05', outcome: 'success', count: 3 },
        { day: '2026-01-05', outcome: 'failure', count: 1 },
        { day: '2026-01-06', outcome: 'pending', count: 2 },
      ],
      verificationByType: [
        { type: 'sms', passed: 4, failed: 1 },
        { type: 'email', passed: 2, failed: 0 },
        { type: 'manager', passed: 0, failed: 0 },
        { type: 'knowledge', passed: 1, failed: 3 },
      ],
      perAgent: [
        { agentUpn: 'zed@contoso.com', calls: 5, resets: 1 },
        { agentUpn: 'amy@contoso.com', calls: 2, resets: 2 },
      ],
      timeToHandover: { calls: 2, medianMs: 60_000, p90Ms: 120_000 },
    };
    render(<TrendsCharts stats={stats} />);
    const drawn = checkEveryChart();
    // Every check type is named, "Email code" included; agents stay beside their own bars.
    expect(drawn['Verification by check type']).toEqual([
      'SMS code',
      'Email code',
      'Manager code',
      'Knowledge questions',
    ]);
    expect(drawn['Volume per agent']).toEqual(['zed@contoso.com', 'amy@contoso.com']);
    // Days are dates with their year, not bare numbers.
    for (const day of drawn['Password resets per day by result']!) expect(day).toMatch(/2026/);
  });

  it('Self-service: resets and blocked attempts per day', () => {
    const stats: SsprStats = {
      perDay: [
        { day: '2026-02-01', selfService: 3, helpdesk: 1, entraAdminResets: 2, blocked: 0 },
        { day: '2026-02-02', selfService: 0, helpdesk: 2, entraAdminResets: 2, blocked: 4 },
      ],
      fetchedAt: null,
    };
    render(<SsprChartsView stats={stats} />);
    const drawn = checkEveryChart();
    expect(Object.keys(drawn)).toHaveLength(2);
    expect(root().querySelector('[data-testid="sspr-helpdesk"]')?.textContent).toBe('3');
    expect(root().querySelector('[data-testid="sspr-entra-admin"]')?.textContent).toBe('4');
  });

  it('Registration: every method named as people say it, and each snapshot by its date', () => {
    const stats: RegistrationStats = {
      snapshot: null,
      total: 100,
      ssprCapable: 80,
      mfaCapable: 70,
      passwordlessCapable: 10,
      noMethods: 5,
      adminsWithoutPhishingResistant: 1,
      methods: [
        { method: 'mobilePhone', users: 60 },
        { method: 'email', users: 50 },
        { method: 'microsoftAuthenticatorPush', users: 40 },
        { method: 'softwareOneTimePasscode', users: 30 },
        { method: 'officePhone', users: 20 },
        { method: 'fido2', users: 5 },
      ],
      departments: [],
      trend: [
        { snapshotId: 1, takenAt: '2026-03-01T10:00:00.000Z', users: 90, ssprCapable: 45, mfaCapable: 30 },
        { snapshotId: 2, takenAt: '2026-03-08T10:00:00.000Z', users: 100, ssprCapable: 80, mfaCapable: 70 },
      ],
    };
    render(<RegistrationCharts stats={stats} />);
    const drawn = checkEveryChart();
    expect(drawn['Users per registered method']).toEqual([
      'Mobile phone',
      'Email',
      'Authenticator push',
      'Software OTP',
      'Office phone',
      'FIDO2 security key',
    ]);
    expect(drawn['Capable shares across snapshots, in percent of users']).toHaveLength(2);
  });
});
