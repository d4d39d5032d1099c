#!/usr/bin/env python3
"""Writes a synthetic cohort for the constrained-versus-dense experiment: an ontology whose wiring
we choose (root -> branches -> leaves -> genes), an expression matrix over its genes, and a
phenotype whose signal either lives inside that wiring or crosses it, so that the comparison asks a
question with a known answer.

Files written into --out (each through a temporary file and a rename):
  synthetic.obo, synthetic.gaf   the ontology (SYN:0000001 "synthetic root", "branch b", "leaf b.k")
                                 and its annotations: genes G001.. on the leaves only, disjoint
  expression.tsv                 sample<TAB>gene...: standard normal, correlation rho within a leaf
  phenotypes.tsv                 sample<TAB>phenotype<TAB>split (train / validation / test)
  truth.json                     the planted signal: enough to recompute it from expression.tsv

Scenarios:
  inside   two leaves in different branches each carry tanh(1.5 w.x_leaf / sqrt(|leaf|)) plus one
           product of two of their genes; a term of the network sees everything it needs.
  across   six products x_a x_b with a and b under different branches; only the root sees both.

A sample-size sweep must compare like with like, so each split has its own random stream seeded by
(seed, split): the test samples do not depend on --n-train, and the training samples of a smaller
--n-train are a prefix of those of a larger one. The planted effects come from a fourth stream
(seed, "truth"). Standard library only; the same arguments give the same bytes.

usage: make_synthetic.py --out DIR --scenario inside|across --n-train N [--n-validation N]
                         [--n-test N] [--seed S] [--rho R] [--r2-ceiling C]
                         [--branches B] [--leaves-per-branch L] [--genes-per-leaf G]
"""
import argparse
import itertools
import json
import math
import os
import random
import sys
import tempfile

TANH_GAIN = 1.5
TANH_GENES = 4  # genes of a causal leaf inside the tanh (scenario inside)
N_ACROSS_PAIRS = 6


class Layout:
    """The synthetic ontology: 0-based branch b, leaf l (branch l // leaves_per_branch) and gene g
    (leaf g // genes_per_leaf); SYN ids number the root, then the branches, then the leaves."""

    def __init__(self, branches, leaves_per_branch, genes_per_leaf):
        self.branches = branches
        self.leaves_per_branch = leaves_per_branch
        self.genes_per_leaf = genes_per_leaf
        self.n_leaves = branches * leaves_per_branch
        self.n_genes = self.n_leaves * genes_per_leaf
        width = max(3, len(str(self.n_genes)))
        self.gene_names = [f"G{g + 1:0{width}d}" for g in range(self.n_genes)]
        self.gene_leaf = [g // genes_per_leaf for g in range(self.n_genes)]

    def branch_of_leaf(self, leaf):
        return leaf // self.leaves_per_branch

    def leaves_of_branch(self, branch):
        first = branch * self.leaves_per_branch
        return list(range(first, first + self.leaves_per_branch))

    def genes_of_leaf(self, leaf):
        first = leaf * self.genes_per_leaf
        return list(range(first, first + self.genes_per_leaf))

    @staticmethod
    def root_id():
        return "SYN:0000001"

    @staticmethod
    def branch_id(branch):
        return f"SYN:{2 + branch:07d}"

    def leaf_id(self, leaf):
        return f"SYN:{2 + self.branches + leaf:07d}"

    @staticmethod
    def branch_name(branch):
        return f"branch {branch + 1}"

    def leaf_name(self, leaf):
        return f"leaf {self.branch_of_leaf(leaf) + 1}.{leaf % self.leaves_per_branch + 1}"

    def covariance(self, g, h, rho):
        """Cov(x_g, x_h) of the generated expression: 1 on the diagonal, rho within a leaf."""
        if g == h:
            return 1.0
        return rho if self.gene_leaf[g] == self.gene_leaf[h] else 0.0


def stream(seed, name):
    # A string seed is hashed with SHA-512, so the streams are independent and stable across
    # Python versions and PYTHONHASHSEED.
    return random.Random(f"ontonet-synthetic:{seed}:{name}")


# ---------------------------------------------------------------------------------------------
# The planted signal. signal(x) = scale * (sum over tanh terms of tanh(gain * w.x / divisor)
#                                          + sum over pairs of coefficient * x_a * x_b - center)
# ---------------------------------------------------------------------------------------------


def expected_tanh_squared(sd):
    """E[tanh(s)^2] for s ~ N(0, sd^2), by Simpson's rule on [-12, 12] standard deviations (the
    integrand is smooth and the tails beyond are below 1e-30). The step stays below 0.05 in s, where
    tanh^2 turns, whatever sd."""
    n = 2 * max(2400, math.ceil(12.0 * sd / 0.05))  # even
    h = 24.0 / n
    total = 0.0
    for i in range(n + 1):
        z = -12.0 + i * h
        weight = 1 if i in (0, n) else (4 if i % 2 else 2)
        total += weight * math.tanh(sd * z) ** 2 * math.exp(-0.5 * z * z)
    return total * h / 3.0 / math.sqrt(2.0 * math.pi)


def draw_inside(layout, rng):
    if layout.branches < 2:
        raise ValueError("scenario inside needs at least 2 branches")
    if layout.genes_per_leaf < TANH_GENES + 2:
        raise ValueError(f"scenario inside needs at least {TANH_GENES + 2} genes per leaf")
    tanh_terms, pairs = [], []
    for branch in sorted(rng.sample(range(layout.branches), 2)):
        leaf = rng.choice(layout.leaves_of_branch(branch))
        chosen = rng.sample(layout.genes_of_leaf(leaf), TANH_GENES + 2)
        weighted = sorted(chosen[:TANH_GENES])
        tanh_terms.append({"leaf": leaf, "weights": {g: rng.gauss(0.0, 1.0) for g in weighted}})
        pairs.append({"genes": sorted(chosen[TANH_GENES:]), "coefficient": 1.0})
    return tanh_terms, pairs


def draw_across(layout, rng):
    """Six pairs, each joining two different branches: the branch pairs are visited in a shuffled
    cycle, and each pair takes a leaf not used yet in each of its branches where one is left, so
    that with the default layout the twelve genes are independent."""
    if layout.branches < 2:
        raise ValueError("scenario across needs at least 2 branches")
    if layout.n_genes < 2 * N_ACROSS_PAIRS:
        raise ValueError(f"scenario across needs at least {2 * N_ACROSS_PAIRS} genes")
    branch_pairs = list(itertools.combinations(range(layout.branches), 2))
    order = []
    while len(order) < N_ACROSS_PAIRS:
        rng.shuffle(branch_pairs)
        order.extend(branch_pairs)
    used_leaves, used_genes, pairs = set(), set(), []
    for branch_pair in order[:N_ACROSS_PAIRS]:
        genes = []
        for branch in branch_pair:
            leaves = layout.leaves_of_branch(branch)
            free = [leaf for leaf in leaves if leaf not in used_leaves]
            leaf = rng.choice(free if free else leaves)
            candidates = [g for g in layout.genes_of_leaf(leaf) if g not in used_genes]
            if not candidates:
                raise ValueError("scenario across: too few genes per leaf for six distinct pairs")
            gene = rng.choice(candidates)
            used_leaves.add(leaf)
            used_genes.add(gene)
            genes.append(gene)
        pairs.append({"genes": sorted(genes), "coefficient": 1.0 / math.sqrt(N_ACROSS_PAIRS)})
    return [], pairs


def raw_moments(layout, rho, tanh_terms, pairs):
    """Mean and variance of the unscaled signal, exactly. The expression is a centred Gaussian
    vector, so: the tanh of a linear form is odd and a product is even, hence uncorrelated; two
    tanh terms use different leaves, hence independent; and by Isserlis' theorem
    Cov(x_a x_b, x_c x_d) = S_ac S_bd + S_ad S_bc."""
    cov = lambda g, h: layout.covariance(g, h, rho)  # noqa: E731
    variance = 0.0
    for term in tanh_terms:
        w = term["weights"]
        form_var = sum(w[g] * w[h] * cov(g, h) for g in w for h in w)
        sd = TANH_GAIN * math.sqrt(form_var) / math.sqrt(layout.genes_per_leaf)
        variance += expected_tanh_squared(sd)
    mean = sum(p["coefficient"] * cov(*p["genes"]) for p in pairs)
    for p in pairs:
        for q in pairs:
            (a, b), (c, d) = p["genes"], q["genes"]
            variance += p["coefficient"] * q["coefficient"] * (cov(a, c) * cov(b, d) +
                                                               cov(a, d) * cov(b, c))
    return mean, variance


class Signal:
    def __init__(self, layout, rho, scenario, rng):
        self.layout = layout
        draw = draw_inside if scenario == "inside" else draw_across
        self.tanh_terms, self.pairs = draw(layout, rng)
        self.center, self.raw_variance = raw_moments(layout, rho, self.tanh_terms, self.pairs)
        self.scale = 1.0 / math.sqrt(self.raw_variance)
        self.divisor = math.sqrt(layout.genes_per_leaf)

    def tanh_value(self, term, x):
        return math.tanh(TANH_GAIN * sum(w * x[g] for g, w in term["weights"].items()) /
                         self.divisor)

    def __call__(self, x):
        raw = sum(self.tanh_value(t, x) for t in self.tanh_terms)
        raw += sum(p["coefficient"] * x[p["genes"][0]] * x[p["genes"][1]] for p in self.pairs)
        return self.scale * (raw - self.center)


# ---------------------------------------------------------------------------------------------
# Samples
# ---------------------------------------------------------------------------------------------


def draw_split(layout, rho, signal, noise_sd, rng, n):
    """n samples of one split, each drawn entirely from rng before the next (so a smaller n is a
    prefix): one latent factor per leaf, then one noise per gene, then the phenotype noise."""
    shared, own = math.sqrt(rho), math.sqrt(1.0 - rho)
    gene_leaf = layout.gene_leaf
    rows = []
    for _ in range(n):
        factors = [rng.gauss(0.0, 1.0) for _ in range(layout.n_leaves)]
        x = [shared * factors[gene_leaf[g]] + own * rng.gauss(0.0, 1.0)
             for g in range(layout.n_genes)]
        y = signal(x) + noise_sd * rng.gauss(0.0, 1.0)
        rows.append((x, y))
    return rows


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


def write_atomic(path, chunks):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".")
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it private; these are ordinary data files
        with os.fdopen(fd, "w", newline="\n") as out:
            for chunk in chunks:
                out.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def obo_lines(layout):
    yield "format-version: 1.2\n"
    yield "ontology: ontonet-synthetic\n"
    yield "default-namespace: biological_process\n"

    def stanza(term_id, name, parent):
        text = f"\n[Term]\nid: {term_id}\nname: {name}\nnamespace: biological_process\n"
        return text + (f"is_a: {parent[0]} ! {parent[1]}\n" if parent else "")

    yield stanza(layout.root_id(), "synthetic root", None)
    root = (layout.root_id(), "synthetic root")
    for b in range(layout.branches):
        yield stanza(layout.branch_id(b), layout.branch_name(b), root)
    for leaf in range(layout.n_leaves):
        b = layout.branch_of_leaf(leaf)
        yield stanza(layout.leaf_id(leaf), layout.leaf_name(leaf),
                     (layout.branch_id(b), layout.branch_name(b)))


def gaf_lines(layout):
    yield "!gaf-version: 2.2\n"
    yield "!generated-by: ontonet experiments/constrained_vs_dense/make_synthetic.py\n"
    for g, name in enumerate(layout.gene_names):
        columns = ["SYNDB", f"SYN{g + 1:06d}", name, "involved_in",
                   layout.leaf_id(layout.gene_leaf[g]), "GO_REF:0000000", "IDA", "", "P",
                   f"synthetic gene {name}", "", "protein", "taxon:9606", "20260101", "ontonet",
                   "", ""]
        yield "\t".join(columns) + "\n"


def sample_ids(splits):
    for prefix, rows in splits:
        for i in range(len(rows)):
            yield f"{prefix}{i + 1:06d}"


def expression_lines(layout, splits):
    yield "sample\t" + "\t".join(layout.gene_names) + "\n"
    row_format = "\t".join(["%.4f"] * layout.n_genes) + "\n"
    ids = sample_ids(splits)
    for _, rows in splits:
        for x, _ in rows:
            yield next(ids) + "\t" + row_format % tuple(x)


def phenotype_lines(splits):
    yield "sample\tphenotype\tsplit\n"
    ids = sample_ids(splits)
    for (_, rows), split in zip(splits, ("train", "validation", "test")):
        for _, y in rows:
            yield f"{next(ids)}\t{y:.6f}\t{split}\n"


def truth(args, layout, signal, noise_variance):
    """The contents of truth.json: what was planted, and enough to recompute the signal."""
    name = layout.gene_names
    leaf_ref = lambda leaf: {"id": layout.leaf_id(leaf), "name": layout.leaf_name(leaf)}  # noqa
    causal_genes, causal_terms = [], []
    for term in signal.tanh_terms:
        leaf = term["leaf"]
        for g, w in term["weights"].items():
            causal_genes.append({"gene": name[g], "term": layout.leaf_id(leaf), "role": "tanh",
                                 "weight": w})
        pair = next(p for p in signal.pairs if layout.gene_leaf[p["genes"][0]] == leaf)
        # What the leaf's genes explain alone: Var(E[signal | x_leaf]); here the whole of the
        # leaf's function, as the two causal leaves are independent.
        alone = signal.scale ** 2 * (raw_moments(layout, args.rho, [term], [pair])[1])
        causal_terms.append(dict(leaf_ref(leaf), branch=layout.branch_name(
            layout.branch_of_leaf(leaf)), variance_explained_alone=alone))
    pairs = []
    for p in signal.pairs:
        a, b = p["genes"]
        leaves = [layout.gene_leaf[a], layout.gene_leaf[b]]
        # Inside, a pair's genes share a leaf; across, they meet only at the root.
        same_leaf = leaves[0] == leaves[1]
        lowest_common = layout.leaf_id(leaves[0]) if same_leaf else layout.root_id()
        for g in (a, b):
            causal_genes.append({"gene": name[g], "term": layout.leaf_id(layout.gene_leaf[g]),
                                 "role": "product" if same_leaf else "interaction",
                                 "weight": p["coefficient"]})
        # Var(x_a x_b) = 1 + Cov(x_a, x_b)^2 for standard normal x_a, x_b (Isserlis).
        product_variance = 1.0 + layout.covariance(a, b, args.rho) ** 2
        variance = (signal.scale * p["coefficient"]) ** 2 * product_variance
        pairs.append({"genes": [name[a], name[b]],
                      "terms": [layout.leaf_id(leaf) for leaf in leaves],
                      "branches": [layout.branch_name(layout.branch_of_leaf(leaf))
                                   for leaf in leaves],
                      "lowest_common_term": lowest_common, "coefficient": p["coefficient"],
                      "variance": variance})
    if not signal.tanh_terms:
        # No main effects: a leaf's genes alone explain nothing (E[x_a x_b | x_a] = 0).
        for leaf in sorted({layout.gene_leaf[g] for p in signal.pairs for g in p["genes"]}):
            causal_terms.append(dict(leaf_ref(leaf), branch=layout.branch_name(
                layout.branch_of_leaf(leaf)), variance_explained_alone=0.0))
    return {
        "notes": "weight and coefficient: in the unscaled sum (see signal.formula); variance and "
                 "variance_explained_alone: parts of the signal's variance, which is 1",
        "scenario": args.scenario,
        "seed": args.seed,
        "layout": {"branches": layout.branches, "leaves_per_branch": layout.leaves_per_branch,
                   "genes_per_leaf": layout.genes_per_leaf, "genes": layout.n_genes},
        "rho": args.rho,
        "samples": {"train": args.n_train, "validation": args.n_validation, "test": args.n_test},
        "causal_genes": causal_genes,
        "causal_terms": causal_terms,
        "interaction_pairs": pairs,
        "signal": {
            "formula": "scale * (sum_t tanh(tanh_gain * sum_g w_g x_g / divisor)"
                       " + sum_p coefficient_p x_a x_b - center)",
            "tanh_gain": TANH_GAIN,
            "divisor": signal.divisor,
            "tanh_terms": [{"term": layout.leaf_id(t["leaf"]),
                            "weights": {name[g]: w for g, w in t["weights"].items()}}
                           for t in signal.tanh_terms],
            "center": signal.center,
            "scale": signal.scale,
            "raw_variance": signal.raw_variance,
        },
        "signal_variance": 1.0,
        "noise_variance": noise_variance,
        "r2_ceiling": 1.0 / (1.0 + noise_variance),
    }


# ---------------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="output folder (created if missing)")
    parser.add_argument("--scenario", required=True, choices=["inside", "across"])
    parser.add_argument("--n-train", type=int, required=True, metavar="N")
    parser.add_argument("--n-validation", type=int, metavar="N",
                        help="(=max(100, n_train // 4))")
    parser.add_argument("--n-test", type=int, default=5000, metavar="N", help="(=5000)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="(=1)")
    parser.add_argument("--rho", type=float, default=0.3, metavar="R",
                        help="correlation of two genes of one leaf (=0.3)")
    parser.add_argument("--r2-ceiling", type=float, default=0.6, metavar="C",
                        help="signal variance / phenotype variance (=0.6)")
    parser.add_argument("--branches", type=int, default=4, metavar="B", help="(=4)")
    parser.add_argument("--leaves-per-branch", type=int, default=4, metavar="L", help="(=4)")
    parser.add_argument("--genes-per-leaf", type=int, default=8, metavar="G", help="(=8)")
    args = parser.parse_args(argv)
    if args.n_validation is None:
        args.n_validation = max(100, args.n_train // 4)
    for option in ("n_train", "n_validation", "n_test", "branches", "leaves_per_branch",
                   "genes_per_leaf"):
        if getattr(args, option) < 1:
            parser.error(f"--{option.replace('_', '-')} must be >= 1")
    if not 0.0 <= args.rho < 1.0:
        parser.error("--rho must be in [0, 1)")
    if not 0.0 < args.r2_ceiling <= 1.0:
        parser.error("--r2-ceiling must be in (0, 1]")
    return parser, args


def main(argv=None):
    parser, args = parse_args(argv)
    layout = Layout(args.branches, args.leaves_per_branch, args.genes_per_leaf)
    try:
        signal = Signal(layout, args.rho, args.scenario, stream(args.seed, "truth"))
    except ValueError as error:
        parser.error(str(error))
    noise_variance = (1.0 - args.r2_ceiling) / args.r2_ceiling
    noise_sd = math.sqrt(noise_variance)
    splits = [(prefix, draw_split(layout, args.rho, signal, noise_sd, stream(args.seed, split), n))
              for prefix, split, n in (("train", "train", args.n_train),
                                       ("val", "validation", args.n_validation),
                                       ("test", "test", args.n_test))]
    os.makedirs(args.out, exist_ok=True)
    path = lambda name: os.path.join(args.out, name)  # noqa: E731
    write_atomic(path("synthetic.obo"), obo_lines(layout))
    write_atomic(path("synthetic.gaf"), gaf_lines(layout))
    write_atomic(path("expression.tsv"), expression_lines(layout, splits))
    write_atomic(path("phenotypes.tsv"), phenotype_lines(splits))
    write_atomic(path("truth.json"),
                 [json.dumps(truth(args, layout, signal, noise_variance), indent=2) + "\n"])
    print(f"make_synthetic: wrote {args.out}: scenario {args.scenario}, {layout.n_genes} genes in "
          f"{layout.n_leaves} leaves under {layout.branches} branches, {args.n_train} train / "
          f"{args.n_validation} validation / {args.n_test} test samples, rho {args.rho:g}, "
          f"R^2 ceiling {args.r2_ceiling:g}, seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
