// The range presets and the list's filters (activity, user); filtering happens in main's cache.
import { Field, makeStyles, Radio, RadioGroup, Select, tokens } from '@fluentui/react-components';
import { SSPR_KINDS, type SsprKind } from '../../../../shared/sspr';
import { useStore } from '../../store';
import { SSPR_PRESETS, type SsprPreset } from '../../store/ssprSlice';
import { KIND_LABELS, PRESET_LABELS } from './labels';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    alignItems: 'end',
  },
  select: { minWidth: '14rem' },
});

const PRESETS = Object.keys(SSPR_PRESETS) as SsprPreset[];

export function SsprFilters() {
  const styles = useStyles();
  const preset = useStore((s) => s.sspr.preset);
  const activity = useStore((s) => s.sspr.activity);
  const user = useStore((s) => s.sspr.user);
  const users = useStore((s) => s.sspr.users);
  const refreshing = useStore((s) => s.sspr.refresh.status === 'running');
  const setPreset = useStore((s) => s.setSsprPreset);
  const setActivity = useStore((s) => s.setSsprActivity);
  const setUser = useStore((s) => s.setSsprUser);
  // The chosen user stays listed even before the list that named them comes back.
  const options = user !== null && !users.some((u) => u.id === user.id) ? [user, ...users] : users;
  return (
    <form
      className={styles.form}
      role="search"
      aria-label="Filter self-service activity"
      onSubmit={(e) => e.preventDefault()}
    >
      <Field label="Date range">
        <RadioGroup
          layout="horizontal"
          value={preset}
          disabled={refreshing}
          onChange={(_, data) => void setPreset(data.value as SsprPreset)}
        >
          {PRESETS.map((p) => (
            <Radio key={p} value={p} label={PRESET_LABELS[p]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Activity">
        <Select
          className={styles.select}
          value={activity ?? ''}
          onChange={(_, data) => void setActivity(data.value === '' ? null : (data.value as SsprKind))}
        >
          <option value="">Any activity</option>
          {SSPR_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="User">
        <Select
          className={styles.select}
          value={user?.id ?? ''}
          onChange={(_, data) => {
            const chosen = options.find((u) => u.id === data.value);
            void setUser(chosen ?? null);
          }}
        >
          <option value="">Any user</option>
          {options.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </Select>
      </Field>
    </form>
  );
}
