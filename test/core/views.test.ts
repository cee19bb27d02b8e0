// Pages rendered to bytes (the cached fragments copied in as they were kept) are byte for byte what
// rendering them as one string gives.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/core/i18n/index.js';
import { loadViews } from '../../src/core/views.js';

describe('views rendered to bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bryggan-views-'));
  mkdirSync(join(dir, 'layouts'));
  mkdirSync(join(dir, 'partials'));
  writeFileSync(join(dir, 'layouts/main.hbs'), '<!doctype html><title>{{title}}</title>{{{body}}}');
  writeFileSync(join(dir, 'partials/item.hbs'), '<li>{{name}} – {{t "thanks.thank"}}</li>');
  writeFileSync(join(dir, 'list.hbs'), '<h1>{{title}}</h1><ul>{{#each items}}{{fragment "item" bypass=(eq name @root.fresh)}}{{/each}}</ul>');
  afterAll(() => rmSync(dir, { recursive: true }));

  const views = loadViews(dir, 'Europe/Stockholm');
  views.cacheFragments('item', (context: { name: string }) => context.name);
  const context = { locale: 'sv' as const, t: translator('sv') };

  it('gives the bytes of the page rendered as one string, fragments cached or not, whatever the page’s text holds', () => {
    const data = {
      // Text that looks like a fragment's place: only the page's own markers are.
      title: 'Möte på bryggan \u0000fragment-0-1\u0000 – ✓',
      items: [{ name: 'Åsa' }, { name: 'Ödön 🛶' }, { name: 'Per' }, { name: 'Åsa' }],
      fresh: 'Per',
    };
    const asString = views.render('list', data, context);
    expect(asString).toContain(`<li>Ödön 🛶 – ${translator('sv')('thanks.thank')}</li>`);
    const misses = views.fragmentStats().misses;
    // Rendered from the cache this time (but for the fragment rendered afresh), and again as one string.
    expect(views.renderBytes('list', data, context).equals(Buffer.from(asString))).toBe(true);
    expect(views.fragmentStats().misses).toBe(misses);
    expect(views.render('list', data, context)).toBe(asString);
  });
});
