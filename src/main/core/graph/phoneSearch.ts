// What a typed phone number may look like in the directory. Graph filters mobilePhone only by
// `eq`, `ne`, `not`, `ge`, `le`, `in` and `startsWith` on the stored text (api-reference/v1.0/resources/user.md,
// mobilePhone row): there is no "same number, any format". So the search sends a few prefixes, one
// per format a directory typically holds, each from libphonenumber-js's reading of what the agent typed:
//   E.164                  +14255550100
//   Entra's methods format +1 4255550100   (what the authentication-methods API stores and shows)
//   international          +1 425 555 0100
//   national               (425) 555-0100 and 4255550100, once the number is complete
//   as typed               whatever the agent typed, trimmed
// What cannot be found: a number stored in a format nobody typed and none of these produce (e.g.
// "425.555.0100", "+1-425-555-0100", a trunk "0" kept after the country code, or an extension
// written in words), or a national number typed without its country code when the tenant's region is
// not known (`defaultRegion` unset): then the digits are tried as typed and as if the "+" was left off.
import { AsYouType, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** At most this many prefixes (with the employee id that makes 7 `$filter` expressions, well within Graph's limits). */
export const MAX_PHONE_PREFIXES = 6;

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** The prefixes to look for, most likely first, without duplicates; empty when no digit was typed. */
export function phonePrefixes(typed: string, defaultRegion?: CountryCode): string[] {
  const text = typed.trim();
  const digits = digitsOf(text);
  if (digits.length === 0) return [];
  const out: string[] = [text];
  const international = text.startsWith('+') || /^00[1-9]/.test(text);
  if (international) {
    out.push(...internationalForms(`+${text.startsWith('+') ? digits : digits.slice(2)}`));
  } else {
    if (defaultRegion !== undefined) out.push(...nationalForms(text, defaultRegion));
    out.push(digits);
    // Typed without its "+" ("1 425 555 0100"): read it as an international number too.
    out.push(...internationalForms(`+${digits}`));
  }
  return [...new Set(out.filter((p) => p.length > 0))].slice(0, MAX_PHONE_PREFIXES);
}

/** "+1425555…" as E.164, Entra's "+1 425555…", the international layout and, complete, the national ones. */
function internationalForms(plusDigits: string): string[] {
  const typing = new AsYouType();
  const laidOut = typing.input(plusDigits);
  const code = typing.getCallingCode();
  const national = typing.getNationalNumber();
  const forms = [plusDigits];
  if (code !== undefined) forms.push(national === '' ? `+${code}` : `+${code} ${national}`);
  forms.push(laidOut);
  const full = parsePhoneNumberFromString(plusDigits);
  if (full?.isValid() === true) forms.push(full.formatInternational(), full.formatNational(), full.nationalNumber);
  return forms;
}

/** A national number read in the tenant's region: the same forms with the country code added. */
function nationalForms(text: string, region: CountryCode): string[] {
  const typing = new AsYouType(region);
  typing.input(text);
  const national = typing.getNationalNumber();
  if (national === '') return [];
  const full = parsePhoneNumberFromString(text, region);
  const code = getCountryCallingCode(region);
  const forms = [`+${code}${national}`, `+${code} ${national}`];
  if (full?.isValid() === true) forms.push(full.formatInternational(), full.formatNational());
  return forms;
}
