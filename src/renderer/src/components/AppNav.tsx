// The left navigation: one item per screen (arrow keys move, Enter selects; Ctrl+1..6 from anywhere) and
// About in the footer.
import {
  Button,
  makeStyles,
  NavDrawer,
  NavDrawerBody,
  NavDrawerFooter,
  NavItem,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { InfoRegular } from '@fluentui/react-icons';
import { ABOUT_SHORTCUT, screenShortcut } from '../hooks/useGlobalShortcuts';
import { screenInfo } from '../screens';
import { SCREENS, type Screen, useStore } from '../store';

const useStyles = makeStyles({
  drawer: { height: '100%', borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  shortcut: { marginLeft: 'auto', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const isScreen = (value: string): value is Screen => (SCREENS as readonly string[]).includes(value);

export function AppNav() {
  const screen = useStore((s) => s.screen);
  const setScreen = useStore((s) => s.setScreen);
  const setAboutOpen = useStore((s) => s.setAboutOpen);
  const styles = useStyles();

  return (
    <NavDrawer
      type="inline"
      open
      size="small"
      className={styles.drawer}
      aria-label="Screens"
      selectedValue={screen}
      onNavItemSelect={(_, data) => {
        if (isScreen(data.value)) setScreen(data.value);
      }}
    >
      <NavDrawerBody>
        {SCREENS.map((value, index) => {
          const { label, Icon } = screenInfo(value);
          const shortcut = screenShortcut(index);
          return (
            <NavItem key={value} value={value} icon={<Icon />} aria-keyshortcuts={shortcut.aria}>
              {label}
              <span className={styles.shortcut} aria-hidden="true">
                {shortcut.label}
              </span>
            </NavItem>
          );
        })}
      </NavDrawerBody>
      <NavDrawerFooter>
        <Tooltip content={`About Resetline (${ABOUT_SHORTCUT.label})`} relationship="description">
          <Button
            appearance="subtle"
            icon={<InfoRegular />}
            aria-keyshortcuts={ABOUT_SHORTCUT.aria}
            onClick={() => setAboutOpen(true)}
          >
            About
          </Button>
        </Tooltip>
      </NavDrawerFooter>
    </NavDrawer>
  );
}
