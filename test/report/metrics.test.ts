import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMetric, metricTitle } from '../../src/report/index.js';

test('values print the same way everywhere; missing prints as "missing", never 0', () => {
  assert.equal(formatMetric('fertility', 4.125), '4.125');
  assert.equal(formatMetric('fertility', 1.23456), '1.235');
  assert.equal(formatMetric('unk_rate', 0.0125), '1.25%');
  assert.equal(formatMetric('tokens', 123456), '123,456');
  assert.equal(formatMetric('fertility', null), 'missing');
  assert.equal(formatMetric('fertility', NaN), 'missing');
  assert.equal(formatMetric('premium', Infinity), 'missing');
  assert.equal(formatMetric('unk_rate', 0), '0.00%');
});

test('axis titles carry units', () => {
  assert.equal(metricTitle('fertility'), 'Fertility (tokens per word)');
  assert.equal(metricTitle('premium'), 'Premium vs English (tokens relative to English, 1 = parity)');
  assert.equal(metricTitle('byte_fallback_rate'), 'Byte-fallback rate (% of tokens)');
});
