"""fp16 pytorch_model.bin from an fp32 model.safetensors, written by torch (for bench/make-xglm-564m.ts).

usage: python3 make_xglm_564m_bin.py MODEL.safetensors OUT/pytorch_model.bin
Reads the safetensors header with json and each tensor through numpy.memmap (no safetensors package,
never the whole file at once); lm_head.weight shares the embedding's storage, as a tied model saves.
"""
import collections
import json
import os
import struct
import sys

import numpy as np
import torch

src, out = sys.argv[1], sys.argv[2]
with open(src, "rb") as f:
    n = struct.unpack("<Q", f.read(8))[0]
    header = json.loads(f.read(n))
data = np.memmap(src, dtype=np.uint8, mode="r", offset=8 + n)
state = collections.OrderedDict()
for name, e in header.items():
    if name == "__metadata__":
        continue
    assert e["dtype"] == "F32", name
    a, b = e["data_offsets"]
    values = data[a:b].view(np.float32).reshape(e["shape"])
    half = torch.from_numpy(values.astype(np.float16))
    # The bench model's values are exact in fp16: the cast must lose nothing.
    assert np.array_equal(half.numpy().astype(np.float32), values), name
    state[name] = half
state["lm_head.weight"] = state["model.embed_tokens.weight"]
tmp = out + ".tmp"
torch.save(state, tmp)
os.replace(tmp, out)
