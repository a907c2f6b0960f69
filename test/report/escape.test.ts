import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, jsonForScript, scriptSafe } from '../../src/report/escape.js';

test('JSON embedded in <script> cannot close it and parses back unchanged', () => {
  const value = { name: '</script><script>alert(1)</script>', note: '<!-- a & b -->', sep: '\u2028' };
  const text = jsonForScript(value);
  assert.ok(!/<\/script/i.test(text));
  assert.ok(!text.includes('<!--'));
  assert.deepEqual(JSON.parse(text), value);
});

test('inlined library code has no closing script tag; HTML text is escaped', () => {
  assert.equal(scriptSafe('var s = "</SCRIPT>";'), 'var s = "<\\/SCRIPT>";');
  assert.equal(escapeHtml(`<b a="x">'&'</b>`), '&lt;b a=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
});
