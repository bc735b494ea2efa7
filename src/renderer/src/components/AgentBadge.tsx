// The signed-in agent in the banner: who is acting (every Graph call is made as them), with which
// directory roles (they decide what the app offers), and the way out (sign-out, confirmed).
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Persona,
  tokens,
} from '@fluentui/react-components';
import { ChevronDownRegular, SignOutRegular } from '@fluentui/react-icons';
import { useStore } from '../store';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginLeft: 'auto' },
  roles: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
});

function SignOutConfirm() {
  const open = useStore((s) => s.signOutConfirmOpen);
  const setOpen = useStore((s) => s.setSignOutConfirmOpen);
  const signOut = useStore((s) => s.signOut);
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Sign out of Resetline?</DialogTitle>
          <DialogContent>
            Your sign-in and its tokens are removed from this computer. The open caller and the recent callers list are
            cleared.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void signOut()}>
              Sign out
            </Button>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

export function AgentBadge() {
  const styles = useStyles();
  const agent = useStore((s) =>
    s.auth.status === 'ready' && s.auth.value.status === 'signed-in' ? s.auth.value.agent : null,
  );
  const setConfirmOpen = useStore((s) => s.setSignOutConfirmOpen);
  if (agent === null) return null;
  return (
    <div className={styles.root} role="group" aria-label="Signed-in agent">
      <Persona size="small" name={agent.displayName} secondaryText={agent.userPrincipalName} />
      <ul className={styles.roles} aria-label="Directory roles">
        {agent.roles.length === 0 && agent.scopedRoles.length === 0 ? (
          <li>
            {agent.roleGaps.length > 0 ? (
              <Badge appearance="filled" color="warning">
                Roles unknown
              </Badge>
            ) : (
              <Badge appearance="outline" color="warning">
                No admin role
              </Badge>
            )}
          </li>
        ) : (
          <>
            {agent.roles.map((role) => (
              <li key={role.templateId}>
                <Badge appearance="tint" color="informative">
                  {role.displayName}
                </Badge>
              </li>
            ))}
            {agent.scopedRoles.map((role) => (
              <li key={`${role.templateId}/${role.administrativeUnitId}`}>
                <Badge
                  appearance="outline"
                  color="informative"
                  title={`Administrative unit ${role.administrativeUnitId}`}
                >
                  {role.displayName} (administrative unit)
                </Badge>
              </li>
            ))}
          </>
        )}
      </ul>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="subtle" icon={<ChevronDownRegular />} aria-label="Agent menu" />
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem icon={<SignOutRegular />} onClick={() => setConfirmOpen(true)}>
              Sign out…
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      <SignOutConfirm />
    </div>
  );
}
