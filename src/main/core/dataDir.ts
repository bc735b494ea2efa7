// Where Resetline keeps its data when no host says otherwise: the same folder Electron's
// app.getPath('userData') would give, so the desktop app and the browser host share one store.
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_FOLDER = 'Resetline';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RESETLINE_DATA_DIR) return env.RESETLINE_DATA_DIR;
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
  }
}
