"""The module graph from `use` lines: upward imports between the library's layers, and the
cycles among the desk's files. Run from the repository root: python3 scripts/layers.py"""
import collections, os, re, sys

ORDER = ["text", "written", "statutory", "calendar", "domain", "error", "clock", "files",
         "progress", "store", "report", "exchange", "document", "archive", "demo", "generate", "county"]
RANK = {m: i for i, m in enumerate(ORDER)}


def sources(folder):
    for dp, _, fs in os.walk(folder):
        for f in sorted(fs):
            if f.endswith(".rs") and not f.endswith("tests.rs"):
                path = os.path.join(dp, f)
                # Test modules may reach anywhere; only the product's code is layered.
                yield path, open(path, encoding="utf-8").read().split("#[cfg(test)]")[0]


def library():
    up, seen = collections.Counter(), collections.defaultdict(set)
    for path, text in sources("src"):
        top = os.path.relpath(path, "src").split(os.sep)[0].removesuffix(".rs")
        if top not in RANK:
            continue
        for m in re.finditer(r"crate::([a-z_]+)", text):
            if m.group(1) in RANK and RANK[m.group(1)] > RANK[top]:
                up[(top, m.group(1))] += 1
                seen[(top, m.group(1))].add(os.path.relpath(path, "src"))
    for (a, b), n in sorted(up.items()):
        print(f"  {a} -> {b}: {n} ({', '.join(sorted(seen[(a, b)]))})")
    print(f"upward references in the library: {sum(up.values())}")


def module_of(path):
    rel = os.path.relpath(path, "src/tui").removesuffix(".rs")
    return rel.removesuffix("/mod").replace(os.sep, "::") if rel != "mod" else ""


def desk():
    """Edges between the desk's modules (a folder counts as one), then its cycles."""
    edges = collections.defaultdict(set)
    for path, text in sources("src/tui"):
        here = module_of(path).split("::") if module_of(path) else []
        # A file's `super` is its parent module; a folder's mod.rs is the folder itself.
        parent = here[:-1] if not path.endswith("mod.rs") else here[:-1]
        me = here[0] if here else ""
        if not me:
            continue
        pat = r"(crate::tui|(?:super::)*super)::(?:\{([^}]*)\}|([a-z_]+))"
        for m in re.finditer(pat, text):
            if m.group(1) == "crate::tui":
                base = []
            else:
                ups = m.group(1).count("super")
                base = parent[: len(parent) - (ups - 1)] if ups - 1 <= len(parent) else None
                if base is None:
                    continue
            names = m.group(2).split(",") if m.group(2) else [m.group(3)]
            for n in names:
                n = n.strip().split("::")[0]
                target = (base + [n])[0] if re.fullmatch(r"[a-z_]+", n) else None
                if target and target != me and (
                    os.path.exists(f"src/tui/{target}.rs") or os.path.isdir(f"src/tui/{target}")
                ):
                    edges[me].add(target)
    # Tarjan's strongly connected components.
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))
    sys.setrecursionlimit(10000)
    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            visit(v)
    for comp in out:
        print(f"  cycle of {len(comp)}: {', '.join(comp)}")
    print(f"cycles among the desk's modules: {len(out)}")


if __name__ == "__main__":
    library()
    desk()
