"""HF `XGLMForCausalLM` written in plain PyTorch (no transformers), with HF's parameter names, so a
checkpoint's `model.safetensors` loads by name. Shared by the PyTorch references in `bench/`.

  import sys; sys.path.insert(0, "bench")
  from torch_xglm import XglmForCausalLM, load_safetensors
  model = XglmForCausalLM.from_pretrained("path/to/tiny-xglm")
  out = model(input_ids=ids, attention_mask=mask, output_hidden_states=True)

Check against the golden files transformers and PEFT wrote (logits, hidden states, loss, gradients):

  /usr/bin/python3 bench/torch_xglm.py --check ../shared/fixtures/golden

What it implements, as transformers' `modeling_xglm.py` does:
- token embeddings times sqrt(d_model) when `scale_embedding` (the padding row gets no gradient);
- sinusoidal positions `[sin | cos]` with fairseq's offset 2 and a zero padding row;
  positions are `arange(T) + 2` (transformers 4.3x and later), or, with
  `positions="mask"`, fairseq's `cumsum(mask) * mask + pad` (older transformers), which only
  differs at padded positions of a right-padded batch;
- pre-LayerNorm decoder layers (self-attention, then GELU feed-forward), a final LayerNorm;
- the query scaled by head_dim^-0.5 after its projection; a causal mask plus the key padding mask,
  added as the dtype's most negative number;
- an LM head tied to the embeddings (`tie_word_embeddings`).
Dropout is not implemented: every reference using this module trains with dropout off.
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

POSITION_OFFSET = 2

_NP_DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I32": np.int32, "I64": np.int64}


def load_safetensors(path):
    """name -> numpy array, from the 8-byte header length, the JSON header and the raw bytes."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = _NP_DTYPES[info["dtype"]]
        out[name] = np.frombuffer(data[base + start : base + end], dtype=dtype).reshape(info["shape"]).copy()
    return out


def save_safetensors(path, tensors, metadata=None):
    """Write name -> array (float32 or int32) as safetensors, names sorted as the format asks."""
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        a = np.ascontiguousarray(tensors[name])
        code = {np.dtype(np.float32): "F32", np.dtype(np.int32): "I32"}[a.dtype]
        raw = a.tobytes()
        header[name] = {"dtype": code, "shape": list(a.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    tmp = f"{path}.tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
    os.replace(tmp, path)


def sinusoidal_table(num, dim, padding_idx):
    """transformers' `XGLMSinusoidalPositionalEmbedding.get_embedding`."""
    half = dim // 2
    step = math.log(10000) / (half - 1)
    freq = torch.exp(torch.arange(half, dtype=torch.int64).float() * -step)
    ang = torch.arange(num, dtype=torch.int64).float().unsqueeze(1) * freq.unsqueeze(0)
    table = torch.cat([torch.sin(ang), torch.cos(ang)], dim=1).view(num, -1)
    if dim % 2 == 1:
        table = torch.cat([table, torch.zeros(num, 1)], dim=1)
    if padding_idx is not None:
        table[padding_idx, :] = 0
    return table


def position_ids(attention_mask, padding_idx, mode="arange"):
    """Rows of the sinusoidal table for each position, offset included."""
    b, t = attention_mask.shape
    if mode == "mask":
        m = attention_mask.long()
        return torch.cumsum(m, dim=1) * m + padding_idx
    return (torch.arange(t, dtype=torch.long) + POSITION_OFFSET).unsqueeze(0).expand(b, t)


class XglmAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.head_dim = d // heads
        self.scaling = self.head_dim ** -0.5
        self.k_proj = nn.Linear(d, d)
        self.v_proj = nn.Linear(d, d)
        self.q_proj = nn.Linear(d, d)
        self.out_proj = nn.Linear(d, d)

    def forward(self, x, additive_mask):
        b, t, d = x.shape
        split = lambda y: y.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        q = split(self.q_proj(x) * self.scaling)
        k, v = split(self.k_proj(x)), split(self.v_proj(x))
        weights = torch.softmax(q @ k.transpose(-1, -2) + additive_mask, dim=-1)
        ctx = (weights @ v).transpose(1, 2).reshape(b, t, d)
        return self.out_proj(ctx)


class XglmDecoderLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["d_model"]
        eps = c.get("layer_norm_eps", 1e-5)
        self.self_attn = XglmAttention(d, c["attention_heads"])
        self.self_attn_layer_norm = nn.LayerNorm(d, eps=eps)
        self.fc1 = nn.Linear(d, c["ffn_dim"])
        self.fc2 = nn.Linear(c["ffn_dim"], d)
        self.final_layer_norm = nn.LayerNorm(d, eps=eps)
        act = c.get("activation_function", "gelu")
        self.act = {"gelu": F.gelu, "relu": F.relu, "gelu_new": lambda x: F.gelu(x, approximate="tanh")}[act]

    def forward(self, h, additive_mask):
        h = h + self.self_attn(self.self_attn_layer_norm(h), additive_mask)
        return h + self.fc2(self.act(self.fc1(self.final_layer_norm(h))))


class XglmModel(nn.Module):
    def __init__(self, c, positions="arange"):
        super().__init__()
        d = c["d_model"]
        self.config = c
        self.positions = positions
        self.padding_idx = c.get("pad_token_id", 1)
        self.embed_scale = math.sqrt(d) if c.get("scale_embedding", True) else 1.0
        self.embed_tokens = nn.Embedding(c["vocab_size"], d, padding_idx=self.padding_idx)
        self.register_buffer("pos_table", sinusoidal_table(c.get("max_position_embeddings", 2048) + POSITION_OFFSET, d, self.padding_idx), persistent=False)
        self.layers = nn.ModuleList(XglmDecoderLayer(c) for _ in range(c["num_layers"]))
        self.layer_norm = nn.LayerNorm(d, eps=c.get("layer_norm_eps", 1e-5))

    def embed(self, input_ids):
        """Scaled token embeddings: what `inputs_embeds` expects (transformers' XGLMScaledWordEmbedding)."""
        return self.embed_tokens(input_ids) * self.embed_scale

    def forward(self, input_ids=None, attention_mask=None, inputs_embeds=None, output_hidden_states=False):
        x = inputs_embeds if inputs_embeds is not None else self.embed(input_ids)
        b, t, _ = x.shape
        if attention_mask is None:
            attention_mask = torch.ones(b, t, dtype=torch.long)
        pos = position_ids(attention_mask, self.padding_idx, self.positions)
        h = x + self.pos_table[pos]
        allowed = torch.tril(torch.ones(t, t, dtype=torch.bool)).unsqueeze(0) & attention_mask.bool().unsqueeze(1)
        additive = torch.zeros(b, 1, t, t, dtype=h.dtype).masked_fill(~allowed.unsqueeze(1), torch.finfo(h.dtype).min)
        states = []
        for layer in self.layers:
            if output_hidden_states:
                states.append(h)
            h = layer(h, additive)
        h = self.layer_norm(h)
        if output_hidden_states:
            states.append(h)
        return h, states


class XglmForCausalLM(nn.Module):
    def __init__(self, c, positions="arange"):
        super().__init__()
        self.config = c
        self.model = XglmModel(c, positions)
        self.lm_head = None if c.get("tie_word_embeddings", True) else nn.Linear(c["d_model"], c["vocab_size"], bias=False)

    @classmethod
    def from_pretrained(cls, directory, positions="arange"):
        with open(os.path.join(directory, "config.json")) as f:
            c = json.load(f)
        m = cls(c, positions)
        m.load_tensors(load_safetensors(os.path.join(directory, "model.safetensors")))
        return m

    def load_tensors(self, tensors):
        """Copy named arrays (HF names) into the parameters; every parameter must be there."""
        params = dict(self.named_parameters())
        missing = [n for n in params if n not in tensors]
        if missing:
            raise KeyError(f"checkpoint lacks {missing}")
        with torch.no_grad():
            for n, p in params.items():
                p.copy_(torch.from_numpy(np.asarray(tensors[n], dtype=np.float32)).view_as(p))

    def lm_logits(self, h):
        w = self.model.embed_tokens.weight if self.lm_head is None else self.lm_head.weight
        return h @ w.t()

    def forward(self, input_ids=None, attention_mask=None, inputs_embeds=None, output_hidden_states=False, labels=None):
        h, states = self.model(input_ids, attention_mask, inputs_embeds, output_hidden_states)
        logits = self.lm_logits(h)
        out = {"logits": logits, "last_hidden_state": h, "hidden_states": states}
        if labels is not None:
            out["loss"] = causal_lm_loss(logits, labels)
        return out


def prompt_hidden(model, prompt, input_ids, attention_mask):
    """PEFT prompt tuning of a causal LM: `prompt` [n, d] in front of the scaled token embeddings, the
    mask extended with ones; returns the last hidden state [B, n + T, d], virtual positions included."""
    b = input_ids.shape[0]
    n = prompt.shape[0]
    embeds = torch.cat([prompt.unsqueeze(0).expand(b, -1, -1), model.model.embed(input_ids)], dim=1)
    mask = torch.cat([torch.ones(b, n, dtype=attention_mask.dtype), attention_mask], dim=1)
    return model.model(inputs_embeds=embeds, attention_mask=mask)[0]


def causal_lm_loss(logits, labels):
    """transformers' causal-LM loss: logits at t against the label at t+1, -100 ignored, mean over the rest."""
    v = logits.shape[-1]
    return F.cross_entropy(logits[:, :-1].reshape(-1, v), labels[:, 1:].reshape(-1), ignore_index=-100)


def _rel(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


def check_golden(golden_dir, positions="arange"):
    """Relative L2 errors of this model against transformers' golden forward/backward."""
    with open(os.path.join(golden_dir, "tiny-xglm-golden.json")) as f:
        g = json.load(f)
    m = XglmForCausalLM.from_pretrained(os.path.join(golden_dir, "tiny-xglm"), positions)
    ids = torch.tensor(g["input_ids"])
    mask = torch.tensor(g["attention_mask"])
    labels = ids.masked_fill(mask == 0, -100)
    out = m(input_ids=ids, attention_mask=mask, output_hidden_states=True, labels=labels)
    out["loss"].backward()
    params = dict(m.named_parameters())
    report = {
        "positions": positions,
        "logits": _rel(out["logits"].detach(), g["logits"]),
        "hidden_states": [_rel(h.detach(), gh) for h, gh in zip(out["hidden_states"], g["hidden_states"])],
        "loss_abs": abs(out["loss"].item() - g["loss"]),
        "grads": {n: _rel(params[n].grad, gg) for n, gg in g["grads"].items()},
        "param_names": [n for n in params] == [n for n in g["param_names"] if n != "lm_head.weight"],
    }
    return report


def check_peft_golden(golden_dir):
    """Relative L2 errors of `prompt_hidden` + the tied LM head against PEFT's golden prompt-tuning batch."""
    with open(os.path.join(golden_dir, "peft-prompt-golden.json")) as f:
        g = json.load(f)
    m = XglmForCausalLM.from_pretrained(os.path.join(golden_dir, "tiny-xglm"))
    for p in m.parameters():
        p.requires_grad_(False)
    prompt = nn.Parameter(torch.tensor(g["prompt_embeddings"]))
    ids = torch.tensor(g["input_ids"])
    mask = torch.tensor(g["attention_mask"])
    logits = m.lm_logits(prompt_hidden(m, prompt, ids, mask))
    labels = torch.cat([torch.full((ids.shape[0], prompt.shape[0]), -100), ids.masked_fill(mask == 0, -100)], dim=1)
    loss = causal_lm_loss(logits, labels)
    loss.backward()
    return {"logits": _rel(logits.detach(), g["logits"]), "loss_abs": abs(loss.item() - g["loss"]), "prompt_grad": _rel(prompt.grad, g["prompt_grad"])}


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--check":
        torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
        print(json.dumps({"xglm": [check_golden(sys.argv[2], p) for p in ("arange", "mask")], "peft": check_peft_golden(sys.argv[2])}))
    else:
        print(__doc__)
