// One user's drill-down (`registration:get-user`): the snapshot's facts beside the methods Graph lists for
// them now, so a stale snapshot cannot mislead the agent about what the caller can use.
import {
  Badge,
  Button,
  Caption1,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { RegistrationRow, RegistrationUserDetail } from '../../../../shared/registration';
import { assertNever } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RelativeTime } from '../../components/RelativeTime';
import { formatDate } from '../../format';
import { useStore } from '../../store';
import { methodLabel } from './labels';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

function Flag({ on, label }: { on: boolean; label: string }) {
  return (
    <Badge appearance="tint" color={on ? 'success' : 'danger'}>
      {label}: {on ? 'yes' : 'no'}
    </Badge>
  );
}

function SnapshotFacts({ row }: { row: RegistrationRow }) {
  const styles = useStyles();
  return (
    <section aria-label="In the snapshot">
      <Subtitle2 as="h3">In the snapshot</Subtitle2>
      <Text block>
        {row.userPrincipalName} · {row.department ?? 'no department'} · {row.userType === 'guest' ? 'guest' : 'member'}
        {row.isAdmin ? ' · admin' : ''}
      </Text>
      <div className={styles.badges}>
        <Flag on={row.isSsprCapable} label="SSPR capable" />
        <Flag on={row.isMfaCapable} label="MFA capable" />
        <Flag on={row.isPasswordlessCapable} label="Passwordless" />
      </div>
      <Text block>
        Registered: {row.methodsRegistered.length === 0 ? 'none' : row.methodsRegistered.map(methodLabel).join(', ')}
        {row.preferredMethod !== null && ` · preferred: ${methodLabel(row.preferredMethod)}`}
      </Text>
    </section>
  );
}

function Detail({ detail }: { detail: RegistrationUserDetail }) {
  const styles = useStyles();
  return (
    <div className={styles.body}>
      {detail.row === null ? (
        <Text>This user is not in the current snapshot.</Text>
      ) : (
        <SnapshotFacts row={detail.row} />
      )}
      <section aria-label="Methods now">
        <Subtitle2 as="h3">Methods now</Subtitle2>
        <Caption1 block className={styles.muted}>
          As Microsoft Graph listed them <RelativeTime iso={detail.fetchedAt} />
        </Caption1>
        {detail.methods.length === 0 ? (
          <Text>No authentication methods registered.</Text>
        ) : (
          <ul className={styles.list} aria-label="Authentication methods">
            {detail.methods.map((m) => (
              <li key={m.id} className={styles.item}>
                <Text weight="semibold">{m.label}</Text>
                {m.detail !== null && <Text>{m.detail}</Text>}
                <Caption1 className={styles.muted}>
                  {m.type}
                  {m.createdAt !== null && ` · added ${formatDate(m.createdAt)}`}
                </Caption1>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function DrawerContent({ userId }: { userId: string }) {
  const user = useStore((s) => s.registration.user);
  const open = useStore((s) => s.openRegistrationUser);
  switch (user.status) {
    case 'idle':
    case 'loading':
      return <Spinner label="Loading the user's methods…" />;
    case 'error':
      return <ErrorNotice title="Could not load the user" error={user.error} onRetry={() => void open(userId)} />;
    case 'ready':
      return <Detail detail={user.value} />;
    default:
      return assertNever(user, 'load status');
  }
}

export function UserDrawer() {
  const userId = useStore((s) => s.registration.openUserId);
  const user = useStore((s) => s.registration.user);
  const close = useStore((s) => s.closeRegistrationUser);
  const title = (user.status === 'ready' ? user.value.row?.displayName : undefined) ?? 'User details';
  return (
    <OverlayDrawer position="end" size="medium" open={userId !== null} onOpenChange={(_, d) => !d.open && close()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={close} />}
        >
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>{userId !== null && <DrawerContent userId={userId} />}</DrawerBody>
    </OverlayDrawer>
  );
}
