#!/usr/bin/env python3
"""Tests of make_synthetic.py through its command line: the files it writes are read back with
parsers written here, and the planted signal is recomputed from truth.json alone, so the tests do
not trust the generator's own bookkeeping.
Run from the repository root:
    python3 -m unittest experiments/constrained_vs_dense/test_make_synthetic.py
"""
import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "make_synthetic.py")
FILES = ["synthetic.obo", "synthetic.gaf", "expression.tsv", "phenotypes.tsv", "truth.json"]


def run(out, *args):
    return subprocess.run([sys.executable, SCRIPT, "--out", out, *args], capture_output=True,
                          text=True)


def read_obo(path):
    """{id: (name, [is_a parents])}"""
    terms, current = {}, None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "[Term]":
                current = {"parents": []}
            elif current is not None and line.startswith("id: "):
                current["id"] = line[4:]
            elif current is not None and line.startswith("name: "):
                current["name"] = line[6:]
            elif current is not None and line.startswith("is_a: "):
                current["parents"].append(line[6:].split(" ! ")[0])
            elif line == "" and current is not None and "id" in current:
                terms[current["id"]] = (current["name"], current["parents"])
                current = None
    if current is not None and "id" in current:
        terms[current["id"]] = (current["name"], current["parents"])
    return terms


def read_gaf(path):
    """[(gene symbol, term)]; checks the 17 columns GAF 2.2 requires."""
    pairs = []
    with open(path) as f:
        for line in f:
            if line.startswith("!"):
                continue
            columns = line.rstrip("\n").split("\t")
            assert len(columns) == 17, line
            pairs.append((columns[2], columns[4]))
    return pairs


def read_table(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    return rows[0], rows[1:]


def read_cohort(folder):
    """(genes, {sample: [expression]}, [(sample, phenotype, split)], truth)"""
    header, rows = read_table(os.path.join(folder, "expression.tsv"))
    expression = {row[0]: [float(v) for v in row[1:]] for row in rows}
    pheno_header, pheno_rows = read_table(os.path.join(folder, "phenotypes.tsv"))
    assert pheno_header == ["sample", "phenotype", "split"], pheno_header
    phenotypes = [(r[0], float(r[1]), r[2]) for r in pheno_rows]
    with open(os.path.join(folder, "truth.json")) as f:
        truth = json.load(f)
    return header[1:], expression, phenotypes, truth


def true_signal(truth, genes, x):
    """The signal as truth.json states it, evaluated on one expression row."""
    s = truth["signal"]
    value = {g: v for g, v in zip(genes, x)}
    raw = sum(math.tanh(s["tanh_gain"] * sum(w * value[g] for g, w in t["weights"].items()) /
                        s["divisor"]) for t in s["tanh_terms"])
    raw += sum(p["coefficient"] * value[p["genes"][0]] * value[p["genes"][1]]
               for p in truth["interaction_pairs"])
    return s["scale"] * (raw - s["center"])


def branch_of_gene(folder):
    """{gene: branch term}, through the GAF (gene -> leaf) and the OBO (leaf -> branch)."""
    terms = read_obo(os.path.join(folder, "synthetic.obo"))
    leaf_of = dict(read_gaf(os.path.join(folder, "synthetic.gaf")))
    return {g: terms[leaf][1][0] for g, leaf in leaf_of.items()}, leaf_of


def mean(values):
    return sum(values) / len(values)


def correlation(a, b):
    ma, mb = mean(a), mean(b)
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    return cov / math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))


class MakeSynthetic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dirs = {}
        for scenario in ("inside", "across"):
            for n in (200, 1000):
                folder = os.path.join(cls.tmp.name, f"{scenario}{n}")
                result = run(folder, "--scenario", scenario, "--n-train", str(n), "--seed", "7")
                assert result.returncode == 0, result.stderr
                cls.dirs[(scenario, n)] = folder
        cls.printed = result.stdout
        cls.cohorts = {key: read_cohort(folder) for key, folder in cls.dirs.items()}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def rows_of_split(self, key, split):
        genes, expression, phenotypes, _ = self.cohorts[key]
        return [(s, expression[s], y) for s, y, sp in phenotypes if sp == split]

    def test_same_arguments_give_identical_bytes(self):
        again = os.path.join(self.tmp.name, "again")
        result = run(again, "--scenario", "inside", "--n-train", "200", "--seed", "7")
        self.assertEqual(result.returncode, 0, result.stderr)
        for name in FILES:
            with open(os.path.join(again, name), "rb") as a, \
                    open(os.path.join(self.dirs[("inside", 200)], name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)
        other_seed = os.path.join(self.tmp.name, "other_seed")
        run(other_seed, "--scenario", "inside", "--n-train", "200", "--seed", "8")
        with open(os.path.join(other_seed, "phenotypes.tsv")) as a, \
                open(os.path.join(again, "phenotypes.tsv")) as b:
            self.assertNotEqual(a.read(), b.read())

    def test_prints_one_summary_line(self):
        lines = self.printed.splitlines()
        self.assertEqual(len(lines), 1)
        self.assertIn("scenario across", lines[0])
        self.assertIn("1000 train / 250 validation / 5000 test", lines[0])

    def test_test_split_does_not_depend_on_n_train(self):
        for scenario in ("inside", "across"):
            small = self.rows_of_split((scenario, 200), "test")
            large = self.rows_of_split((scenario, 1000), "test")
            self.assertEqual(len(small), 5000)
            self.assertEqual(small, large, scenario)
            self.assertEqual(small[0][0], "test000001")

    def test_smaller_train_is_prefix_of_larger(self):
        for scenario in ("inside", "across"):
            small = self.rows_of_split((scenario, 200), "train")
            large = self.rows_of_split((scenario, 1000), "train")
            self.assertEqual(small, large[:200], scenario)
            self.assertNotEqual(large[200][1], large[0][1])
            # Validation has its own stream too: 100 then 250 samples, the first 100 shared.
            small_val = self.rows_of_split((scenario, 200), "validation")
            large_val = self.rows_of_split((scenario, 1000), "validation")
            self.assertEqual(small_val, large_val[:100])

    def test_split_counts_and_ids(self):
        for (scenario, n), (_, expression, phenotypes, _) in self.cohorts.items():
            counts = {}
            for _, _, split in phenotypes:
                counts[split] = counts.get(split, 0) + 1
            self.assertEqual(counts, {"train": n, "validation": max(100, n // 4), "test": 5000})
            self.assertEqual([s for s, _, _ in phenotypes], list(expression))
        self.assertEqual(self.cohorts[("inside", 1000)][2][1199][0], "val000200")
        folder = os.path.join(self.tmp.name, "explicit")
        result = run(folder, "--scenario", "across", "--n-train", "30", "--n-validation", "7",
                     "--n-test", "11")
        self.assertEqual(result.returncode, 0, result.stderr)
        splits = [r[2] for r in read_table(os.path.join(folder, "phenotypes.tsv"))[1]]
        self.assertEqual(splits, ["train"] * 30 + ["validation"] * 7 + ["test"] * 11)

    def test_ontology_and_annotations(self):
        folder = self.dirs[("inside", 200)]
        terms = read_obo(os.path.join(folder, "synthetic.obo"))
        self.assertEqual(len(terms), 1 + 4 + 16)
        self.assertEqual(terms["SYN:0000001"], ("synthetic root", []))
        self.assertEqual(terms["SYN:0000003"], ("branch 2", ["SYN:0000001"]))
        self.assertEqual(terms["SYN:0000008"], ("leaf 1.3", ["SYN:0000002"]))
        self.assertEqual(terms["SYN:0000021"], ("leaf 4.4", ["SYN:0000005"]))
        annotations = read_gaf(os.path.join(folder, "synthetic.gaf"))
        genes = [g for g, _ in annotations]
        self.assertEqual(genes, [f"G{i:03d}" for i in range(1, 129)])  # one line per gene
        leaves = {t for t, (name, _) in terms.items() if name.startswith("leaf")}
        per_leaf = {}
        for gene, term in annotations:
            self.assertIn(term, leaves)
            per_leaf.setdefault(term, []).append(gene)
        self.assertEqual(sorted(len(v) for v in per_leaf.values()), [8] * 16)
        self.assertEqual(per_leaf["SYN:0000006"], [f"G{i:03d}" for i in range(1, 9)])
        matrix_genes = self.cohorts[("inside", 200)][0]
        self.assertEqual(set(matrix_genes), set(genes))
        self.assertEqual(len(matrix_genes), 128)

    def test_options_change_the_layout(self):
        folder = os.path.join(self.tmp.name, "layout")
        result = run(folder, "--scenario", "inside", "--n-train", "10", "--n-test", "10",
                     "--branches", "3", "--leaves-per-branch", "2", "--genes-per-leaf", "6")
        self.assertEqual(result.returncode, 0, result.stderr)
        terms = read_obo(os.path.join(folder, "synthetic.obo"))
        self.assertEqual(len(terms), 1 + 3 + 6)
        self.assertEqual(terms["SYN:0000010"], ("leaf 3.2", ["SYN:0000004"]))
        annotations = read_gaf(os.path.join(folder, "synthetic.gaf"))
        self.assertEqual(len(annotations), 36)
        self.assertEqual(annotations[6], ("G007", "SYN:0000006"))

    def test_inside_signal_lives_in_two_leaves_of_different_branches(self):
        branch, leaf = branch_of_gene(self.dirs[("inside", 200)])
        truth = self.cohorts[("inside", 200)][3]
        tanh_terms = truth["signal"]["tanh_terms"]
        self.assertEqual(len(tanh_terms), 2)
        self.assertNotEqual(branch[next(iter(tanh_terms[0]["weights"]))],
                            branch[next(iter(tanh_terms[1]["weights"]))])
        for term, pair in zip(tanh_terms, truth["interaction_pairs"]):
            self.assertEqual(len(term["weights"]), 4)
            self.assertEqual({leaf[g] for g in term["weights"]}, {term["term"]})
            self.assertEqual({leaf[g] for g in pair["genes"]}, {term["term"]})
            self.assertFalse(set(pair["genes"]) & set(term["weights"]))
        self.assertEqual([t["id"] for t in truth["causal_terms"]], [t["term"] for t in tanh_terms])
        explained = sum(t["variance_explained_alone"] for t in truth["causal_terms"])
        self.assertAlmostEqual(explained, 1.0, places=9)  # two independent leaves: additive

    def test_across_pairs_join_different_branches(self):
        branch, leaf = branch_of_gene(self.dirs[("across", 200)])
        truth = self.cohorts[("across", 200)][3]
        pairs = truth["interaction_pairs"]
        self.assertEqual(len(pairs), 6)
        self.assertEqual(truth["signal"]["tanh_terms"], [])
        genes = [g for p in pairs for g in p["genes"]]
        self.assertEqual(len(set(genes)), 12)
        for p in pairs:
            a, b = p["genes"]
            self.assertNotEqual(branch[a], branch[b], p)
            self.assertEqual(p["lowest_common_term"], "SYN:0000001")
            self.assertEqual(p["terms"], [leaf[a], leaf[b]])
            self.assertAlmostEqual(p["coefficient"], 1 / math.sqrt(6))
        # The default layout has 6 branch pairs: each is used once.
        self.assertEqual(len({tuple(sorted((branch[a], branch[b]))) for a, b in
                              (p["genes"] for p in pairs)}), 6)

    def test_true_signal_reaches_the_r2_ceiling_on_test(self):
        for scenario in ("inside", "across"):
            genes, _, _, truth = self.cohorts[(scenario, 1000)]
            self.assertAlmostEqual(truth["r2_ceiling"], 0.6)
            self.assertAlmostEqual(truth["noise_variance"], 0.4 / 0.6)
            rows = self.rows_of_split((scenario, 1000), "test")
            signal = [true_signal(truth, genes, x) for _, x, _ in rows]
            y = [v for _, _, v in rows]
            my = mean(y)
            r2 = 1 - (sum((a - b) ** 2 for a, b in zip(y, signal)) /
                      sum((a - my) ** 2 for a in y))
            self.assertLess(abs(r2 - 0.6), 0.05, scenario)
            self.assertLess(abs(correlation(signal, y) ** 2 - 0.6), 0.05, scenario)
            # The exact variance the generator rescaled by: mean 0, variance 1 (5000 draws).
            ms = mean(signal)
            self.assertLess(abs(ms), 0.06, scenario)
            self.assertLess(abs(sum((s - ms) ** 2 for s in signal) / len(signal) - 1), 0.1,
                            scenario)

    def test_r2_ceiling_option_sets_the_noise(self):
        folder = os.path.join(self.tmp.name, "ceiling")
        result = run(folder, "--scenario", "across", "--n-train", "10", "--r2-ceiling", "0.25",
                     "--n-test", "4000")
        self.assertEqual(result.returncode, 0, result.stderr)
        genes, expression, phenotypes, truth = read_cohort(folder)
        self.assertAlmostEqual(truth["noise_variance"], 3.0)
        test = [(expression[s], y) for s, y, split in phenotypes if split == "test"]
        residual = [y - true_signal(truth, genes, x) for x, y in test]
        variance = sum(r * r for r in residual) / len(residual)
        self.assertLess(abs(variance - 3.0), 0.2)

    def test_expression_is_standard_normal_correlated_within_leaves(self):
        genes, expression, phenotypes, _ = self.cohorts[("across", 1000)]
        test = [expression[s] for s, _, split in phenotypes if split == "test"]
        column = lambda g: [row[genes.index(g)] for row in test]  # noqa: E731
        g1, g2, g9 = column("G001"), column("G002"), column("G009")  # G009: next leaf
        self.assertLess(abs(correlation(g1, g2) - 0.3), 0.05)
        self.assertLess(abs(correlation(g1, g9)), 0.05)
        self.assertLess(abs(mean(g1)), 0.05)
        self.assertLess(abs(sum(v * v for v in g1) / len(g1) - 1), 0.06)

    def test_rejects_bad_options(self):
        folder = os.path.join(self.tmp.name, "bad")
        for args, message in [
            (["--scenario", "inside", "--n-train", "10", "--genes-per-leaf", "5"],
             "at least 6 genes per leaf"),
            (["--scenario", "across", "--n-train", "10", "--branches", "1"], "at least 2 branches"),
            (["--scenario", "inside", "--n-train", "10", "--rho", "1"], "--rho must be in [0, 1)"),
            (["--scenario", "inside", "--n-train", "0"], "--n-train must be >= 1"),
            (["--scenario", "sideways", "--n-train", "10"], "invalid choice: 'sideways'"),
        ]:
            result = run(folder, *args)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn(message, result.stderr)
        self.assertFalse(os.path.exists(os.path.join(folder, "truth.json")))


class ExpectedTanhSquared(unittest.TestCase):
    """The variance of tanh(s), s ~ N(0, sd^2), against its series at both ends."""

    @classmethod
    def setUpClass(cls):
        spec = importlib.util.spec_from_file_location("make_synthetic", SCRIPT)
        cls.module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.module)

    def test_small_sd_follows_the_taylor_series(self):
        # tanh^2 s = s^2 - 2/3 s^4 + 17/45 s^6 - ..., E s^4 = 3 sd^4, E s^6 = 15 sd^6.
        sd = 0.05
        expected = sd ** 2 - 2 * sd ** 4 + 17 / 3 * sd ** 6
        self.assertAlmostEqual(self.module.expected_tanh_squared(sd), expected, delta=2e-9)

    def test_large_sd_approaches_one(self):
        # 1 - E sech^2 s ~ 1 - 2 / (sd sqrt(2 pi)) as sd grows (sech^2 integrates to 2).
        sd = 200.0
        expected = 1 - 2 / (sd * math.sqrt(2 * math.pi))
        self.assertAlmostEqual(self.module.expected_tanh_squared(sd), expected, delta=1e-5)


if __name__ == "__main__":
    unittest.main()
