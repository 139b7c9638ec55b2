#!/usr/bin/python3
"""house: the file graph of calllog's objects, and its cycles.

    tools/house.py [--floors] OBJECT...

An arrow runs from a.o to b.o when a uses a symbol b defines (a call, or
data), read with nm(1) from the objects the build made, so it sees what
the linker sees, not what a header merely declares.  Prints every cycle
(a strongly connected set of two or more files, with the symbols that tie
each arrow of it) and exits 1 when there is one, 0 when the house has
none.  With --floors it also prints each file's floor (1: uses no other
file of the house; n: one more than the highest it uses), the layers the
README draws.

Generated objects (migrations.o, directory_data.o) are data, a floor of
their own.  No third-party graph tool: nm is in binutils, which the build
needs anyway.
"""
import os
import subprocess
import sys


def symbols(obj):
    out = subprocess.run(["nm", "-P", obj], check=True, text=True,
                         capture_output=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            used.add(name)
        elif kind in "TDBRCGSVW":	# global definitions only
            defined.add(name)
    return defined, used


def graph(objs):
    names = {o: os.path.basename(o)[:-2] for o in objs}
    where, uses = {}, {}
    for o in objs:
        d, u = symbols(o)
        for s in d:
            where[s] = names[o]
        uses[names[o]] = u
    edges = {n: {} for n in names.values()}
    for n, u in uses.items():
        for s in u:
            t = where.get(s)
            if t is not None and t != n:
                edges[n].setdefault(t, set()).add(s)
    return edges


def cycles(edges):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def floors(edges):
    floor = {}

    def of(n, seen=()):
        if n in floor:
            return floor[n]
        if n in seen:		# a cycle: reported elsewhere
            return 0
        f = 1 + max((of(t, seen + (n,)) for t in edges[n]), default=0)
        floor[n] = f
        return f
    for n in edges:
        of(n)
    return floor


def main(argv):
    show_floors = "--floors" in argv
    objs = [a for a in argv if a != "--floors"]
    if not objs:
        sys.stderr.write("usage: house.py [--floors] OBJECT...\n")
        return 2
    edges = graph(objs)
    found = cycles(edges)
    if show_floors:
        fl = floors(edges)
        for f in sorted(set(fl.values()), reverse=True):
            print("floor %2d: %s" % (f, " ".join(sorted(
                n for n in fl if fl[n] == f))))
    for comp in found:
        print("cycle: " + " ".join(comp))
        members = set(comp)
        for a in comp:
            for b in sorted(edges[a]):
                if b in members:
                    print("  %s -> %s: %s" % (a, b,
                          " ".join(sorted(edges[a][b]))))
    if found:
        print("house: %d cycle(s) among the files" % len(found))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
