// Every import here breaks the renderer boundary; test/unit/lint/boundaries.test.ts lints this file as if it
// lived in src/renderer and expects one error per line.
import { ipcRenderer } from 'electron';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createRuntime } from '../../main/core/runtime';
import { startDemoTenant } from '../../demo-tenant/server';

export const leaked = [ipcRenderer, readFileSync, Database, createRuntime, startDemoTenant];
