// The table's filter: a preset (with its count from stats), a method, a department and a debounced
// search. Every change goes to main as the new `registration:list` query; "/" jumps to the search box.
// The search box takes no more than main does (SEARCH_MAX_CHARS) and says so before and when it bites.
import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { DismissRegular, SearchRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { REGISTRATION_PRESETS, type RegistrationPreset, type RegistrationStats } from '../../../../shared/registration';
import { SEARCH_MAX_CHARS } from '../../../../shared/searchWords';
import { assertNever } from '../../../../shared/result';
import { fluentRef } from '../../components/fluentRef';
import { formatNumber } from '../../format';
import { cutMessage, useLengthLimit } from '../../hooks/useLengthLimit';
import { useStore } from '../../store';
import { methodLabel, PRESET_LABELS } from './labels';

export const SEARCH_DEBOUNCE_MS = 300;

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(13rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    // Top-aligned, so the search box's hint under it does not lift it above the selects beside it.
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
  // Level with the fields' controls: a Field's vertical label is its line plus 2px padding each side
  // and a 2px margin (Fluent's useFieldStyles), which this cell has no label to take.
  clear: { paddingTop: `calc(${tokens.lineHeightBase300} + 3 * ${tokens.spacingVerticalXXS})` },
  // A long option ("Admins without phishing-resistant method (47)") must not widen its cell over the next:
  // the select's own min-content width would, as a flex item, push past the grid track.
  select: { minWidth: 0, width: '100%', '& > select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
});

function presetCount(preset: RegistrationPreset, stats: RegistrationStats): number {
  switch (preset) {
    case 'all':
      return stats.total;
    case 'not-sspr-capable':
      return stats.total - stats.ssprCapable;
    case 'not-mfa-capable':
      return stats.total - stats.mfaCapable;
    case 'no-methods':
      return stats.noMethods;
    case 'admin-not-phishing-resistant':
      return stats.adminsWithoutPhishingResistant;
    default:
      return assertNever(preset, 'preset');
  }
}

/** Under the search box: what it matches and its limit, or that a paste was cut to that limit. */
export const SEARCH_HINT = `Any word of a name or UPN, or the start of one. At most ${SEARCH_MAX_CHARS} characters.`;
export const SEARCH_CUT = cutMessage(SEARCH_MAX_CHARS);

/** A search box that tells main only once typing pauses; "/" anywhere outside a field focuses it. */
export function DebouncedSearch({
  value,
  onSearch,
  label,
}: {
  value: string;
  onSearch: (text: string) => void;
  label: string;
}) {
  const [text, setText] = useState(value);
  const { cut, onPaste, onValue } = useLengthLimit(SEARCH_MAX_CHARS);
  const box = useRef<HTMLInputElement>(null);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  }, [onSearch]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => latest.current(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target !== null && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      box.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Field
      label={label}
      hint={cut ? null : SEARCH_HINT}
      validationState={cut ? 'warning' : 'none'}
      validationMessage={cut ? SEARCH_CUT : null}
    >
      <Input
        ref={fluentRef(box)}
        type="search"
        contentBefore={<SearchRegular />}
        value={text}
        maxLength={SEARCH_MAX_CHARS}
        aria-keyshortcuts="/"
        onPaste={onPaste}
        onChange={(_, data) => {
          setText(data.value);
          onValue(data.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') latest.current(text.trim());
        }}
      />
    </Field>
  );
}

export function RegistrationFilters({ stats }: { stats: RegistrationStats | null }) {
  const query = useStore((s) => s.registration.query);
  const setQuery = useStore((s) => s.setRegistrationQuery);
  const styles = useStyles();
  const filtered =
    query.preset !== 'all' ||
    query.method !== undefined ||
    query.department !== undefined ||
    query.search !== undefined;
  // The search box keeps its own text while typing; a "Clear" remounts it empty.
  const [searchKey, setSearchKey] = useState(0);

  return (
    <form className={styles.form} role="search" aria-label="Filter users" onSubmit={(e) => e.preventDefault()}>
      <Field label="Show">
        <Select
          className={styles.select}
          value={query.preset}
          onChange={(_, d) => void setQuery({ preset: d.value as RegistrationPreset })}
        >
          {REGISTRATION_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
              {stats === null ? '' : ` (${formatNumber(presetCount(p, stats))})`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Method">
        <Select
          className={styles.select}
          value={query.method ?? ''}
          onChange={(_, d) => void setQuery({ method: d.value || undefined })}
        >
          <option value="">Any method</option>
          {stats?.methods.map((m) => (
            <option key={m.method} value={m.method}>
              {methodLabel(m.method)} ({formatNumber(m.users)})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Department">
        <Select
          className={styles.select}
          value={query.department ?? ''}
          onChange={(_, d) => void setQuery({ department: d.value || undefined })}
        >
          <option value="">Any department</option>
          {stats?.departments.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </Select>
      </Field>
      <DebouncedSearch
        key={searchKey}
        label="Search name or UPN"
        value={query.search ?? ''}
        onSearch={(text) => void setQuery({ search: text || undefined })}
      />
      <div className={styles.clear}>
        <Button
          icon={<DismissRegular />}
          disabledFocusable={!filtered}
          onClick={() => {
            setSearchKey((k) => k + 1);
            void setQuery({ preset: 'all', method: undefined, department: undefined, search: undefined });
          }}
        >
          Clear filters
        </Button>
      </div>
    </form>
  );
}
