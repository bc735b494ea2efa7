// The two facts that change what an agent can do, as badges: whether the account is enabled, and
// whether it is synced from on-premises AD (its password then goes through writeback).
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { UserSummary } from '../../../../shared/users';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

export function UserBadges({ user }: { user: Pick<UserSummary, 'accountEnabled' | 'synced' | 'userType'> }) {
  const styles = useStyles();
  return (
    <span className={styles.row}>
      {user.accountEnabled === false ? (
        <Badge appearance="tint" color="danger">
          Disabled
        </Badge>
      ) : user.accountEnabled === true ? (
        <Badge appearance="tint" color="success">
          Enabled
        </Badge>
      ) : (
        <Badge appearance="outline" color="subtle">
          State unknown
        </Badge>
      )}
      <Badge appearance="outline" color={user.synced ? 'important' : 'brand'}>
        {user.synced ? 'Synced from on-premises' : 'Cloud'}
      </Badge>
      {user.userType === 'Guest' && (
        <Badge appearance="outline" color="warning">
          Guest
        </Badge>
      )}
    </span>
  );
}
