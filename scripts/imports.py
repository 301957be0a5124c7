#!/usr/bin/env python3
"""Draw the import graph of a Rust crate's src/ and look for circles.

    python3 scripts/imports.py [--dot] [SRC_DIR]

Reads every `.rs` file under SRC_DIR (default: src/ beside this script's
folder), takes every path that starts with `crate::`, `super::` or `self::`
(in `use` items and written inline), and the paths through a module a file
declares (`mod walk;` then `walk::run()`), and resolves each to the file
that defines it, following `pub use` re-exports. Test code is left out:
`#[cfg(test)]` blocks and files declared under `#[cfg(test)]`.

Two drawings are checked:
  * modules: one node per top-level module (`src/rules/**` is `rules`);
  * files: one node per file. A module's root file (`mod.rs`, or `a.rs`
    beside `a/`) declares its children and is the face they are reached
    through, so its own edges down to its descendants are left out; every
    other edge counts, a child's edge up to its parent included.

Prints each circle (strongly connected component) found and exits 1, or
prints "no circle" with the counts and exits 0. `--dot` prints the module
drawing in Graphviz form instead.
"""

import os
import re
import sys

USE = re.compile(r"\b(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]+);")
INLINE = re.compile(r"(?<![\w:])((?:crate|super|self)(?:::\w+)+)")


def strip(text):
    """Text without comments, string and char literals."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r'r(#*)".*?"\1', '""', text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text, flags=re.S)
    text = re.sub(r"'(?:\\.|[^'\\])'", "' '", text)
    return re.sub(r"//[^\n]*", "", text)


def drop_test_blocks(text):
    """Text without `#[cfg(test)]` inline modules and items; the names of
    modules declared as `#[cfg(test)] mod x;`."""
    test_mods = set()
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]", text):
        if m.start() < i:
            continue
        out.append(text[i : m.start()])
        j = m.end()
        decl = re.match(r"\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", text[j:])
        if decl:
            test_mods.add(decl.group(1))
            i = j + decl.end()
            continue
        # Skip the item: up to its matching closing brace, or its `;`.
        depth, k = 0, j
        while k < len(text):
            c = text[k]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    k += 1
                    break
            elif c == ";" and depth == 0:
                k += 1
                break
            k += 1
        i = k
    out.append(text[i:])
    return "".join(out), test_mods


def expand(tree):
    """`a::{b, c::{d, e as f}}` as [(path, name)]: [("a::b", "b"), ...]."""
    tree = re.sub(r"\s+as\s+", " as ", tree.strip())
    tree = re.sub(r"\s*(::|,|\{|\})\s*", r"\1", tree)
    results = []

    def walk(prefix, s):
        parts, depth, cur = [], 0, ""
        for c in s:
            if c == "," and depth == 0:
                parts.append(cur)
                cur = ""
                continue
            depth += c == "{"
            depth -= c == "}"
            cur += c
        parts.append(cur)
        for part in filter(None, parts):
            brace = part.find("{")
            if brace >= 0:
                head = [x for x in part[:brace].split("::") if x]
                walk(prefix + head, part[brace + 1 : part.rfind("}")])
                continue
            path, _, alias = part.partition(" as ")
            segs = prefix + [x for x in path.split("::") if x]
            if segs and segs[-1] == "self":
                segs = segs[:-1]
            if segs and segs[-1] != "*":
                results.append(("::".join(segs), alias or segs[-1]))
            elif len(segs) > 1:
                results.append(("::".join(segs[:-1]), "*"))

    walk([], tree)
    return results


class Crate:
    def __init__(self, src):
        self.src = src
        self.files = {}  # module path tuple -> file
        self.module_of = {}  # file -> module path tuple
        self.roots = set()  # files that are a module's root
        self.texts = {}
        self.children = {}  # file -> declared child module names
        self.skip = set()
        for dirpath, _, names in os.walk(src):
            for name in sorted(names):
                if name.endswith(".rs"):
                    self._add(os.path.join(dirpath, name))
        for f in list(self.texts):
            raw = strip(open(f, encoding="utf-8").read())
            text, test_mods = drop_test_blocks(raw)
            self.texts[f] = text
            self.children[f] = set(re.findall(r"\bmod\s+(\w+)\s*;", text))
            for t in test_mods:
                child = self.files.get(self.module_of[f] + (t,))
                if child:
                    self.skip.add(child)
        self.reexports = {f: self._reexports(f) for f in self.texts}

    def _add(self, path):
        rel = os.path.relpath(path, self.src)[:-3].split(os.sep)
        if rel in (["lib"], ["main"]):
            mod = ()
        elif rel[-1] == "mod":
            mod = tuple(rel[:-1])
        else:
            mod = tuple(rel)
        self.files[mod] = path
        self.module_of[path] = mod
        self.texts[path] = ""
        if rel[-1] in ("mod", "lib", "main") or os.path.isdir(path[:-3]):
            self.roots.add(path)

    def _reexports(self, f):
        names = {}
        for m in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);", self.texts[f]):
            for path, name in expand(m.group(1)):
                names[name] = path
        return names

    def absolute(self, f, segs):
        """A path's segments from the crate root, as written in file `f`."""
        mod = list(self.module_of[f])
        if segs[0] == "crate":
            return segs[1:]
        if segs[0] in ("super", "self"):
            while segs and segs[0] in ("super", "self"):
                if segs[0] == "super":
                    mod = mod[:-1]
                segs = segs[1:]
            return mod + segs
        if segs[0] in self.children.get(f, ()):
            return mod + segs
        return None

    def resolve(self, segs, depth=0):
        """The file that defines what `segs` (from the crate root) names."""
        for n in range(len(segs), -1, -1):
            f = self.files.get(tuple(segs[:n]))
            if f is None:
                continue
            rest = segs[n:]
            if rest and depth < 16 and rest[0] in self.reexports.get(f, {}):
                target = self.absolute(f, self.reexports[f][rest[0]].split("::"))
                if target is not None:
                    return self.resolve(target + rest[1:], depth + 1)
            return f
        return None

    def edges(self):
        out = {f: set() for f in self.texts if f not in self.skip}
        for f in out:
            text = self.texts[f]
            paths = []
            for m in USE.finditer(text):
                paths += [p for p, _ in expand(m.group(1))]
            body = USE.sub(" ", text)
            paths += INLINE.findall(body)
            for child in self.children[f]:
                paths += re.findall(r"(?<![\w:])(" + child + r"(?:::\w+)+)", body)
            for p in paths:
                segs = p.split("::")
                absolute = self.absolute(f, segs)
                if absolute is None:
                    continue
                target = self.resolve(absolute)
                if target and target != f and target not in self.skip:
                    out[f].add(target)
        return out


def circles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main(argv):
    dot = "--dot" in argv
    args = [a for a in argv if a != "--dot"]
    here = os.path.dirname(os.path.abspath(__file__))
    src = args[0] if args else os.path.join(here, "..", "src")
    crate = Crate(os.path.normpath(src))
    files = crate.edges()

    def top(f):
        mod = crate.module_of[f]
        return mod[0] if mod else "(crate)"

    modules = {}
    for f, targets in files.items():
        modules.setdefault(top(f), set())
        for t in targets:
            if top(t) != top(f) and top(f) != "(crate)" and top(t) != "(crate)":
                modules[top(f)].add(top(t))
    if dot:
        print("digraph imports {")
        for m, targets in sorted(modules.items()):
            for t in sorted(targets):
                print(f'  "{m}" -> "{t}";')
        print("}")
        return 0

    def down(f, t):
        if f not in crate.roots:
            return False
        mod, target = crate.module_of[f], crate.module_of[t]
        return target[: len(mod)] == mod

    graph = {f: {t for t in ts if not down(f, t)} for f, ts in files.items()}
    bad = 0
    for name, g, show in (
        ("module", modules, str),
        ("file", graph, lambda f: os.path.relpath(f, os.path.dirname(crate.src))),
    ):
        for comp in circles(g):
            bad += 1
            print(f"{name} circle: " + " <-> ".join(show(c) for c in comp))
    if bad:
        return 1
    edges = sum(len(t) for t in graph.values())
    print(f"no circle: {len(modules)} modules, {len(graph)} files, {edges} file imports")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
