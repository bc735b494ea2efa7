// App-wide state: which screen is showing, the About dialog, and `app:get-info` (also feeds the header).
import type { StateCreator } from 'zustand';
import type { AppInfo, ResetlineApi } from '../../../shared/contract';
import { idle, track, type Loadable } from './loadable';
import type { Store } from './types';

export const SCREENS = ['caller', 'history', 'sspr', 'registration', 'policy', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface AppSlice {
  screen: Screen;
  aboutOpen: boolean;
  info: Loadable<AppInfo>;
  setScreen: (screen: Screen) => void;
  setAboutOpen: (open: boolean) => void;
  loadInfo: () => Promise<void>;
}

export const createAppSlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], AppSlice> =>
  (set, get) => ({
    screen: 'caller',
    aboutOpen: false,
    info: idle,
    setScreen: (screen) => set({ screen }),
    setAboutOpen: (aboutOpen) => {
      set({ aboutOpen });
      // Opening About after a failure is the natural retry; a loaded value is still current.
      if (aboutOpen && get().info.status === 'error') void get().loadInfo();
    },
    loadInfo: async () => {
      if (get().info.status === 'loading') return;
      await track(set, 'info', () => api().app.getInfo());
    },
  });
