/**
 * The form two addresses are compared in (ADMIN_EMAILS against a registering address): trimmed, NFKC
 * and lower-cased, so "BOSS@x", "boss@x" and "ｂｏｓｓ@x" are one address.
 */
export function emailKey(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
}
