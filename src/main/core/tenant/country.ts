// The tenant's country, read once per sign-in (the first time a phone number is searched without its
// country code) and forgotten with the sign-in. A failed read is no error for the agent: the number
// is then tried as typed and as if its "+" was left off (graph/phoneSearch.ts).
import type { CountryCode } from 'libphonenumber-js';
import type { SignedInAgent } from '../../../shared/auth';
import { createLogger } from '../log';

const log = createLogger('search');

export class TenantCountry {
  private readonly bySignIn = new WeakMap<SignedInAgent, Promise<CountryCode | undefined>>();

  constructor(private readonly readCountry: () => Promise<CountryCode | null>) {}

  /** The country for this sign-in (the agent object lives exactly as long as it). */
  of(agent: SignedInAgent): Promise<CountryCode | undefined> {
    let country = this.bySignIn.get(agent);
    if (country === undefined) {
      country = this.readCountry().then(
        (c) => c ?? undefined,
        (error: unknown) => {
          log.warn('tenant country unread; national phone numbers are searched as typed', { error });
          this.bySignIn.delete(agent);
          return undefined;
        },
      );
      this.bySignIn.set(agent, country);
    }
    return country;
  }
}

/** A phone number typed without "+" or "00": the only searches that need the tenant's country. */
export function needsCountry(text: string): boolean {
  const t = text.trim();
  return /^[\d\s().-]{3,}$/.test(t) && !/^00[1-9]/.test(t);
}
