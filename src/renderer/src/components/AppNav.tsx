// The left navigation: one item per screen (arrow keys move, Enter selects; Ctrl+1..6 from anywhere) and
// About in the footer. Below 1280 px wide it folds to icons (each with its name and shortcut as a
// tooltip and its name for screen readers) so the screens keep their room; a button folds or unfolds
// it by hand at any width.
import {
  Button,
  makeStyles,
  mergeClasses,
  NavDrawer,
  NavDrawerBody,
  NavDrawerFooter,
  NavItem,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { InfoRegular, PanelLeftContractRegular, PanelLeftExpandRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ABOUT_SHORTCUT, screenShortcut } from '../hooks/useGlobalShortcuts';
import { useMediaQuery } from '../hooks/useMediaQuery';
import { screenInfo } from '../screens';
import { SCREENS, type Screen, useStore } from '../store';

/** Narrower than this, the navigation shows icons only. */
export const NAV_COLLAPSE_QUERY = '(max-width: 1279.98px)';

const useStyles = makeStyles({
  drawer: {
    height: '100%',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '--fui-Drawer--size': '220px',
  },
  collapsed: { '--fui-Drawer--size': '64px' },
  shortcut: { marginLeft: 'auto', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // Read by screen readers, not shown: the icon stands for it.
  hiddenLabel: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  footer: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalXS },
  footerCollapsed: { flexDirection: 'column', justifyContent: 'flex-start' },
});

const isScreen = (value: string): value is Screen => (SCREENS as readonly string[]).includes(value);

export function AppNav() {
  const screen = useStore((s) => s.screen);
  const setScreen = useStore((s) => s.setScreen);
  const setAboutOpen = useStore((s) => s.setAboutOpen);
  const styles = useStyles();
  const narrow = useMediaQuery(NAV_COLLAPSE_QUERY);
  // The agent's own choice, for as long as the window stays on the same side of 1280 px.
  const [chosen, setChosen] = useState<{ narrow: boolean; collapsed: boolean } | null>(null);
  const collapsed = chosen !== null && chosen.narrow === narrow ? chosen.collapsed : narrow;

  return (
    <NavDrawer
      type="inline"
      open
      size="small"
      className={mergeClasses(styles.drawer, collapsed && styles.collapsed)}
      aria-label="Screens"
      data-collapsed={collapsed}
      selectedValue={screen}
      onNavItemSelect={(_, data) => {
        if (isScreen(data.value)) setScreen(data.value);
      }}
    >
      <NavDrawerBody>
        {SCREENS.map((value, index) => {
          const { label, Icon } = screenInfo(value);
          const shortcut = screenShortcut(index);
          const item = (
            <NavItem key={value} value={value} icon={<Icon />} aria-keyshortcuts={shortcut.aria}>
              <span className={collapsed ? styles.hiddenLabel : undefined}>{label}</span>
              {!collapsed && (
                <span className={styles.shortcut} aria-hidden="true">
                  {shortcut.label}
                </span>
              )}
            </NavItem>
          );
          return collapsed ? (
            <Tooltip
              key={value}
              content={`${label} (${shortcut.label})`}
              relationship="description"
              positioning="after"
            >
              {item}
            </Tooltip>
          ) : (
            item
          );
        })}
      </NavDrawerBody>
      <NavDrawerFooter className={mergeClasses(styles.footer, collapsed && styles.footerCollapsed)}>
        <Tooltip content={`About Resetline (${ABOUT_SHORTCUT.label})`} relationship="description">
          <Button
            appearance="subtle"
            icon={<InfoRegular />}
            aria-keyshortcuts={ABOUT_SHORTCUT.aria}
            aria-label={collapsed ? 'About' : undefined}
            onClick={() => setAboutOpen(true)}
          >
            {collapsed ? undefined : 'About'}
          </Button>
        </Tooltip>
        <Tooltip content={collapsed ? 'Show the screen names' : 'Icons only'} relationship="description">
          <Button
            appearance="subtle"
            icon={collapsed ? <PanelLeftExpandRegular /> : <PanelLeftContractRegular />}
            aria-label={collapsed ? 'Expand the navigation' : 'Collapse the navigation'}
            aria-expanded={!collapsed}
            onClick={() => setChosen({ narrow, collapsed: !collapsed })}
          />
        </Tooltip>
      </NavDrawerFooter>
    </NavDrawer>
  );
}
