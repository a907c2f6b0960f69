import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../src/tuning/backend.js';
import { detectCheckpointForm, openCheckpointFolder } from '../../../src/tuning/checkpoint/folder.js';
import { loadSafetensors } from '../../../src/tuning/safetensors/read.js';
import { saveSafetensors } from '../../../src/tuning/safetensors/write.js';
import { XglmModel } from '../../../src/tuning/xglm/model.js';
import { TINY_DIR } from '../xglm/golden.js';
import { sameBytes, torchFixtures } from '../../helpers/torch-fixtures.js';

/** Every parameter of `m` bit for bit equal to the tensors of a safetensors file. */
function assertParamsEqual(m: XglmModel, file: string): void {
  const want = loadSafetensors(file).tensors;
  assert.equal(m.parameters.size, want.size);
  for (const [name, v] of m.parameters) assert.ok(sameBytes(v.dataSync() as Float32Array, want.get(name)!.data), name);
}

test('the one loader reads each form torch and HF lay out, bit for bit, through XglmModel.fromPretrained', async (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  await initBackend('cpu');
  const original = join(TINY_DIR, 'model.safetensors');
  const cases: [string, string, string][] = [
    ['bin-fp32', 'torch', original],
    ['bin-fp16', 'torch', join(fx, 'fp16-expected.safetensors')],
    ['bin-sharded', 'torch-sharded', original],
    ['st-sharded', 'safetensors-sharded', original],
  ];
  for (const [folder, form, expected] of cases) {
    const dir = join(fx, folder);
    assert.equal(detectCheckpointForm(dir).form, form, folder);
    const warnings: string[] = [];
    const m = XglmModel.fromPretrained(dir, { onWarning: (w) => warnings.push(w) });
    assertParamsEqual(m, expected);
    assert.deepEqual(warnings, [], `${folder}: the tied lm_head.weight is dropped silently`);
    m.dispose();
  }
  const reader = openCheckpointFolder(join(fx, 'st-sharded'));
  assert.equal(reader.files.length, 3);
  reader.close();
});

test('safetensors wins over pytorch_model.bin; a base-model state dict without model. loads; extras warn', async (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  await initBackend('cpu');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-forms-'));
  try {
    cpSync(join(fx, 'bin-fp16'), dir, { recursive: true });
    copyFileSync(join(TINY_DIR, 'model.safetensors'), join(dir, 'model.safetensors'));
    assert.equal(detectCheckpointForm(dir).form, 'safetensors');
    const m = XglmModel.fromPretrained(dir);
    assertParamsEqual(m, join(TINY_DIR, 'model.safetensors'));
    m.dispose();

    // XGLMModel (no LM head) names: embed_tokens.weight, layers.0…; plus buffers and an unknown extra.
    const bare = new Map([...loadSafetensors(join(TINY_DIR, 'model.safetensors')).tensors].map(([n, v]) => [n.replace(/^model\./, ''), v]));
    bare.set('embed_positions.weights', { dtype: 'F32', shape: [2], data: Float32Array.of(0, 1) });
    bare.set('extra.scale', { dtype: 'F32', shape: [1], data: Float32Array.of(2) });
    rmSync(join(dir, 'pytorch_model.bin'));
    saveSafetensors(join(dir, 'model.safetensors'), bare);
    const warnings: string[] = [];
    const b = XglmModel.fromPretrained(dir, { onWarning: (w) => warnings.push(w) });
    assertParamsEqual(b, join(TINY_DIR, 'model.safetensors'));
    b.dispose();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /extra\.scale/);
    assert.doesNotMatch(warnings[0]!, /embed_positions/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
