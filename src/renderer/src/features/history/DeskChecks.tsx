// Team History's anchor and desk filter: "Desk checks" lists each desk whose trail reached the team's
// workspace as intact, rewritten or with a gap, in words a team lead can act on (`team:check-desks`); the
// "Desk" dropdown narrows the team table, its count, trends and CSV to one desk. The region, its list
// items' data-desk / data-check attributes and the "Desk" label are what the e2e specs look for.
import {
  Button,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Option,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, CheckmarkCircleFilled, ErrorCircleFilled, WarningFilled } from '@fluentui/react-icons';
import { useEffect, useMemo } from 'react';
import type { DeskCheck, DeskFinding } from '../../../../shared/team';
import { assertNever } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTimeZoned, formatNumber, plural } from '../../format';
import { useStore } from '../../store';

const useStyles = makeStyles({
  region: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  icon: { flexShrink: 0, fontSize: '16px', marginTop: '2px' },
  intact: { color: tokens.colorPaletteGreenForeground1 },
  rewritten: { color: tokens.colorPaletteRedForeground1 },
  gap: { color: tokens.colorPaletteDarkOrangeForeground1 },
  // As wide as its grid cell (Fluent's Dropdown would keep 250px and run into the next cell).
  dropdown: { minWidth: 0, width: '100%' },
  alertLink: { padding: 0, minWidth: 0, height: 'auto', verticalAlign: 'baseline' },
});

/** What a flag means and what to do, for the first (most serious) finding. */
export function findingWords(f: DeskFinding): string {
  const at = `at row ${formatNumber(f.firstRow)}`;
  const ask = 'Ask who used that PC.';
  switch (f.kind) {
    case 'changed-rows':
      return `trail rewritten ${at} — ${plural(f.rows, 'row')} forwarded twice with different content. ${ask}`;
    case 'broken-link':
      return `trail rewritten ${at} — ${f.rows === 1 ? 'a row no longer follows' : `${formatNumber(f.rows)} rows no longer follow`} the row forwarded before it. ${ask}`;
    case 'checkpoint-mismatch':
      return `trail rewritten ${at} — ${plural(f.rows, 'signed checkpoint')} ${f.rows === 1 ? 'does' : 'do'} not match the row forwarded. ${ask}`;
    case 'missing-rows':
      return `gap in the trail ${at} — ${plural(f.rows, 'row')} never reached the team's workspace (deleted on that PC before they were sent, or still on their way).`;
    case 'unarrived':
      return `gap in the trail ${at} — ${plural(f.rows, 'signed checkpoint')} ${f.rows === 1 ? 'vouches' : 'vouch'} for rows that never reached the team's workspace (deleted on that PC before they were sent, or still on their way).`;
    default:
      return assertNever(f.kind);
  }
}

/** One desk's line: "PC-ALEX: trail intact, 214 events" or its first finding. */
export function deskWords(d: DeskCheck): string {
  const first = d.findings[0];
  if (d.status === 'intact' || first === undefined) {
    const checked =
      d.checkpoints > 0
        ? `, ${plural(d.checkpoints, 'signed checkpoint')} ${d.checkpoints === 1 ? 'matches' : 'match'}`
        : '';
    return `${d.desk}: trail intact, ${plural(d.events, 'event')}${checked}`;
  }
  return `${d.desk}: ${findingWords(first)}`;
}

function DeskIcon({ check }: { check: DeskCheck['status'] }) {
  const styles = useStyles();
  switch (check) {
    case 'intact':
      return <CheckmarkCircleFilled aria-hidden className={mergeClasses(styles.icon, styles.intact)} />;
    case 'rewritten':
      return <ErrorCircleFilled aria-hidden className={mergeClasses(styles.icon, styles.rewritten)} />;
    case 'gap':
      return <WarningFilled aria-hidden className={mergeClasses(styles.icon, styles.gap)} />;
    default:
      return assertNever(check);
  }
}

/**
 * At the top of Team History when a desk is flagged (the region itself sits under the filter): which
 * desks, and a way to their lines.
 */
export function DeskChecksAlert() {
  const checks = useStore((s) => s.teamHistory.deskChecks);
  const styles = useStyles();
  if (checks.status !== 'ready') return null;
  const flagged = checks.value.desks.filter((d) => d.status !== 'intact');
  if (flagged.length === 0) return null;
  const show = () => {
    const region = document.querySelector<HTMLElement>('[role="region"][aria-label="Desk checks"]');
    region?.scrollIntoView({ block: 'start' });
    region?.focus();
  };
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>
          {flagged.length === 1 ? "A desk's trail" : `${formatNumber(flagged.length)} desks' trails`} did not check out
        </MessageBarTitle>
        {flagged.map((d) => d.desk).join(', ')}: rewritten or with a gap since it was forwarded.{' '}
        <Button appearance="transparent" size="small" className={styles.alertLink} onClick={show}>
          Show the desk checks
        </Button>
      </MessageBarBody>
    </MessageBar>
  );
}

/** Each desk's forwarded trail checked against itself (the anchor outside the PC); checks again on each visit. */
export function DeskChecksRegion() {
  const checks = useStore((s) => s.teamHistory.deskChecks);
  const load = useStore((s) => s.loadDeskChecks);
  // The same refusal as the team's history (no role, no workspace): said once, under the table's title.
  const sameRefusal = useStore(
    (s) =>
      s.teamHistory.deskChecks.status === 'error' &&
      s.teamHistory.list.status === 'error' &&
      s.teamHistory.deskChecks.error.code === s.teamHistory.list.error.code,
  );
  const styles = useStyles();
  useEffect(() => {
    void load();
  }, [load]);
  if (sameRefusal) return null;
  return (
    <div className={styles.region} role="region" aria-label="Desk checks" tabIndex={-1}>
      <div className={styles.head}>
        <Subtitle2 as="h2">Desk checks</Subtitle2>
        <Button
          size="small"
          appearance="subtle"
          icon={<ArrowClockwiseRegular />}
          onClick={() => void load()}
          disabledFocusable={checks.status === 'loading'}
        >
          Check again
        </Button>
      </div>
      {checks.status === 'ready' && (
        <Caption1>
          Checked {formatDateTimeZoned(checks.value.checkedAt)} against what each desk forwarded to the team&apos;s
          workspace. Signed checkpoints are compared with their rows; their signatures can only be checked on the desk
          itself.
        </Caption1>
      )}
      <DeskChecksBody />
    </div>
  );
}

function DeskChecksBody() {
  const checks = useStore((s) => s.teamHistory.deskChecks);
  const load = useStore((s) => s.loadDeskChecks);
  const styles = useStyles();
  if (checks.status === 'idle' || checks.status === 'loading')
    return <Spinner size="tiny" labelPosition="after" label="Checking each desk's trail in the team's workspace…" />;
  if (checks.status === 'error')
    return <ErrorNotice title="Could not check the desks' trails" error={checks.error} onRetry={() => void load()} />;
  if (checks.value.desks.length === 0)
    return <Text>No desk has forwarded its trail yet, so there is nothing to check.</Text>;
  return (
    <ul className={styles.list} aria-label="Desks">
      {checks.value.desks.map((d) => (
        <li key={d.desk} className={styles.item} data-desk={d.desk} data-check={d.status}>
          <DeskIcon check={d.status} />
          <Text>{deskWords(d)}</Text>
        </li>
      ))}
    </ul>
  );
}

const ALL = '';

/** The desks a team lead may pick: those the checks found, those in the count, and the one chosen. */
function useDeskOptions(): string[] {
  const checks = useStore((s) => s.teamHistory.deskChecks);
  const list = useStore((s) => s.teamHistory.list);
  const chosen = useStore((s) => s.teamHistory.desk);
  return useMemo(() => {
    const seen = new Set<string>();
    if (checks.status === 'ready') for (const d of checks.value.desks) seen.add(d.desk);
    if (list.status === 'ready') for (const d of list.value.desks) seen.add(d.desk);
    if (chosen !== undefined) seen.add(chosen);
    return [...seen].filter((d) => d !== '').sort((a, b) => a.localeCompare(b));
  }, [checks, list, chosen]);
}

/** "Desk": every desk, or one; narrows the team table, count, trends and CSV. */
export function DeskFilter() {
  const desk = useStore((s) => s.teamHistory.desk);
  const setDesk = useStore((s) => s.setTeamDesk);
  const options = useDeskOptions();
  const styles = useStyles();
  return (
    <Field label="Desk">
      <Dropdown
        className={styles.dropdown}
        value={desk ?? 'All desks'}
        selectedOptions={[desk ?? ALL]}
        onOptionSelect={(_, data) => {
          const next = data.optionValue === ALL || data.optionValue === undefined ? undefined : data.optionValue;
          if (next !== desk) void setDesk(next);
        }}
      >
        <Option value={ALL}>All desks</Option>
        {options.map((d) => (
          <Option key={d} value={d}>
            {d}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
