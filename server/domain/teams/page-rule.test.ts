import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathMatches, teamOfPage } from './page-rule.ts';

test('a pattern without * is a path prefix at a segment boundary, case and query ignored', () => {
  assert.equal(pathMatches('/billing', '/billing'), true);
  assert.equal(pathMatches('/billing', '/billing/'), true);
  assert.equal(pathMatches('/billing', '/Billing/Invoices/7'), true);
  assert.equal(pathMatches('/billing/', '/billing/invoices'), true);
  assert.equal(pathMatches('/billing', '/billingx'), false);
  assert.equal(pathMatches('/billing', '/help/billing'), false);
  assert.equal(pathMatches('/', '/anything'), true);
});

test('a * matches any characters and the whole path must match', () => {
  assert.equal(pathMatches('/*/pricing', '/en/pricing'), true);
  assert.equal(pathMatches('/*/pricing', '/en/pricing/extra'), false);
  assert.equal(pathMatches('/help/*', '/help/a/b'), true);
  assert.equal(pathMatches('/help/*', '/helpdesk'), false);
  assert.equal(pathMatches('/a.b*', '/aXb'), false, 'a dot is a dot, not any character');
});

test('the first matching rule whose team exists wins; no URL or no match: none', () => {
  const rules = [
    { pattern: '/billing/enterprise', teamId: 'gone' },
    { pattern: '/billing', teamId: 'billing' },
    { pattern: '/*', teamId: 'sales' },
  ];
  const exists = (id: string) => id !== 'gone';
  assert.equal(teamOfPage(rules, 'https://shop.example/billing/enterprise?x=1', exists), 'billing', 'a rule naming a deleted team is skipped');
  assert.equal(teamOfPage(rules, 'https://shop.example/pricing', exists), 'sales');
  assert.equal(teamOfPage(rules.slice(0, 2), 'https://shop.example/pricing', exists), null);
  assert.equal(teamOfPage(rules, undefined, exists), null);
  assert.equal(teamOfPage(rules, 'not a url', exists), null);
  assert.equal(teamOfPage(undefined, 'https://shop.example/billing', exists), null);
});
