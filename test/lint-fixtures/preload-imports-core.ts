// The preload forwards contract channels only: linted as src/preload/index.ts, the core import (line 4)
// is refused and the contract import (line 3) is not.
import { buildApi } from '../shared/contract';
import { createRuntime } from '../main/core/runtime';

export const leaked = [buildApi, createRuntime];
