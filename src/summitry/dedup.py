"""Near-duplicate pages: syndicated and mirrored copies of one article.

Each document's cleaned body (boilerplate already masked, so different menus and footers
do not matter) becomes a MinHash signature over 5-word shingles (datasketch, 128
permutations, fixed seed so signatures are stable across runs and machines). A MinHash
LSH index proposes candidate pairs; a pair whose estimated Jaccard similarity reaches
:data:`THRESHOLD` is a duplicate, and duplicates are grouped transitively. A group's id
is its smallest ``doc_id``. Copies count as one report, never as independent
confirmation of an event.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from summitry.names import fold

NUM_PERM = 128
SEED = 7
SHINGLE = 5
THRESHOLD = 0.7
SCHEME = "affine32"  # datasketch 2.x default; pinned so stored signatures stay comparable

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Word k-grams of the folded text (the whole text when it has fewer than k words)."""
    words = _WORD.findall(fold(text))
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature of a text, as plain integers (storable in DuckDB)."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    grams = shingles(text)
    if grams:
        m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return [int(v) for v in m.hashvalues]


def _minhash(values: Sequence[int]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME,
                   hashvalues=np.asarray(values, dtype=np.uint64))


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(_minhash(a).jaccard(_minhash(b)))


def groups(signatures: Mapping[str, Sequence[int]],
           threshold: float = THRESHOLD) -> dict[str, str]:
    """``{doc_id: group_id}`` for every document that has at least one near-duplicate."""
    if len(signatures) < 2:
        return {}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = {d: _minhash(v) for d, v in signatures.items() if len(v) == NUM_PERM}
    for doc_id in sorted(hashes):
        lsh.insert(doc_id, hashes[doc_id])
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for doc_id in sorted(hashes):
        for other in lsh.query(hashes[doc_id]):
            if other <= doc_id or hashes[doc_id].jaccard(hashes[other]) < threshold:
                continue
            ra, rb = find(doc_id), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members = {d for d in hashes if find(d) != d} | {find(d) for d in parent}
    return {d: find(d) for d in sorted(members)}
