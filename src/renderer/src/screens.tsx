// The six screens: their navigation label, icon and component, in shortcut order (Ctrl+1..6), and
// whether they need a signed-in agent (Settings does not: an admin points the app at a tenant first).
import type { ComponentType } from 'react';
import {
  bundleIcon,
  History20Filled,
  History20Regular,
  ArrowSync20Filled,
  ArrowSync20Regular,
  ShieldKeyhole20Filled,
  ShieldKeyhole20Regular,
  PersonCall20Filled,
  PersonCall20Regular,
  PersonKey20Filled,
  PersonKey20Regular,
  Settings20Filled,
  Settings20Regular,
  type FluentIcon,
} from '@fluentui/react-icons';
import { assertNever } from '../../shared/result';
import { CallerScreen } from './features/caller/CallerScreen';
import { HistoryScreen } from './features/history/HistoryScreen';
import { PolicyScreen } from './features/policy/PolicyScreen';
import { RegistrationScreen } from './features/registration/RegistrationScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { SsprScreen } from './features/sspr/SsprScreen';
import type { Screen } from './store';

// Bundled so the selected nav item shows the filled variant, as Fluent's navigation does.
const CallerIcon = bundleIcon(PersonCall20Filled, PersonCall20Regular);
const HistoryIcon = bundleIcon(History20Filled, History20Regular);
const RegistrationIcon = bundleIcon(PersonKey20Filled, PersonKey20Regular);
const SsprIcon = bundleIcon(ArrowSync20Filled, ArrowSync20Regular);
const PolicyIcon = bundleIcon(ShieldKeyhole20Filled, ShieldKeyhole20Regular);
const SettingsIcon = bundleIcon(Settings20Filled, Settings20Regular);

export interface ScreenInfo {
  label: string;
  Icon: FluentIcon;
  Component: ComponentType;
  needsSignIn: boolean;
}

export function screenInfo(screen: Screen): ScreenInfo {
  switch (screen) {
    case 'caller':
      return { label: 'Caller', Icon: CallerIcon, Component: CallerScreen, needsSignIn: true };
    case 'history':
      return { label: 'History', Icon: HistoryIcon, Component: HistoryScreen, needsSignIn: true };
    case 'sspr':
      return { label: 'Self-service', Icon: SsprIcon, Component: SsprScreen, needsSignIn: true };
    case 'registration':
      return { label: 'Registration', Icon: RegistrationIcon, Component: RegistrationScreen, needsSignIn: true };
    case 'policy':
      return { label: 'Policy', Icon: PolicyIcon, Component: PolicyScreen, needsSignIn: true };
    case 'settings':
      return { label: 'Settings', Icon: SettingsIcon, Component: SettingsScreen, needsSignIn: false };
    default:
      return assertNever(screen, 'screen');
  }
}
