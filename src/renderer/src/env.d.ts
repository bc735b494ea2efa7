// `window.resetline` (the preload's object; absent in the browser host) is declared once, next to the
// preload that creates it, so the two cannot drift apart. Importing it here ties the renderer's
// globals to that file even if tsconfig's include list changes.
import type {} from '../../preload/api';
