// app://resetline/ serves only files of the built renderer folder: real files in a temp folder.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../../src/main/app/appAssets';

describe('app:// file resolution', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'resetline-assets-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
    writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
    writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
    writeFileSync(join(base, 'renderer-evil.txt'), 'a sibling whose name starts like the root');
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const get = (url: string) => resolveAppAsset(url, root);

  it('serves the entry page and bundled files with their content type', () => {
    expect(get('app://resetline/index.html')).toEqual({
      status: 200,
      path: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(get('app://resetline/')).toMatchObject({ status: 200, path: join(root, 'index.html') });
    expect(get('app://resetline/assets/index-abc.js')).toMatchObject({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(get('app://resetline/assets/a%20b.css')).toMatchObject({
      status: 200,
      contentType: 'text/css; charset=utf-8',
    });
  });

  it('ignores query strings and fragments', () => {
    expect(get('app://resetline/assets/index-abc.js?v=1#x')).toMatchObject({ status: 200 });
    expect(get('app://resetline/index.html?../../secret.txt')).toMatchObject({ path: join(root, 'index.html') });
  });

  it('refuses to step outside the renderer folder, however the path is spelled', () => {
    for (const url of [
      'app://resetline/../secret.txt',
      'app://resetline/assets/../../secret.txt',
      'app://resetline/%2e%2e/secret.txt',
      'app://resetline/..%2fsecret.txt',
      'app://resetline/..%2Fsecret.txt',
      'app://resetline/assets/..%2f..%2fsecret.txt',
      'app://resetline/..%5csecret.txt',
      'app://resetline/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://resetline/../renderer-evil.txt',
      'app://resetline/%2e%2e/renderer-evil.txt',
      `app://resetline/${encodeURIComponent(join(base, 'secret.txt'))}`,
      'app://resetline//etc/passwd',
      'app://resetline/%2fetc%2fpasswd',
      'app://resetline/index.html%00.js',
      'app://resetline/assets/link.txt',
    ]) {
      expect(get(url), url).toEqual({ status: 404 });
    }
  });

  it('answers 404 for unknown files, folders, other hosts and schemes', () => {
    for (const url of [
      'app://resetline/missing.js',
      'app://resetline/assets',
      'app://resetline/assets/',
      'app://other/index.html',
      `file://${join(root, 'index.html')}`,
      'https://resetline/index.html',
      'app://resetline/%E0%A4%A',
      'not a url',
    ]) {
      expect(get(url), url).toEqual({ status: 404 });
    }
  });
});
