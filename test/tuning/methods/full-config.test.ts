import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../src/tuning/backend.js';
import { FULL_CONFIG_FILE, FullFineTuningModel } from '../../../src/tuning/methods/full/model.js';
import { XglmModel } from '../../../src/tuning/xglm/model.js';
import { TINY_DIR } from '../xglm/golden.js';

test('full fine-tuning saves its config beside the weights and loads it back (frozen embeddings stay frozen)', async () => {
  await initBackend('cpu');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-ftcfg-'));
  const base = XglmModel.fromPretrained(TINY_DIR);
  try {
    new FullFineTuningModel(base, { freeze_embeddings: true }).save(dir);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, FULL_CONFIG_FILE), 'utf8')), { peft_type: 'FULL', freeze_embeddings: true });
    const again = XglmModel.fromPretrained(TINY_DIR);
    const loaded = FullFineTuningModel.load(again, dir);
    assert.equal(loaded.config.freeze_embeddings, true);
    // The golden tiny model: vocab 512 × d 64 embeddings stay out of the trainable set.
    assert.equal(loaded.numTrainableParameters(), again.numParameters() - 512 * 64);
    // A folder without the file (an HF folder from elsewhere) loads with every parameter trainable.
    rmSync(join(dir, FULL_CONFIG_FILE));
    assert.equal(existsSync(join(dir, FULL_CONFIG_FILE)), false);
    assert.equal(FullFineTuningModel.load(again, dir).numTrainableParameters(), again.numParameters());
    again.dispose();
  } finally {
    base.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
