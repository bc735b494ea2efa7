import { describe, expect, it } from 'vitest';
import { isAllowedExternal } from '../../../src/main/app/externalLinks';

describe('external links', () => {
  it('lets Microsoft sign-in and help pages go to the system browser', () => {
    expect(
      isAllowedExternal('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?x=1'),
    ).toBe(true);
    expect(isAllowedExternal('https://microsoft.com/devicelogin')).toBe(true);
    expect(isAllowedExternal('https://passwordreset.microsoftonline.com/')).toBe(true);
  });

  it('refuses everything else, including http and look-alike hosts', () => {
    expect(isAllowedExternal('http://login.microsoftonline.com/')).toBe(false);
    expect(isAllowedExternal('https://login.microsoftonline.com.evil.example/')).toBe(false);
    expect(isAllowedExternal('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternal('not a url')).toBe(false);
    expect(isAllowedExternal('https://login.microsoftonline.com@evil.example/')).toBe(false);
    expect(isAllowedExternal('https://agent@login.microsoftonline.com/')).toBe(false);
    expect(isAllowedExternal('https://aka.ms.evil.example/')).toBe(false);
  });

  it('judges the address as the browser will read it', () => {
    expect(isAllowedExternal('HTTPS://Login.MicrosoftOnline.com/common')).toBe(true);
    expect(isAllowedExternal('https://learn.microsoft.com/../entra')).toBe(true);
  });

  it("allows the running demo tenant's loopback pages only when named", () => {
    const pages = 'http://127.0.0.1:41234';
    expect(isAllowedExternal(`${pages}/devicelogin`)).toBe(false);
    expect(isAllowedExternal(`${pages}/devicelogin`, [pages])).toBe(true);
    expect(isAllowedExternal('http://127.0.0.1:9/devicelogin', [pages])).toBe(false);
  });
});
