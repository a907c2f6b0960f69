"""PyTorch CPU reference for `npm run bench:tuning`: the same XGLM-shaped model built in plain torch
(no transformers), timed for forward, full fine-tuning step and prompt-tuning step.

  /usr/bin/python3 bench/torch_reference.py --threads 2 --vocab 8000 --d 256 --layers 4 --heads 4 \
      --ffn 1024 --batch 8 --seq 128 --virtual 20 --steps 5 --warmup 2

Modes: forward, finetune, prompt (LM loss); score (forward + log-probs of each sequence, what
verbaliser scoring computes), pos_prompt (prompt tuning with a 17-tag linear head), xnli_prompt
(prompt tuning with the causal-LM loss of the verbalisation). Run one mode per process to read its
peak memory.

Prints one JSON object: tokens/s per mode (input tokens, virtual tokens not counted), the median of
`--repeats` timed repetitions of `--steps` steps each (every repetition's figures in `runs`), and the
BLAS library the process mapped (`blas`). Run it with
`LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp`: Debian's pthread OpenBLAS, which wins the
alternatives when both are installed, makes it 2-3x slower.
"""
import argparse, json, math, re, resource, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F


class Layer(nn.Module):
    def __init__(self, d, heads, ffn):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.fc1, self.fc2 = nn.Linear(d, ffn), nn.Linear(ffn, d)

    def forward(self, x):
        b, t, d = x.shape
        h = self.ln1(x)
        split = lambda y: y.view(b, t, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = split(self.q(h)) / math.sqrt(d // self.heads), split(self.k(h)), split(self.v(h))
        causal = torch.full((t, t), float("-inf")).triu(1)  # torch 1.13 (Debian) has no scaled_dot_product_attention
        a = torch.softmax(q @ k.transpose(-1, -2) + causal, -1) @ v
        x = x + self.o(a.transpose(1, 2).reshape(b, t, d))
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


class Xglm(nn.Module):
    """Scaled embeddings + sinusoidal positions (offset 2), pre-LN layers, final LN, tied LM head."""

    def __init__(self, vocab, d, layers, heads, ffn, max_pos=2048):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.scale = math.sqrt(d)
        half = d // 2
        freq = torch.exp(torch.arange(half).float() * -(math.log(10000) / (half - 1)))
        ang = torch.arange(max_pos + 2).float()[:, None] * freq[None]
        self.register_buffer("pos", torch.cat([ang.sin(), ang.cos()], 1))
        self.layers = nn.ModuleList(Layer(d, heads, ffn) for _ in range(layers))
        self.ln = nn.LayerNorm(d)

    def body(self, x):
        x = x + self.pos[2 : 2 + x.shape[1]]
        for layer in self.layers:
            x = layer(x)
        return self.ln(x)

    def forward(self, ids=None, embeds=None):
        x = embeds if embeds is not None else self.embed(ids) * self.scale
        return self.body(x) @ self.embed.weight.t()


def lm_loss(logits, labels):
    return F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), labels[:, 1:].reshape(-1), ignore_index=-100)


def blas_libraries():
    """The BLAS shared objects this process has mapped, from /proc/self/maps (Linux)."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    except OSError:
        return []
    return sorted(paths)


def main():
    p = argparse.ArgumentParser()
    for name, default in [("threads", 2), ("vocab", 8000), ("d", 256), ("layers", 4), ("heads", 4), ("ffn", 1024),
                          ("batch", 8), ("seq", 128), ("virtual", 20), ("steps", 5), ("warmup", 2), ("repeats", 1), ("tags", 17)]:
        p.add_argument(f"--{name}", type=int, default=default)
    p.add_argument("--modes", default="forward,finetune,prompt")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    ids = torch.randint(4, a.vocab, (a.batch, a.seq))
    out = {"threads": torch.get_num_threads(), "torch": torch.__version__, "blas": blas_libraries(),
           "blas_build": re.findall(r"(?:BLAS|LAPACK)_INFO=\w+", torch.__config__.show())}
    for mode in a.modes.split(","):
        m = Xglm(a.vocab, a.d, a.layers, a.heads, a.ffn)
        if mode == "forward":
            m.eval()
            def step():
                with torch.no_grad():
                    m(ids)
        elif mode == "finetune":
            opt = torch.optim.AdamW(m.parameters(), lr=1e-4)
            def step():
                loss = lm_loss(m(ids), ids)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
        elif mode == "score":
            m.eval()
            def step():
                with torch.no_grad():
                    logp = torch.log_softmax(m(ids)[:, :-1], -1)
                    logp.gather(-1, ids[:, 1:, None]).sum((1, 2))
        elif mode in ("pos_prompt", "xnli_prompt"):
            for q in m.parameters():
                q.requires_grad_(False)
            prompt = nn.Parameter(torch.randn(a.virtual, a.d))
            head = nn.Linear(a.d, a.tags)
            train = [prompt] + (list(head.parameters()) if mode == "pos_prompt" else [])
            opt = torch.optim.AdamW(train, lr=1e-3)
            tags = torch.randint(0, a.tags, (a.batch, a.seq))
            labels = torch.cat([torch.full((a.batch, a.virtual), -100), ids], 1)
            def step():
                e = torch.cat([prompt.expand(a.batch, -1, -1), m.embed(ids) * m.scale], 1)
                if mode == "pos_prompt":
                    h = m.body(e)[:, a.virtual:]
                    loss = F.cross_entropy(head(h).reshape(-1, a.tags), tags.reshape(-1))
                else:
                    loss = lm_loss(m(embeds=e), labels)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(train, 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
        else:
            for q in m.parameters():
                q.requires_grad_(False)
            prompt = nn.Parameter(torch.randn(a.virtual, a.d))
            opt = torch.optim.AdamW([prompt], lr=1e-3)
            labels = torch.cat([torch.full((a.batch, a.virtual), -100), ids], 1)
            def step():
                e = torch.cat([prompt.expand(a.batch, -1, -1), m.embed(ids) * m.scale], 1)
                loss = lm_loss(m(embeds=e), labels)
                loss.backward()
                torch.nn.utils.clip_grad_norm_([prompt], 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
        for _ in range(a.warmup):
            step()
        runs = []
        for _ in range(a.repeats):
            t, c = time.perf_counter(), time.process_time()
            for _ in range(a.steps):
                step()
            dt = (time.perf_counter() - t) / a.steps
            cpu = (time.process_time() - c) / a.steps  # all threads' CPU time
            runs.append({"step_s": dt, "tokens_per_s": a.batch * a.seq / dt, "tokens_per_cpu_s": a.batch * a.seq / cpu})
        med = lambda k: statistics.median(r[k] for r in runs)
        out[mode] = {"step_s": med("step_s"), "tokens_per_s": med("tokens_per_s"), "tokens_per_cpu_s": med("tokens_per_cpu_s"), "runs": runs,
                     "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
