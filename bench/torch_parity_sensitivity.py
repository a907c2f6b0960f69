"""How sensitive the training parity test is: replays the dumped runs with one deliberate change to
the PyTorch reference at a time and prints the errors against tokgap's run.

  TOKGAP_PARITY_DIR=/tmp/parity node scripts/run-tests.mjs torch-parity
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 bench/torch_parity_sensitivity.py /tmp/parity

Each line: the change, then per run (max relative loss error per step / final parameters' relative L2).
It overwrites the `torch-*` files in the run folders; the last line is the unchanged reference.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_train_reference as R  # noqa: E402
from torch_xglm import load_safetensors  # noqa: E402

def run_dirs(root):
    return sorted(n for n in os.listdir(root) if os.path.exists(os.path.join(root, n, "run.json")))


def errors(root):
    out = {}
    for m in run_dirs(root):
        d = os.path.join(root, m)
        R.train_run(d)
        ours = json.load(open(os.path.join(d, "tokgap-losses.json")))["losses"]
        ref = json.load(open(os.path.join(d, "torch-losses.json")))["losses"]
        a = load_safetensors(os.path.join(d, "tokgap-final.safetensors"))
        b = load_safetensors(os.path.join(d, "torch-final.safetensors"))
        fa = np.concatenate([a[n].ravel() for n in sorted(a)]).astype(np.float64)
        fb = np.concatenate([b[n].ravel() for n in sorted(a)]).astype(np.float64)
        loss_err = max(abs(x - y) / abs(y) for x, y in zip(ours, ref))
        out[m] = f"{loss_err:.1e} / {np.linalg.norm(fa - fb) / np.linalg.norm(fb):.1e}"
    return out


class AdamWithoutBiasCorrection(torch.optim.Optimizer):
    """AdamW's decoupled decay and moments, but no 1 − βᵗ corrections."""

    def __init__(self, groups, betas, eps):
        super().__init__(groups, dict(betas=betas, eps=eps, weight_decay=0.0))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            b1, b2 = g["betas"]
            for p in g["params"]:
                if p.grad is None:
                    continue
                st = self.state[p]
                if not st:
                    st["m"], st["v"] = torch.zeros_like(p), torch.zeros_like(p)
                p.mul_(1 - g["lr"] * g["weight_decay"])
                st["m"].mul_(b1).add_(p.grad, alpha=1 - b1)
                st["v"].mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)
                p.addcdiv_(st["m"], st["v"].sqrt().add_(g["eps"]), value=-g["lr"])


def mean_over_sequences(batch_rows):
    """cross_entropy replaced by the mean of per-sequence means (needs the batch's row count)."""
    ce = F.cross_entropy

    def loss(logits, labels, ignore_index=-100):
        b = batch_rows[0]
        lab = labels.view(b, -1)
        lg = logits.view(b, lab.shape[1], -1)
        return torch.stack([ce(lg[r], lab[r], ignore_index=ignore_index) for r in range(b) if (lab[r] != ignore_index).any()]).mean()
    return loss


def main():
    root = sys.argv[1]
    torch.set_num_threads(1)
    schedule, adamw, clip, no_decay, rebuild, lm, ce = (R.linear_warmup_decay, torch.optim.AdamW, torch.nn.utils.clip_grad_norm_,
                                                        R.no_decay_names, R.rebuild_labels, R.lm_labels, R.F.cross_entropy)
    rows = [0]

    def rebuild_counting(batch, word_token):
        rows[0] = len(batch["ids"])
        return rebuild(batch, word_token)

    def lm_counting(batch):
        rows[0] = len(batch["ids"])
        return lm(batch)

    changes = {
        "schedule one step ahead": lambda: setattr(R, "linear_warmup_decay", lambda w, t: (lambda s: schedule(w, t)(s + 1))),
        "one more warmup step": lambda: setattr(R, "linear_warmup_decay", lambda w, t: schedule(w + 1, t)),
        "no clipping": lambda: setattr(torch.nn.utils, "clip_grad_norm_", lambda *a, **k: None),
        "L2 decay inside Adam": lambda: setattr(torch.optim, "AdamW", lambda groups, **k: torch.optim.Adam(groups, **k)),
        "no bias correction": lambda: setattr(torch.optim, "AdamW", AdamWithoutBiasCorrection),
        "mean over sequences": lambda: (setattr(R, "rebuild_labels", rebuild_counting), setattr(R, "lm_labels", lm_counting),
                                        setattr(R.F, "cross_entropy", mean_over_sequences(rows))),
        "decay on biases and LayerNorms": lambda: setattr(R, "no_decay_names", lambda modules: set()),
        "none": lambda: None,
    }
    for name, apply in changes.items():
        apply()
        print(json.dumps({"change": name, **errors(root)}), flush=True)
        R.linear_warmup_decay, torch.optim.AdamW, torch.nn.utils.clip_grad_norm_ = schedule, adamw, clip
        R.no_decay_names, R.rebuild_labels, R.lm_labels, R.F.cross_entropy = no_decay, rebuild, lm, ce


if __name__ == "__main__":
    main()
