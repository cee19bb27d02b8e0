// Command-line options of the benches.

/**
 * A numeric option: `fallback` when not given; a value out of [min, max], or not a whole number when
 * `whole`, stops the bench with a message naming the option.
 */
export function numberArg(name: string, raw: string | undefined, fallback: number, range: { min: number; max: number; whole?: boolean }): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const { min, max, whole = false } = range;
  if (!(whole ? Number.isInteger(value) : Number.isFinite(value)) || value < min || value > max) {
    console.error(`--${name} must be a ${whole ? 'whole number' : 'number'} from ${min} to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return value;
}
