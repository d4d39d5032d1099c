"""Writes the small synthetic ontologies of the diagnostic experiments as DrugCell-style
parent<TAB>child<TAB>type tables (docs/formats/parent_child_type.md):

  depth_<d>.txt   d = 2, 4, 8, 16: a root over 8 chains of d - 1 terms each; the bottom term of a
                  chain (a leaf) holds 4 genes, every other chain term one gene of its own, so the
                  network has d term levels and only the leaves have exactly 4 genes;
  pairs.txt       a root over 12 leaf terms of 2 genes each: each gene's only partner is the other
                  gene of its term, the pair `ontonet simulate --correlation` correlates.

    python3 experiments/explain_diagnostics/make_ontologies.py OUT_DIR
"""
import os
import sys

CHAINS = 8
LEAF_GENES = 4
PAIRS = 12


def depth_ontology(depth):
    lines = []
    for chain in range(1, CHAINS + 1):
        parent = "ROOT"
        for level in range(1, depth):
            term = f"C{chain}_L{level}"
            lines.append(f"{parent}\t{term}\tdefault")
            if level < depth - 1:
                lines.append(f"{term}\tG{chain}_{level}\tgene")
            parent = term
        for gene in range(1, LEAF_GENES + 1):
            lines.append(f"{parent}\tG{chain}_LEAF{gene}\tgene")
    return lines


def pairs_ontology():
    lines = []
    for pair in range(1, PAIRS + 1):
        lines.append(f"ROOT\tP{pair}\tdefault")
        lines.append(f"P{pair}\tP{pair}A\tgene")
        lines.append(f"P{pair}\tP{pair}B\tgene")
    return lines


def write(path, lines):
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for depth in (2, 4, 8, 16):
        write(os.path.join(out, f"depth_{depth}.txt"), depth_ontology(depth))
    write(os.path.join(out, "pairs.txt"), pairs_ontology())


if __name__ == "__main__":
    main()
