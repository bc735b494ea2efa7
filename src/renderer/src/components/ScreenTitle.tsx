// Each screen's one h1; `main` is labelled by it so the landmark announces the current screen.
import { Title2 } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export const SCREEN_TITLE_ID = 'screen-title';

export function ScreenTitle({ children }: { children: ReactNode }) {
  return (
    <Title2 as="h1" id={SCREEN_TITLE_ID}>
      {children}
    </Title2>
  );
}
