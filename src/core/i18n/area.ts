import type { Locale } from '../../config.js';

/** One area's strings in each locale; an area's file keeps its three languages side by side. */
export type AreaStrings = Record<Locale, Record<string, string>>;
