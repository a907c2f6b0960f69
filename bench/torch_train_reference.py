"""PyTorch reference trainer for the step-by-step training parity test (`test/tuning/torch-parity.test.ts`).

  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 bench/torch_train_reference.py RUN_DIR [RUN_DIR ...]

Each RUN_DIR holds what tokgap wrote for one run:
- `run.json`: `kind` (`token`: a POS/NER head on the last hidden state; `lm`: the causal-LM loss of
  XNLI/PAWS-X verbalisations), `method` (`finetune` or `prompt`), `model_dir` (HF config.json +
  model.safetensors), `steps`, `warmup_steps`, `lr` (model/prompt group), `weight_decay`, `betas`,
  `eps`, `max_grad_norm`; for `token` also `lr_head`, `num_labels` and `word_token` (`first`);
- `initial.safetensors`: the trainable tensors as tokgap initialised them (`prompt_embeddings` or the
  model's HF names, and `head.classifier.weight` / `head.classifier.bias`);
- `batches.jsonl`: one line per step, in order: `ids`, `mask`, `labels` (right-padded); for `token`
  also per row the words' `word_positions`, `word_tags` and the tokenizer's `pieces` of the whole
  sentence.

It trains as tokgap means to, written the PyTorch way: `torch.optim.AdamW` with parameter groups
(no weight decay on biases and LayerNorm parameters, found by module type; the head in its own
group at its own rate), `LambdaLR` with transformers' linear warmup/decay lambda,
`clip_grad_norm_` over every trainable parameter, and `F.cross_entropy(ignore_index=-100)` over the
labelled tokens of the batch. Dropout is off (the module has none). The labels it trains on are
rebuilt here, and every mismatch with tokgap's labels is counted: for `token` from the pieces and
tags (a word's first sub-token is its first piece after the space marker); for `lm` the ids with
-100 at padding. Prompt tuning's LM loss is PEFT's: -100 in front of the labels for the virtual
tokens, so the last virtual position also predicts the first real token.

Writes `torch-losses.json` (`losses`, the loss of each step before its update; `alignment_mismatches`)
and `torch-final.safetensors` (the trainable tensors after the last step) into each RUN_DIR, and
prints a one-line JSON summary.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_xglm import XglmForCausalLM, causal_lm_loss, load_safetensors, prompt_hidden, save_safetensors  # noqa: E402

SPACE = "\u2581"


def linear_warmup_decay(warmup, total):
    """transformers' `get_linear_schedule_with_warmup` lambda."""
    def f(step):
        if step < warmup:
            return float(step) / float(max(1, warmup))
        return max(0.0, float(total - step) / float(max(1, total - warmup)))
    return f


def first_subtokens(pieces, n_words):
    """Position of each word's first sub-token, from Metaspace pieces alone (a lone marker is not one)."""
    starts = []
    for i, p in enumerate(pieces):
        if p.startswith(SPACE):
            starts.append(i + 1 if p == SPACE else i)
    if len(starts) != n_words:
        raise ValueError(f"{len(starts)} word starts in {pieces} for {n_words} words")
    return starts


def rebuild_labels(batch, word_token):
    """Labels [B, T] from pieces and tags, and how many entries differ from tokgap's."""
    if word_token != "first":
        raise ValueError(f"word_token {word_token!r}: this reference knows only 'first'")
    ids = batch["ids"]
    labels = np.full((len(ids), len(ids[0])), -100, dtype=np.int64)
    mismatches = 0
    for r, (pieces, tags, positions) in enumerate(zip(batch["pieces"], batch["word_tags"], batch["word_positions"])):
        kept = int(sum(batch["mask"][r]))
        for w, p in enumerate(first_subtokens(pieces, len(tags))):
            mine = p if p < kept else -1
            mismatches += mine != positions[w]
            if mine >= 0:
                labels[r, mine] = tags[w]
    mismatches += int((labels != np.asarray(batch["labels"])).sum())
    return torch.from_numpy(labels), mismatches


def no_decay_names(modules):
    """Biases and LayerNorm parameters (transformers' Trainer rule), by module type."""
    names = set()
    for prefix, root in modules.items():
        for mod_name, mod in root.named_modules():
            for p_name, _ in mod.named_parameters(recurse=False):
                full = f"{prefix}{mod_name + '.' if mod_name else ''}{p_name}"
                if isinstance(mod, nn.LayerNorm) or p_name == "bias":
                    names.add(full)
    return names


def lm_labels(batch):
    """Causal-LM labels: the ids, -100 at padding; and how many entries differ from tokgap's."""
    labels = torch.tensor(batch["ids"]).masked_fill(torch.tensor(batch["mask"]) == 0, -100)
    return labels, int((labels != torch.tensor(batch["labels"])).sum())


def train_run(run_dir):
    with open(os.path.join(run_dir, "run.json")) as f:
        cfg = json.load(f)
    init = load_safetensors(os.path.join(run_dir, "initial.safetensors"))
    model = XglmForCausalLM.from_pretrained(cfg["model_dir"])
    model.eval()  # no dropout anywhere; eval() only says so
    d = model.config["d_model"]
    token_task = cfg["kind"] == "token"
    head = nn.Linear(d, cfg["num_labels"]) if token_task else None
    if head is not None:
        with torch.no_grad():
            head.weight.copy_(torch.from_numpy(init["head.classifier.weight"]))
            head.bias.copy_(torch.from_numpy(init["head.classifier.bias"]))

    if cfg["method"] == "finetune":
        model.load_tensors(init)  # the model's trainable tensors as tokgap started them
        body = {n: p for n, p in model.named_parameters()}
        prompt = None
        skip = no_decay_names({"": model})
    elif cfg["method"] == "prompt":
        for p in model.parameters():
            p.requires_grad_(False)
        prompt = nn.Parameter(torch.from_numpy(init["prompt_embeddings"]).clone())
        body = {"prompt_embeddings": prompt}
        skip = set()
    else:
        raise ValueError(f"unknown method {cfg['method']!r}")
    heads = {f"head.classifier.{n}": p for n, p in head.named_parameters()} if head is not None else {}
    if head is not None:
        skip |= no_decay_names({"head.classifier.": head})

    wd = cfg["weight_decay"]
    groups = []
    for params, lr in ((body, cfg["lr"]), (heads, cfg.get("lr_head"))):
        groups.append({"params": [p for n, p in params.items() if n not in skip], "lr": lr, "weight_decay": wd})
        groups.append({"params": [p for n, p in params.items() if n in skip], "lr": lr, "weight_decay": 0.0})
    groups = [g for g in groups if g["params"]]
    opt = torch.optim.AdamW(groups, betas=tuple(cfg["betas"]), eps=cfg["eps"])
    sched = torch.optim.lr_scheduler.LambdaLR(opt, linear_warmup_decay(cfg["warmup_steps"], cfg["steps"]))
    trainable = [p for g in groups for p in g["params"]]

    losses, mismatches = [], 0
    with open(os.path.join(run_dir, "batches.jsonl")) as f:
        batches = [json.loads(line) for line in f if line.strip()]
    if len(batches) != cfg["steps"]:
        raise ValueError(f"{len(batches)} batches for {cfg['steps']} steps")
    for batch in batches:
        ids = torch.tensor(batch["ids"])
        mask = torch.tensor(batch["mask"])
        labels, bad = rebuild_labels(batch, cfg["word_token"]) if token_task else lm_labels(batch)
        mismatches += bad
        opt.zero_grad(set_to_none=True)
        if prompt is None:
            hidden = model.model(input_ids=ids, attention_mask=mask)[0]
        else:
            n = prompt.shape[0]
            hidden = prompt_hidden(model, prompt, ids, mask)
            if token_task:
                hidden = hidden[:, n:]
            else:
                labels = torch.cat([torch.full((ids.shape[0], n), -100, dtype=labels.dtype), labels], dim=1)
        if token_task:
            logits = head(hidden)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)
        else:
            loss = causal_lm_loss(model.lm_logits(hidden), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, cfg["max_grad_norm"])
        opt.step()
        sched.step()
        losses.append(loss.item())

    final = {n: p.detach().numpy().astype(np.float32) for n, p in {**body, **heads}.items()}
    save_safetensors(os.path.join(run_dir, "torch-final.safetensors"), final)
    with open(os.path.join(run_dir, "torch-losses.json"), "w") as f:
        json.dump({"losses": losses, "alignment_mismatches": mismatches, "torch": torch.__version__}, f)
    return {"run": os.path.basename(run_dir), "steps": len(losses), "first_loss": losses[0], "last_loss": losses[-1], "alignment_mismatches": mismatches}


def main():
    # One thread by default: at tiny-xglm's size, OpenMP's second thread only spins and costs
    # CPU time without making a run faster.
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    print(json.dumps([train_run(d) for d in sys.argv[1:]]))


if __name__ == "__main__":
    main()
