// Masks contact details before they leave main: the agent needs to tell the caller "the mobile
// ending 34", never to read a number out (a caller fishing for it is a classic social-engineering move).

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '•••';
  const digits = phone.replace(/\D/g, '');
  return `••• ••• ${digits.slice(-2).padStart(2, '•')}`;
}

export function maskEmail(address: string | null | undefined): string {
  if (!address || !address.includes('@')) return '•••';
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}
